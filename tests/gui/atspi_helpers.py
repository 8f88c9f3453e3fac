"""Drive Ticket Lookup like a person, through the accessibility tree (AT-SPI)."""
import os
import subprocess
import sys
import tempfile
import time
import traceback

import pyatspi

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from recording_server import RecordingServer, basic  # noqa: E402,F401  (shared with the other tests)

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


def showing(acc):
    """Whether the window ACC is on screen (GTK 4.8 says "showing" of windows only; of a widget
    in a window it says "visible", the widget's own flag, also on a stack page not shown)."""
    return acc is not None and acc.getState().contains(pyatspi.STATE_SHOWING)


def text_of(acc):
    """What a text field shows (GtkText answers nothing to getText (0, -1))."""
    t = acc.queryText()
    return t.getText(0, t.characterCount)


def fill(acc, text, check=True):
    """Sets the text of the field ACC; waits until it reads back as TEXT (a password field, which
    shows one dot per character, until it holds that many)."""
    acc.queryEditableText().setTextContents(text)
    if not check:
        return
    if acc.getRoleName() == "password text":
        wait_for(lambda: acc.queryText().characterCount == len(text), 10, f"{len(text)} characters in the password field")
    else:
        wait_for(lambda: text_of(acc) == text, 10, f"the field to read {text[:40]!r}")


_display_ready = set()


def wait_display(env):
    """Until the X server takes clients (Xvfb can still be starting)."""
    display = env.get("DISPLAY")
    if display in _display_ready:
        return
    wait_for(lambda: subprocess.run(["xdpyinfo"], env=env, capture_output=True, timeout=10).returncode == 0,
             30, f"the X display {display}")
    _display_ready.add(display)


class App:
    """One running ticket-lookup, with its own settings (a keyfile) and HOME."""

    def __init__(self, args=(), settings=None, env=None, screen=None, home=None, wait_window=True,
                 wrap=(), more_settings=""):
        """WRAP: a command the app runs under (bwrap …), whose only child is the app.
        MORE_SETTINGS: more of the keyfile, other schemas' groups (GNOME's proxy settings)."""
        self.home = home or tempfile.mkdtemp(prefix="tl-gui-")
        cfg = os.path.join(self.home, "config", "glib-2.0", "settings")
        os.makedirs(cfg, exist_ok=True)
        with open(os.path.join(cfg, "keyfile"), "w") as f:
            f.write("[io/github/ticketlookup/TicketLookup]\n")
            for k, v in (settings or {}).items():
                f.write(f"{k}={v}\n")
            f.write(more_settings)
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
        # Xvfb can still be settling when the first client connects: wait until it takes one.
        wait_display(e)
        self.wrapped = bool(wrap)
        self._last_pid = None
        self.proc = subprocess.Popen([*wrap, APP, *args], env=e, stdout=open(self.stdout_path, "ab"),
                                     stderr=open(self.stderr_path, "ab"))
        self.acc = self.window = None
        if wait_window:
            self.wait_window()

    def wait_window(self):
        """The application on the accessibility bus and its window, on screen."""
        # generous bounds: a first start on a busy machine (fonts, the accessibility registry)
        # can take long; a start that fails says why (the app's own messages)
        try:
            self.acc = wait_for(self._find_app, 90, "the application on the accessibility bus")
            self.window = wait_for(lambda: self.find("frame", "Ticket Lookup", root=self.acc), 30, "the window")
            wait_for(lambda: showing(self.window), 30, "the window on screen")
        except AssertionError as e:
            with open(self.stderr_path, errors="replace") as f:
                said = f.read()[-2000:]
            state = "running" if self.proc.poll() is None else f"exited with {self.proc.returncode}"
            raise AssertionError(f"{e}; the app is {state}; it said: {said}") from None

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and a.name == "ticket-lookup":
                try:
                    if a.get_process_id() == self.app_pid():
                        return a
                except Exception:
                    return a
        return None

    def app_pid(self):
        """The app's process: the one started, or the wrapper's child."""
        if not self.wrapped:
            return self.proc.pid
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as f:
                children = f.read().split()
            return int(children[0]) if children else None
        except (OSError, ValueError):
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

    def set_text(self, name, text, check=True):
        """Types TEXT into the field NAME; unless check is False (the app rewrites what it is
        given, e.g. a pasted link), waits until the field reads back as set."""
        fill(self.wait("text", name), text, check)

    def press(self, name, role="push button", timeout=10.0):
        """Activates the button NAME once it is there and can be pressed; the caller waits for
        the effect it needs."""
        button = wait_for(lambda: self._pressable(role, name), timeout, f"{role} {name!r} that can be pressed")
        button.queryAction().doAction(0)

    def _pressable(self, role, name):
        button = self.find(role, name)
        if button is None:
            return None
        return button if button.getState().contains(pyatspi.STATE_SENSITIVE) else None

    def sensitive(self, name, role="push button"):
        return self.wait(role, name).getState().contains(pyatspi.STATE_SENSITIVE)

    def screenshot(self, path, width=None, height=None):
        cmd = ["import", "-window", "root"]
        if width and height:
            cmd += ["-crop", f"{width}x{height}+0+0", "+repage"]
        subprocess.run(cmd + [path], check=True)

    def close(self):
        if sys.exc_info()[0] is not None:
            # closed on the way out of a failing test: keep what the window showed
            shots = os.environ.get("TL_SCREENSHOT_DIR", "/tmp/tl-shots")
            os.makedirs(shots, exist_ok=True)
            subprocess.run(["import", "-window", "root", os.path.join(shots, f"failed-before-close-{self.proc.pid}.png")])
        self._last_pid = self.app_pid() if self.wrapped else self.proc.pid
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # until the accessibility registry has noticed the app is gone
        wait_for(lambda: not self._registered(), 10, "the application gone from the accessibility bus")

    def _registered(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                a = desktop.getChildAtIndex(i)
                if a is not None and a.get_process_id() in (self.proc.pid, self._last_pid):
                    return True
            except Exception:
                continue
        return False


OWN_SCHEMA = "io.github.ticketlookup.TicketLookup.Credentials"


# A keyring that has gone away is re-activated locked and waits for an unlock prompt that never
# comes under Xvfb: a secret-tool call fails after this long instead of hanging the suite.
SECRET_TOOL_TIMEOUT = 30


def _schema_attrs(own, schema):
    schema = OWN_SCHEMA if own else schema
    return ["xdg:schema", schema] if schema else []


def secret_tool_lookup(server, username, own=False, schema=None):
    """own=True: only this app's own entry (stored under its schema name)."""
    r = subprocess.run(["secret-tool", "lookup", *_schema_attrs(own, schema), "server", server, "username", username],
                       capture_output=True, text=True, timeout=SECRET_TOOL_TIMEOUT)
    return r.stdout if r.returncode == 0 else None


def secret_tool_clear(server, username):
    """Removes every item for (server, username), whoever stored it. The keyring lives for the
    whole GUI run and a loopback port can come round again: a test starts from a clean slate."""
    subprocess.run(["secret-tool", "clear", "server", server, "username", username], check=False,
                   timeout=SECRET_TOOL_TIMEOUT)


def secret_tool_store(server, username, password, own=False, schema=None, clear=True):
    """As a script or support desk would; own=True stores it as this app does (its schema name).
    Whatever was stored for (server, username) before is removed first unless clear=False."""
    if clear:
        secret_tool_clear(server, username)
    subprocess.run(["secret-tool", "store", "--label=test", *_schema_attrs(own, schema), "server", server,
                    "username", username], input=password, text=True, check=True,
                   timeout=SECRET_TOOL_TIMEOUT)


def keyring_daemon_pid():
    """The gnome-keyring-daemon of this test's own D-Bus session (the owner of the Secret
    Service name), not any other on the machine."""
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                          "--object-path", "/org/freedesktop/DBus",
                          "--method", "org.freedesktop.DBus.GetConnectionUnixProcessID",
                          "org.freedesktop.secrets"], capture_output=True, text=True, check=True).stdout
    return int(out.strip().strip("(),").split()[-1])


class SkipTest(Exception):
    """Raised by a test that cannot run here; said as a TAP skip with its reason."""


def run_tap(tests, shots):
    """Runs TESTS (or those named on the command line) and prints TAP. A failed test leaves a
    screenshot of the whole screen in SHOTS and its traceback as TAP comments. Returns the exit
    status."""
    only = sys.argv[1:]
    chosen = [t for t in tests if not only or t.__name__ in only]
    print(f"1..{len(chosen)}", flush=True)
    failed = 0
    for i, test in enumerate(chosen, 1):
        try:
            test()
            print(f"ok {i} - {test.__name__}", flush=True)
        except SkipTest as e:
            print(f"ok {i} - {test.__name__} # SKIP {e}", flush=True)
        except Exception:
            failed += 1
            subprocess.run(["import", "-window", "root", os.path.join(shots, f"failed-{test.__name__}.png")])
            print(f"not ok {i} - {test.__name__}", flush=True)
            for line in traceback.format_exc().splitlines():
                print(f"# {line}", flush=True)
    return 1 if failed else 0
