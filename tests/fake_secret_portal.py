#!/usr/bin/python3
"""A stand-in for the desktop's Secret portal (org.freedesktop.portal.Secret) on the session bus,
as libsecret's file backend uses it inside Flatpak or Snap: RetrieveSecret(fd, options) answers
with a request object and, through the request's Response signal, says when it has written the
app's 64-byte keyring key into the fd.

Usage: fake_secret_portal.py MODE
  lose-first  the first request's Response is sent before its method reply, so a libsecret that
              subscribes to Response only after the reply (before 0.21.4) never sees it; later
              requests are answered after the reply, their Response repeated until the request
              is closed or a few seconds have passed (a busy client subscribes late)
  never       no request is ever answered
Prints "ready" on stdout once the bus name is owned. org.ticketlookup.Test.Requests() returns
how many RetrieveSecret calls came in.
"""
import os
import sys

from gi.repository import Gio, GLib

MODE = sys.argv[1]
BUS_NAME = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
KEY = b"k" * 64

XML = """
<node>
  <interface name="org.freedesktop.portal.Secret">
    <method name="RetrieveSecret">
      <arg type="h" name="fd" direction="in"/>
      <arg type="a{sv}" name="options" direction="in"/>
      <arg type="o" name="handle" direction="out"/>
    </method>
    <property name="version" type="u" access="read"/>
  </interface>
  <interface name="org.ticketlookup.Test">
    <method name="Requests">
      <arg type="u" name="count" direction="out"/>
    </method>
  </interface>
</node>
"""
node = Gio.DBusNodeInfo.new_for_xml(XML)
requests = 0
loop = GLib.MainLoop()


def respond(connection, sender, handle):
    connection.emit_signal(sender, handle, "org.freedesktop.portal.Request", "Response",
                           GLib.Variant("(ua{sv})", (0, {})))


def on_call(connection, sender, path, interface, method, params, invocation):
    global requests
    if interface == "org.ticketlookup.Test":
        invocation.return_value(GLib.Variant("(u)", (requests,)))
        return
    requests += 1
    index, options = params.unpack()
    fd = invocation.get_message().get_unix_fd_list().get(index)
    token = options.get("handle_token", "t%d" % requests)
    handle = "/org/freedesktop/portal/desktop/request/%s/%s" % (
        sender[1:].replace(".", "_"), token)
    if MODE == "never":
        os.close(fd)
        invocation.return_value(GLib.Variant("(o)", (handle,)))
        return
    os.write(fd, KEY)
    os.close(fd)
    if requests == 1 and MODE == "lose-first":
        respond(connection, sender, handle)
        invocation.return_value(GLib.Variant("(o)", (handle,)))
        return
    invocation.return_value(GLib.Variant("(o)", (handle,)))
    left = [25]

    def again():
        respond(connection, sender, handle)
        left[0] -= 1
        return left[0] > 0
    GLib.timeout_add(200, again)


def on_get(connection, sender, path, interface, prop):
    return GLib.Variant("u", 1)


def on_bus(connection, name):
    for iface in node.interfaces:
        connection.register_object(PATH, iface, on_call, on_get, None)


def on_name(connection, name):
    print("ready", flush=True)


def on_lost(connection, name):
    loop.quit()


Gio.bus_own_name(Gio.BusType.SESSION, BUS_NAME, Gio.BusNameOwnerFlags.NONE, on_bus, on_name, on_lost)
loop.run()
