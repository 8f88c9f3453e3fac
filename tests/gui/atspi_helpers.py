"""Drive Ticket Lookup like a person, through the accessibility tree (AT-SPI)."""
import os
import subprocess
import tempfile
import time

import pyatspi

APP = os.environ["TL_APP"]
CLI = os.environ.get("TL_CLI", "")
SCHEMA_DIR = os.environ["GSETTINGS_SCHEMA_DIR"]


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
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        yield from walk(child)


def wait_for(func, timeout=15.0, what="condition"):
    end = time.time() + timeout
    last_error = None
    while time.time() < end:
        try:
            value = func()
            if value:
                return value
        except Exception as e:  # the tree changes under us while we read it
            last_error = e
        time.sleep(0.15)
    raise AssertionError(f"timed out waiting for {what}" + (f" ({last_error})" if last_error else ""))


class App:
    """One running ticket-lookup, with its own settings (a keyfile) and HOME."""

    def __init__(self, args=(), settings=None, env=None, screen=None, home=None):
        self.home = home or tempfile.mkdtemp(prefix="tl-gui-")
        cfg = os.path.join(self.home, "config", "glib-2.0", "settings")
        os.makedirs(cfg, exist_ok=True)
        with open(os.path.join(cfg, "keyfile"), "w") as f:
            f.write("[io/github/ticketlookup/TicketLookup]\n")
            for k, v in (settings or {}).items():
                f.write(f"{k}={v}\n")
        e = dict(os.environ)
        e.update({
            "GSETTINGS_BACKEND": "keyfile",
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "GTK_A11Y": "atspi",
            "GSK_RENDERER": "cairo",
            "GDK_BACKEND": "x11",
            "NO_AT_BRIDGE": "0",
        })
        e.pop("NO_AT_BRIDGE", None)
        e.update(env or {})
        self.env = e
        self.stdout_path = os.path.join(self.home, "stdout.txt")
        self.stderr_path = os.path.join(self.home, "stderr.txt")
        # Xvfb can still be settling when the first client connects: start again if the app
        # exits at once (it then printed "cannot open display").
        for attempt in range(5):
            self.proc = subprocess.Popen([APP, *args], env=e, stdout=open(self.stdout_path, "ab"),
                                         stderr=open(self.stderr_path, "ab"))
            try:
                self.proc.wait(1.0)
            except subprocess.TimeoutExpired:
                break
            time.sleep(1.0)
        self.acc = wait_for(self._find_app, 20, "the application on the accessibility bus")
        self.window = wait_for(lambda: self.find("frame", "Ticket Lookup", root=self.acc), 10, "the window")
        time.sleep(0.5)

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and a.name == "ticket-lookup":
                try:
                    if a.get_process_id() == self.proc.pid:
                        return a
                except Exception:
                    return a
        return None

    def find(self, role, name=None, root=None, contains=None):
        for a in walk(root or self.acc):
            try:
                if a.getRoleName() != role:
                    continue
                n = a.name or ""
                if name is not None and n != name:
                    continue
                if contains is not None and contains not in n:
                    continue
                return a
            except Exception:
                continue
        return None

    def wait(self, role, name=None, contains=None, timeout=15.0):
        return wait_for(lambda: self.find(role, name, contains=contains), timeout,
                        f"{role} {name or contains!r}")

    def names(self, role):
        out = []
        for a in walk(self.acc):
            try:
                if a.getRoleName() == role:
                    out.append(a.name or "")
            except Exception:
                pass
        return out

    def set_text(self, name, text):
        entry = self.wait("text", name)
        entry.queryEditableText().setTextContents(text)
        time.sleep(0.3)

    def press(self, name, role="push button", timeout=10.0):
        button = self.wait(role, name, timeout=timeout)
        button.queryAction().doAction(0)
        time.sleep(0.2)

    def sensitive(self, name, role="push button"):
        return self.wait(role, name).getState().contains(pyatspi.STATE_SENSITIVE)

    def screenshot(self, path, width=None, height=None):
        cmd = ["import", "-window", "root"]
        if width and height:
            cmd += ["-crop", f"{width}x{height}+0+0", "+repage"]
        subprocess.run(cmd + [path], check=True)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # let the accessibility registry notice the app is gone
        time.sleep(0.5)


def secret_tool_lookup(server, username):
    r = subprocess.run(["secret-tool", "lookup", "server", server, "username", username],
                       capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


def secret_tool_store(server, username, password):
    subprocess.run(["secret-tool", "store", "--label=test", "server", server, "username", username],
                   input=password, text=True, check=True)
