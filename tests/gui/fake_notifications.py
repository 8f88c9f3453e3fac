#!/usr/bin/python3
"""A stand-in for GNOME Shell's notification service (org.gtk.Notifications, which GLib's
GNotification uses when its name is owned): records every notification as a JSON line in
OUTFILE, so a test asserts on what the person would have been shown. Usage: OUTFILE"""
import json
import sys

from gi.repository import Gio, GLib

XML = """<node><interface name="org.gtk.Notifications">
<method name="AddNotification"><arg type="s" direction="in"/><arg type="s" direction="in"/>
<arg type="a{sv}" direction="in"/></method>
<method name="RemoveNotification"><arg type="s" direction="in"/><arg type="s" direction="in"/></method>
</interface></node>"""

out = sys.argv[1]


def on_call(conn, sender, path, iface, method, params, invocation):
    if method == "AddNotification":
        app_id, nid, data = params.unpack()
        record = {"app": app_id, "id": nid}
        for key, value in data.items():
            record[key] = value if isinstance(value, (str, int, float, bool, list, dict, tuple)) else str(value)
        with open(out, "a") as f:
            f.write(json.dumps(record, default=str) + "\n")
    invocation.return_value(None)


def on_bus(conn, name):
    node = Gio.DBusNodeInfo.new_for_xml(XML)
    conn.register_object("/org/gtk/Notifications", node.interfaces[0], on_call, None, None)


def on_name(conn, name):
    with open(out, "a") as f:
        f.write(json.dumps({"ready": True}) + "\n")


Gio.bus_own_name(Gio.BusType.SESSION, "org.gtk.Notifications", Gio.BusNameOwnerFlags.NONE,
                 on_bus, on_name, None)
GLib.MainLoop().run()
