#!/bin/sh
# dbus-daemon for dbus-run-session (--dbus-daemon=), with what it and the services it starts
# print (the accessibility registry says "SpiRegistry daemon is running …") on stderr: the
# test's stdout is TAP, and only TAP. dbus-run-session reads the bus address from a pipe of
# its own, not from stdout.
exec dbus-daemon "$@" 1>&2
