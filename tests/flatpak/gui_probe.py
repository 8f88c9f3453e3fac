#!/usr/bin/python3
"""Drives the sandboxed window like a person: types a demo token with the keyboard, presses
Enter, and reads the verdict back through the accessibility bus that Flatpak proxies into the
sandbox. Usage: gui_probe.py APP_ID SCREENSHOT_DIR. Exits 0 when the window shows Valid."""
import os
import subprocess
import sys
import time

import pyatspi

app_id, shots = sys.argv[1], sys.argv[2]


def walk(acc):
    if acc is None:
        return
    yield acc
    try:
        n = acc.childCount
    except Exception:
        return
    for i in range(n):
        try:
            yield from walk(acc.getChildAtIndex(i))
        except Exception:
            continue


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == "ticket-lookup":
            return a
    return None


def wait(what, func, timeout):
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = func()
            if v:
                return v
        except Exception:
            pass
        time.sleep(0.3)
    raise SystemExit(f"timed out waiting for {what}")


def label(app, name):
    return next((a for a in walk(app) if a.getRoleName() == "label" and a.name == name), None)


def key(text):
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True, timeout=30)


proc = subprocess.Popen(["flatpak", "run", "--user", app_id, "--demo"],
                        stdout=open(os.path.join(shots, "app.stdout"), "w"),
                        stderr=open(os.path.join(shots, "app.stderr"), "w"))
try:
    app = wait("the sandboxed app on the accessibility bus", find_app, 60)
    wait("the window", lambda: label(app, "Demo Tokens"), 30)
    # the customer ID field has the focus when the window opens: type once the window has the
    # keyboard (GTK 4.8 reports no focused state for an entry, only the window's active state)
    wait("the window active",
         lambda: any(a.getRoleName() == "frame" and a.getState().contains(pyatspi.STATE_ACTIVE)
                     and a.getState().contains(pyatspi.STATE_SHOWING) for a in walk(app)), 30)
    key("M11385")
    subprocess.run(["xdotool", "key", "Tab"], check=True, timeout=10)
    key("DemoValid+Token/01==")
    subprocess.run(["xdotool", "key", "Return"], check=True, timeout=10)
    wait("the Valid badge", lambda: label(app, "Valid") and label(app, "ORD-2026-118305"), 30)
    # the badge laid out where it stays (the same place on screen at two looks)
    seen = []

    def badge_steady():
        e = label(app, "Valid").queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        seen.append((e.x, e.y, e.width, e.height))
        return len(seen) > 1 and seen[-1] == seen[-2] and e.width > 0
    wait("the badge in its place", badge_steady, 30)
    subprocess.run(["import", "-window", "root", os.path.join(shots, "flatpak-valid.png")], timeout=30)
    print("ok: the sandboxed window looked up a demo token and shows Valid, ORD-2026-118305")
    # the Shell's search provider, on the sandboxed app's own bus name
    from gi.repository import Gio, GLib
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    path = "/" + app_id.replace(".", "/") + "/SearchProvider"

    def search(method, signature, *args):
        return bus.call_sync(app_id, path, "org.gnome.Shell.SearchProvider2", method,
                             GLib.Variant(signature, args), None, Gio.DBusCallFlags.NONE,
                             15000, None).unpack()[0]

    ids = search("GetInitialResultSet", "(as)", ["M11385", "DemoExpired+Tok/01=="])
    metas = search("GetResultMetas", "(as)", ids)
    names = [m["name"] for m in metas]
    if names != ["Expired · ORD-2024-000417 · M11385"]:
        raise SystemExit(f"search provider in the sandbox answered {ids} {names}")
    print("ok: the sandboxed search provider answers: " + names[0])
finally:
    subprocess.run(["flatpak", "kill", app_id], capture_output=True, timeout=30)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
