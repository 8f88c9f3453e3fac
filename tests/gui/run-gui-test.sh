#!/bin/sh
# Runs a GUI test script in a real X server (Xvfb), a private D-Bus session with the
# accessibility bus, and a real unlocked gnome-keyring-daemon (tests/keyring-session.sh).
# Usage: run-gui-test.sh SCRIPT [ARGS…]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../xvfb-session.sh" -s "-screen 0 ${TL_SCREEN:-720x900}x24" \
  "$here/../keyring-session.sh" /usr/bin/python3 "$@"
