#!/usr/bin/python3
"""A small window another program would be: it offers TEXT (or the file at PATH) for dragging,
so a test can drop it on Ticket Lookup with the mouse (xdotool). Usage: text TEXT | file PATH

Prints one line per step of the drag, for the test to wait on: "begin" when the drag starts,
"accepted" when the window under the pointer takes it, "end" when it is over."""
import sys

import gi

gi.require_version("Gdk", "4.0")
gi.require_version("Gtk", "4.0")
from gi.repository import Gdk, Gio, GObject, Gtk  # noqa: E402

mode, payload = sys.argv[1], sys.argv[2]


def say(what):
    print(what, flush=True)


def prepare(source, x, y):
    if mode == "file":
        files = Gdk.FileList.new_from_list([Gio.File.new_for_path(payload)])
        return Gdk.ContentProvider.new_for_value(GObject.Value(Gdk.FileList, files))
    return Gdk.ContentProvider.new_for_value(GObject.Value(str, payload))


def on_action(drag, pspec):
    if drag.get_selected_action():
        say("accepted")


def begin(source, drag):
    drag.connect("notify::selected-action", on_action)
    say("begin")


def activate(app):
    win = Gtk.ApplicationWindow(application=app, title="drag-source")
    win.set_default_size(160, 120)
    label = Gtk.Label(label="DRAG ME")
    label.set_size_request(160, 120)
    source = Gtk.DragSource()
    source.set_actions(Gdk.DragAction.COPY)
    source.connect("prepare", prepare)
    source.connect("drag-begin", begin)
    source.connect("drag-end", lambda *args: say("end"))
    label.add_controller(source)
    win.set_child(label)
    win.present()


app = Gtk.Application(application_id=None, flags=Gio.ApplicationFlags.NON_UNIQUE)
app.connect("activate", activate)
app.run([])
