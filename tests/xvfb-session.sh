#!/bin/sh
# Runs a command with an X server (Xvfb) of its own, and stops the server afterwards.
#
# The server picks its own display number and says it once it takes clients (-displayfd), so
# two test runs started at once never share one. (xvfb-run -a looks for a free number first and
# starts the server after: two runs at once could both take :99, and one then drove the other's
# display, or none when that one ended.) -noreset: by default an X server resets when its last
# client leaves and refuses connections meanwhile, so a window opened right after a short-lived
# client (a screenshot, xdpyinfo) could find no display.
#
# Usage: xvfb-session.sh [-s "SERVER ARGS"] COMMAND [ARGS…]
set -eu

server_args="-screen 0 1280x1024x24"
if [ "${1:-}" = "-s" ]; then
  server_args=$2
  shift 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/tl-xvfb.XXXXXX")
# shellcheck disable=SC2086
Xvfb -displayfd 3 $server_args -nolisten tcp -noreset 3> "$dir/display" 2> "$dir/xvfb.log" &
xvfb=$!
stop () {
  kill "$xvfb" 2> /dev/null || true
  wait "$xvfb" 2> /dev/null || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# the number is written once the server takes clients
tries=0
until grep -qx '[0-9][0-9]*' "$dir/display" 2> /dev/null; do
  if ! kill -0 "$xvfb" 2> /dev/null; then
    echo "xvfb-session.sh: Xvfb did not start:" >&2
    cat "$dir/xvfb.log" >&2
    exit 1
  fi
  tries=$((tries + 1))
  if [ "$tries" -ge 1200 ]; then
    echo "xvfb-session.sh: Xvfb named no display within two minutes" >&2
    exit 1
  fi
  sleep 0.1
done
DISPLAY=:$(cat "$dir/display")
export DISPLAY

status=0
"$@" || status=$?
exit "$status"
