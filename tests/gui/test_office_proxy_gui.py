#!/usr/bin/python3
"""The window through an office proxy that asks for a sign-in, driven through the accessibility
tree.

Real parts: squid from Debian asking for Basic auth (an htpasswd file made here), an HTTPS
recording server with a certificate from a throw-away office root, the app under bwrap where
/etc/hosts names the service and the system trust store holds the office root, GNOME's proxy
settings (with their sign-in) in the app's settings keyfile, the service's password in the
session's real gnome-keyring-daemon. Run by tests/gui/run-gui-test.sh. Prints TAP; screenshots
go to $TL_SCREENSHOT_DIR.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import pyatspi  # noqa: E402
from atspi_helpers import (App, RecordingServer, SkipTest, basic, fill, run_tap, secret_tool_lookup,  # noqa: E402
                           secret_tool_store, wait_for, walk)
from office_network import HOST, SYSTEM_BUNDLE, make_pki, start_squid, stop  # noqa: E402

SHOTS = os.environ.get("TL_SCREENSHOT_DIR", "/tmp/tl-shots")
os.makedirs(SHOTS, exist_ok=True)

USER = "partner-user"
PASSWORD = "S3cret-service-pass"
PROXY_USER = "office"
PROXY_PASSWORD = "Pr0xy-Pass 9"
VALID = "DemoValid+Token/01=="
PROXY_SCHEMA = "io.github.ticketlookup.TicketLookup.Proxy"
WINDOW = {"window-width": "720", "window-height": "900"}


def gnome_proxy(port, password=None):
    """GNOME's proxy settings, as the keyfile backend keeps them (their path is /system/proxy/);
    with a sign-in when PASSWORD is given."""
    sign_in = ("use-authentication=true\nauthentication-user='%s'\nauthentication-password='%s'\n"
               % (PROXY_USER, password)) if password is not None else ""
    return ("[system/proxy]\nmode='manual'\n"
            "[system/proxy/http]\nhost='127.0.0.1'\nport=%d\n%s"
            "[system/proxy/https]\nhost='127.0.0.1'\nport=%d\n" % (port, sign_in, port))


def press_response(app, heading, label):
    """A response of the libadwaita message dialog with HEADING: GTK 4.8 names its button by its
    label twice ("Sign In Sign In"), and the dialog keeps a button per layout; the one on
    screen, pressed (never a button of the window behind it)."""
    def dialog():
        for i in range(app.acc.childCount):
            top = app.acc.getChildAtIndex(i)
            if any(a.getRoleName() == "label" and a.name == heading for a in walk(top)):
                return top
        return None

    def button():
        root = dialog()
        if root is None:
            return None
        found = [a for a in walk(root) if a.getRoleName() == "push button"
                 and (a.name or "") in (label, "%s %s" % (label, label))
                 and a.getState().contains(pyatspi.STATE_SENSITIVE)]
        shown = [a for a in found if a.getState().contains(pyatspi.STATE_SHOWING)]
        return (shown or found or [None])[0]
    wait_for(button, 10, "the %r response, enabled" % label).queryAction().doAction(0)


def proxy_keyring(proxy, user):
    """What the keyring holds for PROXY under the app's proxy schema."""
    r = subprocess.run(["secret-tool", "lookup", "xdg:schema", PROXY_SCHEMA, "proxy", proxy, "user", user],
                       capture_output=True, text=True, timeout=30)
    return r.stdout if r.returncode == 0 else None


def tunnels(log):
    with open(log) as f:
        return [line for line in f.read().splitlines() if " CONNECT " in line]


def test_window_signs_in_to_the_office_proxy():
    if not os.path.exists("/usr/sbin/squid") or shutil.which("bwrap") is None:
        raise SkipTest("squid or bwrap is not installed")
    tmp = tempfile.mkdtemp(prefix="tl-gui-proxy-")
    os.chmod(tmp, 0o755)
    procs = []
    app = None
    try:
        make_pki(tmp)
        api = RecordingServer(PASSWORD, USER, tls=(os.path.join(tmp, "server.pem"), os.path.join(tmp, "server.key")))
        squid, port, log = start_squid(tmp, "squid", api.port, {PROXY_USER: PROXY_PASSWORD})
        procs.append(squid)
        base = "https://%s:%d" % (HOST, api.port)
        secret_tool_store(base, USER, PASSWORD)
        wrap = ["bwrap", "--dev-bind", "/", "/", "--die-with-parent",
                "--ro-bind", os.path.join(tmp, "hosts"), "/etc/hosts",
                "--ro-bind", os.path.join(tmp, "bundle.pem"), SYSTEM_BUNDLE]
        env = {"XDG_CURRENT_DESKTOP": "GNOME", "GIO_USE_PROXY_RESOLVER": "gnome"}
        settings = {**WINDOW, "base-url": f"'{base}'", "username": f"'{USER}'"}

        # GNOME's proxy settings carry the right sign-in: the lookup gets through
        app = App([], settings, env=env, wrap=wrap, more_settings=gnome_proxy(port, PROXY_PASSWORD))
        app.set_text("Customer ID", "M11385")
        app.set_text("Token", VALID)
        app.press("Look Up")
        app.wait("label", "Valid", timeout=30)
        assert api.authorizations() == [basic(USER, PASSWORD)], api.requests
        assert any("TCP_TUNNEL/200" in line and " %s " % PROXY_USER in line for line in tunnels(log)), tunnels(log)
        app.close()
        app = None

        # a wrong proxy password: the proxy's own failure, naming it, with its own next step
        api.requests.clear()
        app = App([], settings, env=env, wrap=wrap, more_settings=gnome_proxy(port, "wrong"))
        app.set_text("Customer ID", "M11385")
        app.set_text("Token", VALID)
        app.press("Look Up")
        app.wait("label", "The office proxy wants a sign-in", timeout=30)
        cause = app.wait("label", contains="did not accept the sign-in as “%s”" % PROXY_USER)
        assert "127.0.0.1:%d" % port in cause.name, cause.name
        app.wait("label", contains="desktop's proxy settings")
        assert app.find("label", "Wrong username or password") is None
        assert api.requests == [], api.requests
        app.screenshot(os.path.join(SHOTS, "office-proxy-sign-in-refused.png"), 720, 900)
        app.close()
        app = None

        # no sign-in in GNOME's settings: the window asks once, keeps the answer in the keyring
        # under the proxy's own attributes, and the lookup goes through with it
        api.requests.clear()
        proxy = "127.0.0.1:%d" % port
        app = App([], settings, env=env, wrap=wrap, more_settings=gnome_proxy(port))
        app.set_text("Customer ID", "M11385")
        app.set_text("Token", VALID)
        app.press("Look Up")
        app.wait("label", "The office proxy %s asks for a sign-in" % proxy, timeout=30)
        app.screenshot(os.path.join(SHOTS, "office-proxy-sign-in-asked.png"), 720, 900)
        # Cancel: the proxy's own failure is shown, and nothing more is asked for this lookup
        press_response(app, "The office proxy %s asks for a sign-in" % proxy, "Cancel")
        app.wait("label", "The office proxy wants a sign-in", timeout=30)
        wait_for(lambda: app.find("label", "The office proxy %s asks for a sign-in" % proxy) is None, 10,
                 "the question gone")
        assert api.requests == [], api.requests
        # asked again on the next Look Up
        app.press("Retry")
        app.wait("label", "The office proxy %s asks for a sign-in" % proxy, timeout=30)
        fill(app.wait("text", "Proxy User Name"), PROXY_USER)
        fill(wait_for(lambda: app.find("password text", "Proxy Password") or app.find("text", "Proxy Password"),
                      10, "the proxy password field"), PROXY_PASSWORD)
        press_response(app, "The office proxy %s asks for a sign-in" % proxy, "Sign In")
        app.wait("label", "Valid", timeout=30)
        assert api.authorizations() == [basic(USER, PASSWORD)], api.requests
        wait_for(lambda: proxy_keyring(proxy, PROXY_USER) == PROXY_PASSWORD, 10, "the proxy's password in the keyring")
        # the service's entry is the service's: the proxy's password is nowhere near it
        assert secret_tool_lookup(base, USER) == PASSWORD
        assert secret_tool_lookup(proxy, PROXY_USER) is None
        app.close()
        app = None

        # the next start: the keyring's sign-in is used, nothing is asked
        api.requests.clear()
        app = App([], settings, env=env, wrap=wrap, more_settings=gnome_proxy(port))
        app.set_text("Customer ID", "M11385")
        app.set_text("Token", VALID)
        app.press("Look Up")
        app.wait("label", "Valid", timeout=30)
        assert app.find("label", "The office proxy %s asks for a sign-in" % proxy) is None
        assert len(api.requests) == 1, api.requests
    finally:
        if app is not None:
            app.close()
        stop(procs)
        shutil.rmtree(tmp, ignore_errors=True)


TESTS = [test_window_signs_in_to_the_office_proxy]


def main():
    return run_tap(TESTS, SHOTS)


if __name__ == "__main__":
    sys.exit(main())
