#!/bin/sh
# Runs a command inside a private D-Bus session with a real, unlocked gnome-keyring-daemon,
# and a throw-away HOME so no keyring file of the user's is touched.
# Usage: keyring-session.sh COMMAND [ARGS…]
set -eu

if [ -z "${TL_IN_KEYRING_SESSION:-}" ]; then
  export TL_IN_KEYRING_SESSION=1
  TL_KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/tl-keyring.XXXXXX")
  export TL_KEYRING_HOME
  trap 'rm -rf "$TL_KEYRING_HOME"' EXIT
  mkdir -p "$TL_KEYRING_HOME/run" "$TL_KEYRING_HOME/data" && chmod 700 "$TL_KEYRING_HOME/run"
  HOME="$TL_KEYRING_HOME" XDG_DATA_HOME="$TL_KEYRING_HOME/data" \
    XDG_CONFIG_HOME="$TL_KEYRING_HOME/config" XDG_CACHE_HOME="$TL_KEYRING_HOME/cache" \
    XDG_RUNTIME_DIR="$TL_KEYRING_HOME/run" \
    dbus-run-session -- "$0" "$@"
  exit $?
fi

# --unlock reads the login keyring's password from stdin; --daemonize returns once it is up.
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
