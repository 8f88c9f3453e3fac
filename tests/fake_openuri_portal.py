#!/usr/bin/python3
"""A stand-in for the desktop's OpenURI portal (org.freedesktop.portal.OpenURI) on the session
bus: OpenDirectory(parent_window, fd, options) is answered with a request object, and the path
the fd is open on is printed as "opened PATH" on stdout (what the portal would show in its
folder). Prints "ready" once the bus name is owned.

Usage: fake_openuri_portal.py
"""
import os
import sys

from gi.repository import Gio, GLib

BUS_NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"

XML = """
<node>
  <interface name="org.freedesktop.portal.OpenURI">
    <method name="OpenDirectory">
      <arg type="s" name="parent_window" direction="in"/>
      <arg type="h" name="fd" direction="in"/>
      <arg type="a{sv}" name="options" direction="in"/>
      <arg type="o" name="handle" direction="out"/>
    </method>
    <property name="version" type="u" access="read"/>
  </interface>
</node>
"""
node = Gio.DBusNodeInfo.new_for_xml(XML)
loop = GLib.MainLoop()
count = 0


def on_call(connection, sender, path, interface, method, params, invocation):
    global count
    parent, index, options = params.unpack()
    fd = invocation.get_message().get_unix_fd_list().get(index)
    print("opened", os.readlink(f"/proc/self/fd/{fd}"), flush=True)
    os.close(fd)
    count += 1
    invocation.return_value(GLib.Variant("(o)", (f"/org/freedesktop/portal/desktop/request/fake/{count}",)))


def on_get_property(connection, sender, path, interface, name):
    return GLib.Variant("u", 4)


def on_bus(connection, name):
    connection.register_object(PATH, node.interfaces[0], on_call, on_get_property, None)


def on_name(connection, name):
    print("ready", flush=True)


def on_lost(connection, name):
    print("could not own", name, file=sys.stderr, flush=True)
    loop.quit()


Gio.bus_own_name(Gio.BusType.SESSION, BUS_NAME, Gio.BusNameOwnerFlags.NONE, on_bus, on_name, on_lost)
loop.run()
