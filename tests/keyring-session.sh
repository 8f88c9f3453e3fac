#!/bin/sh
# Runs a command inside a private D-Bus session with a real, unlocked gnome-keyring-daemon,
# and a throw-away HOME so no keyring file of the user's is touched.
# Usage: keyring-session.sh COMMAND [ARGS…]
set -eu

if [ -z "${TL_IN_KEYRING_SESSION:-}" ]; then
  export TL_IN_KEYRING_SESSION=1
  TL_KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/tl-keyring.XXXXXX")
  export TL_KEYRING_HOME
  # If a document portal was activated on the private bus (a file drop does that where
  # xdg-desktop-portal is installed) its FUSE mount may still be live under run/doc when
  # the session ends: detach it before removing the directory, and keep the exit status
  # of the command, not of the clean-up.
  cleanup() {
    status=$?
    doc="$TL_KEYRING_HOME/run/doc"
    if mountpoint -q "$doc" 2>/dev/null; then
      fusermount3 -u -z "$doc" 2>/dev/null || fusermount -u -z "$doc" 2>/dev/null ||
        umount -l "$doc" 2>/dev/null || true
    fi
    # a lazily detached mount goes once its last user has gone: try until then, a while at most
    tries=0
    until rm -rf "$TL_KEYRING_HOME" 2>/dev/null; do
      tries=$((tries + 1))
      if [ "$tries" -ge 100 ]; then
        echo "keyring-session.sh: could not remove $TL_KEYRING_HOME" >&2
        break
      fi
      sleep 0.1
    done
    exit "$status"
  }
  trap cleanup EXIT
  mkdir -p "$TL_KEYRING_HOME/run" "$TL_KEYRING_HOME/data" && chmod 700 "$TL_KEYRING_HOME/run"
  HOME="$TL_KEYRING_HOME" XDG_DATA_HOME="$TL_KEYRING_HOME/data" \
    XDG_CONFIG_HOME="$TL_KEYRING_HOME/config" XDG_CACHE_HOME="$TL_KEYRING_HOME/cache" \
    XDG_RUNTIME_DIR="$TL_KEYRING_HOME/run" \
    dbus-run-session --dbus-daemon="$(dirname "$0")/dbus-daemon-quiet.sh" -- "$0" "$@"
  exit $?
fi

# --unlock reads the login keyring's password from stdin; --daemonize returns once it is up.
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --daemonize --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
