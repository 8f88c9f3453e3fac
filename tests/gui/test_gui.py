#!/usr/bin/python3
"""End-to-end tests of the Ticket Lookup window under Xvfb, through the accessibility tree.

Run by tests/gui/run-gui-test.sh (Xvfb, a private D-Bus session, a real gnome-keyring-daemon).
Prints TAP. Screenshots go to $TL_SCREENSHOT_DIR.
"""
import os
import shutil
import json
import signal
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_helpers import (App, CLI, RecordingServer, basic, fill, keyring_daemon_pid, secret_tool_clear,  # noqa: E402
                           run_tap, secret_tool_lookup, secret_tool_store, showing, text_of, wait_for, walk)

SHOTS = os.environ.get("TL_SCREENSHOT_DIR", "/tmp/tl-shots")
os.makedirs(SHOTS, exist_ok=True)

VALID = "DemoValid+Token/01=="
EXPIRED = "DemoExpired+Tok/01=="
BAD = "DemoBadRequest/0001="
FORBIDDEN = "DemoForbidden+01"
SERVER_ERROR = "DemoServerError+0001"
SLOW = "DemoSlowToken+01"

WINDOW = {"window-width": "720", "window-height": "900"}

# The demo's slow token answers after ten minutes, far beyond any test's step, and the app's own
# time limit is the longest there is: Stop and Cancel are pressed while lookups are in flight.
SLOW_HELD = {"TL_DEMO_SLOW_MS": "600000"}
LONG_LIMIT = {"timeout-seconds": "300"}

def settled(app, shown):
    """Until every accessible in SHOWN is on screen where it stays: laid out and no longer
    moving. (The end of the result stack's crossfade itself is not said over AT-SPI in GTK 4.8:
    a page not shown keeps its "visible" state.)"""
    for acc in shown:
        steady(acc)


def steady(acc):
    """Until ACC has a place on screen and keeps it over two looks (a revealer's slide or a
    scroll is over)."""
    last = [None]

    def still():
        e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        now = (e.x, e.y, e.width, e.height)
        same, last[0] = now == last[0] and e.width > 0 and e.height > 0, now
        return same
    wait_for(still, 15, "a steady position")


def in_view(acc, container):
    """Until ACC is inside CONTAINER's box on screen (scrolled into view) and stays there."""
    def inside():
        a = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        c = container.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return a.y >= c.y and a.y + a.height <= c.y + c.height
    wait_for(inside, 15, "scrolled into view")
    steady(acc)


def copied(press):
    """Clears the clipboard, calls PRESS, and returns what the app put on the clipboard."""
    set_clipboard("")

    def read():
        return subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True, text=True,
                              timeout=10).stdout
    press()
    return wait_for(read, 10, "text on the clipboard")


def until(action, condition, timeout=15.0, what="condition"):
    """Repeats ACTION (a key that only counts once the keyboard is where it goes, with no window
    manager to say so) until CONDITION holds."""
    end = time.time() + timeout
    while time.time() < end:
        action()
        try:
            return wait_for(condition, 2, what)
        except AssertionError:
            continue
    raise AssertionError(f"timed out waiting for {what}")


def key(name):
    subprocess.run(["xdotool", "key", name], check=True, timeout=10)


def lookup(app, customer, token):
    app.set_text("Customer ID", customer)
    app.set_text("Token", token)
    app.press("Look Up")


def test_valid():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", VALID)
        app.wait("label", "Valid")
        if os.environ.get("TL_DEBUG_TREE"):
            for a in walk(app.acc):
                print("#", a.getRoleName(), repr(a.name), repr(a.description))
        badge = app.wait("status bar", contains="Token status: Valid")
        assert "can still be used" in badge.name, badge.name
        app.wait("label", "ORD-2026-118305")
        app.wait("label", "OBJ11385_1395932274")
        # the property type in words (the service's "HousingCooperative" in its tooltip)
        app.wait("label", "Housing cooperative")
        assert "Expired" not in app.names("label")
        settled(app, [badge])
        app.screenshot(os.path.join(SHOTS, "valid.png"))
    finally:
        app.close()


def test_expired_and_enter_key():
    app = App(["--demo", "M11385", EXPIRED], WINDOW)
    try:
        # Looked up from the command line at start.
        app.wait("label", "Expired")
        # and the token is gone from the app's visible command line (/proc/PID/cmdline)
        cmdline = open(f"/proc/{app.proc.pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
        assert "--demo" in cmdline and EXPIRED not in cmdline and "M11385" not in cmdline, cmdline
        app.wait("status bar", contains="Token status: Expired")
        app.wait("label", "ORD-2024-000417")
    finally:
        app.close()


def test_bad_request_messages():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", BAD)
        app.wait("label", "The service rejected the token")
        # the service's words without their model-state keys (the keys are in the details)
        app.wait("list item", "The token is not valid.")
        app.wait("list item", "The token does not belong to the customer.")
        assert app.find("list item", contains="token.Data: ") is None
        app.wait("label", contains="Check that the customer ID belongs to the token")
        # the input is kept for a retry
        assert app.sensitive("Retry")
        assert app.sensitive("Look Up")
        settled(app, [app.wait("label", "The service rejected the token")])
        app.screenshot(os.path.join(SHOTS, "error.png"))
    finally:
        app.close()


def test_forbidden():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        app.wait("push button", "Account…")
    finally:
        app.close()


def test_server_error():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", SERVER_ERROR)
        app.wait("label", "The service failed")
        app.wait("label", contains="Request ID: demo-0f6c2a1e")
        app.wait("label", contains="contact Vitec support")
    finally:
        app.close()


def test_slow_lookup_cancelled():
    app = App(["--demo"], {**WINDOW, **LONG_LIMIT}, env=SLOW_HELD)
    try:
        lookup(app, "M11385", SLOW)
        app.wait("push button", "Cancel", timeout=10)
        app.wait("label", "Looking Up…")
        app.press("Cancel")
        app.wait("push button", "Look Up", timeout=10)
        assert app.find("label", "Valid") is None
        # the input is kept: looking up again works and is slow again (the server is asked anew)
        assert app.sensitive("Look Up")
    finally:
        app.close()


def test_smart_paste_url():
    app = App(["--demo"], WINDOW)
    try:
        app.set_text("Token", "2026-11-27 10:01 GET https://partner.example/order?customerId=M11385"
                              "&token=DemoValid%2BToken%2F01%3D%3D HTTP/1.1", check=False)
        app.wait("label", "Read the customer ID and the token from the pasted link.")
        app.press("Look Up")
        # the demo server only knows the decoded token: Valid proves it was decoded exactly once
        app.wait("label", "Valid")
        app.wait("label", "M11385")
    finally:
        app.close()


def test_invalid_input_rejected():
    app = App(["--demo"], WINDOW)
    try:
        app.set_text("Token", VALID)
        app.set_text("Customer ID", "M1/..")
        app.wait("label", contains="The customer ID contains “/”")
        assert not app.sensitive("Look Up"), "Look Up must be disabled for invalid input"
        app.set_text("Customer ID", "M11385")
        wait_for(lambda: app.sensitive("Look Up"), 5, "Look Up enabled")
    finally:
        app.close()


def test_unauthorized_then_fix_account():
    server = subprocess.Popen([CLI, "--serve-demo"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    base = server.stdout.readline().strip()
    assert base.startswith("http://127.0.0.1:"), base
    app = None
    try:
        secret_tool_store(base, "demo", "wrong-password")
        app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"})
        lookup(app, "M11385", VALID)
        app.wait("label", "Wrong username or password")
        app.press("Account…")
        dialog = wait_for(lambda: app.find("frame", "Account") or app.find("dialog", "Account"), 10, "account dialog")
        pw = wait_for(lambda: app.find("text", "Password", root=dialog) or app.find("password text", "Password", root=dialog),
                      5, "password field")
        fill(pw, "demo-password")
        app.press("Save")
        # saved in the real keyring under the documented schema attributes
        wait_for(lambda: secret_tool_lookup(base, "demo") == "demo-password", 10, "password in the keyring")
        app.press("Retry")
        app.wait("label", "Valid")
    finally:
        if app is not None:
            app.close()
        server.terminate()
        server.wait()


INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "text", "password text",
               "combo box", "menu item", "spin button", "slider", "link", "switch", "entry"}


def unnamed_widgets(app, root):
    missing = []
    for a in walk(root):
        try:
            role = a.getRoleName()
            if role in INTERACTIVE and not (a.name or "").strip():
                parent = a.parent.name if a.parent else ""
                missing.append(f"{role} (parent {parent!r})")
        except Exception:
            pass
    return missing


def test_every_widget_named():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", VALID)
        app.wait("label", "Valid")
        missing = unnamed_widgets(app, app.acc)
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        app.press("Account…")
        dialog = wait_for(lambda: app.find("frame", "Account") or app.find("dialog", "Account"), 10, "account dialog")
        wait_for(lambda: showing(dialog) and app.find("push button", "Check Account", root=dialog), 10,
                 "the account dialog on screen")
        missing += unnamed_widgets(app, app.acc)
        assert not missing, "interactive widgets without an accessible name: " + ", ".join(sorted(set(missing)))
    finally:
        app.close()


import gettext  # noqa: E402
import re  # noqa: E402

# A command-line flag ("--password-file"), an environment variable or the word for the tool: none
# of them is for the window.
CLI_WORDS = re.compile(r"(?<![\w/-])--[a-z]|https_proxy|no_proxy|stdin|command-line|command line|kommandorad")


def tr(lang, text):
    """TEXT as the app says it in LANG, from the catalogue the app uses."""
    if lang == "en":
        return text
    return gettext.translation("ticket-lookup", localedir=os.environ["TICKET_LOOKUP_LOCALEDIR"],
                               languages=[lang]).gettext(text)


def every_text(app):
    """Every name, description and text of the window's accessibles (labels, buttons, rows)."""
    out = []
    for a in walk(app.acc):
        try:
            out += [a.name or "", a.description or ""]
            if "Text" in pyatspi.utils.listInterfaces(a):
                out.append(text_of(a))
        except Exception:
            continue
    return [t for t in out if t]


def flag_words(texts, where):
    return [f"{where}: {t!r}" for t in texts if CLI_WORDS.search(t)]


def test_no_command_line_words_in_window():
    """Every page a lookup can reach, in English and Swedish: no text names a command-line flag
    (the no-account page used to say "give --password-file / --password-stdin")."""
    found = []
    for lang, env in (("en", {"LANGUAGE": "en", "LC_ALL": "C.UTF-8"}), ("sv", SWEDISH)):
        look_up = tr(lang, "Look Up")

        def page(app, token, title, where):
            app.set_text(tr(lang, "Customer ID"), "M11385")
            app.set_text("Token", token)
            app.press(look_up)
            try:
                # the result's page: a failure's "What to do next" or a ticket's verdict (the
                # page before it left when the token changed); then its title
                if title in ("Valid", "Expired"):
                    app.wait("status bar", contains=tr(lang, title), timeout=30)
                else:
                    app.wait("label", tr(lang, "What to do next"), timeout=30)
                app.wait("label", tr(lang, title), timeout=5)
                wait_for(lambda: app.find("push button", look_up) is not None, 10, "the lookup over")
            except AssertionError:
                # another page than the one expected: what it says is still looked at
                found.append(f"{lang} {where}: the page did not say {tr(lang, title)!r}")
            found.extend(flag_words(every_text(app), f"{lang} {where}"))

        # no account: the first start, then a lookup
        app = App([], WINDOW, env=env)
        try:
            app.wait("push button", tr(lang, "Set Up Account"))
            found.extend(flag_words(every_text(app), f"{lang} first start"))
            page(app, VALID, "No account set up", "no account")
        finally:
            app.close()
        # the demo's pages: a ticket of each verdict and each failure the demo answers with
        # (the time limit's own page from an app with the shortest limit and the slow token held,
        # the others with the default limit: no page depends on how fast this machine is)
        for limit, pages in (("30", ((VALID, "Valid"), (EXPIRED, "Expired"), (BAD, "The service rejected the token"),
                                     (FORBIDDEN, "No access to this customer"),
                                     (SERVER_ERROR, "The service failed"))),
                             ("1", ((SLOW, "The service did not answer in time"),))):
            app = App(["--demo"], {**WINDOW, "timeout-seconds": limit}, env={**env, **SLOW_HELD})
            try:
                found.extend(flag_words(every_text(app), f"{lang} demo form"))
                for token, title in pages:
                    page(app, token, title, title)
            finally:
                app.close()
        # an account with no password stored, then one whose server does not answer
        server = subprocess.Popen([CLI, "--serve-demo"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        base = server.stdout.readline().strip()
        app = None
        try:
            secret_tool_clear(base, "demo")
            app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"}, env=env)
            page(app, VALID, "No password", "no password")
            app.close()
            secret_tool_store(base, "demo", "wrong-password")
            app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"}, env=env)
            page(app, VALID, "Wrong username or password", "401")
            app.close()
            server.terminate()
            server.wait()
            app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"}, env=env)
            page(app, VALID, "Could not reach the service", "refused")
        finally:
            if app is not None:
                app.close()
            if server.poll() is None:
                server.terminate()
                server.wait()
            secret_tool_clear(base, "demo")
    assert not found, "command-line words in the window:\n" + "\n".join(found)


def test_screenshots_dark_narrow_welcome():
    app = App([], {**WINDOW})
    try:
        heading = app.wait("heading", "Look Up an Order Token")
        settled(app, [heading])
        app.screenshot(os.path.join(SHOTS, "welcome.png"))
    finally:
        app.close()
    app = App(["--demo", "M11385", VALID], WINDOW, env={"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"})
    try:
        settled(app, [app.wait("label", "Valid")])
        app.screenshot(os.path.join(SHOTS, "dark.png"))
    finally:
        app.close()


def test_hidden_page_keeps_window_width():
    """A page the result stack does not show never widens the window: after an error page (its
    long sentences wrapped while it was shown), the next ticket keeps the window at its width."""
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        lookup(app, "M2", EXPIRED)
        # measured once the ticket page is laid out where it stays
        settled(app, [app.wait("label", "Expired")])
        width = app.find("frame").queryComponent().getExtents(pyatspi.DESKTOP_COORDS).width
        assert width <= int(WINDOW["window-width"]), f"the window grew to {width} px"
    finally:
        app.close()


def test_details_panel():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", SERVER_ERROR)
        app.wait("label", "The service failed")
        app.wait("heading", "Details")
        app.wait("label", contains="Service/Order/Token/M11385")
        app.wait("label", contains="HTTP/1.1 500 Internal Server Error")
        app.wait("label", contains="waiting")
        app.wait("push button", "Copy Report")
        curl = copied(lambda: app.press("Copy as curl"))
        assert curl.startswith("curl -sS -X POST") and "$PASSWORD" in curl and "$TOKEN" in curl, curl
        assert SERVER_ERROR not in curl
        # the token is hidden until asked for; the password never appears
        body = app.wait("label", contains='{"data":')
        assert body.name == '{"data":"••••"}', body.name
        names = " ".join(app.names("label"))
        assert "ZGVtbzpkZW1vLXBhc3N3b3Jk" not in names and "demo:demo-password" not in names
    finally:
        app.close()


def test_timeout_returns_to_idle_with_input_kept():
    app = App(["--demo"], {**WINDOW, "timeout-seconds": "1"})
    try:
        lookup(app, "M11385", SLOW)
        app.wait("label", "The service did not answer in time", timeout=10)
        app.wait("label", contains="Waited 1.0 seconds for 127.0.0.1.")
        app.wait("push button", "Look Up")
        assert app.sensitive("Look Up") and app.sensitive("Retry")
        # the input is still there: a valid token after it works at once
        app.set_text("Token", VALID)
        app.press("Look Up")
        app.wait("label", "Valid")
    finally:
        app.close()


def test_corrupt_settings():
    # Unparsable and out-of-range values fall back to the defaults; a base URL that is not
    # allowed gives a clear error page, not a crash.
    app = App([], {**WINDOW, "base-url": "'ftp://connect.example'", "username": "'partner'",
                   "timeout-seconds": "uint32 99999", "window-width": "not a gvariant"})
    try:
        lookup(app, "M11385", VALID)
        app.wait("label", "The service address is not allowed")
        app.wait("push button", "Account…")
    finally:
        app.close()


def reopen_from_history(app, list_name, contains):
    """Chooses the history row whose text holds CONTAINS, once it is there."""
    history = app.wait("list", list_name)

    def index():
        return next((i for i in range(history.childCount)
                     if contains in (history.getChildAtIndex(i).name or "")), None)
    history.querySelection().selectChild(wait_for(index, 10, f"{contains} in the history"))


def on_screen(acc):
    """Whether ACC and every widget around it up to its window are visible (GTK 4.8 says
    "showing" of windows only, and keeps "visible" on a stack page that is merely not the one
    shown: the window hides a result's page when the result no longer answers the form)."""
    try:
        while acc is not None and acc.getRoleName() not in ("frame", "dialog"):
            if not acc.getState().contains(pyatspi.STATE_VISIBLE):
                return False
            acc = acc.parent
    except Exception:
        return False
    return acc is not None


def verdict_on_screen(app):
    return any(a.getRoleName() == "status bar" and "Token status" in (a.name or "") and on_screen(a)
               for a in walk(app.acc))


def test_result_follows_the_form():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", VALID)
        settled(app, [app.wait("status bar", contains="Token status: Valid")])
        # one character of the token changed: no verdict beside the new input, one line instead
        app.set_text("Token", VALID.replace("01", "02"))
        last = app.wait("push button", contains="Last lookup: M11385 · Valid")
        wait_for(lambda: not verdict_on_screen(app), 10, "the verdict gone from the page")
        settled(app, [last])
        app.screenshot(os.path.join(SHOTS, "result-left-the-form.png"))
        # the line reopens it, with the input it answers
        app.press(last.name)
        wait_for(lambda: verdict_on_screen(app), 10, "the verdict back")
        assert text_of(app.wait("text", "Token")) == VALID
        app.wait("label", contains="Looked up at ")
        # a pair pasted into the token field fills both fields, and says so
        app.set_text("Customer ID", "")
        app.set_text("Token", f"M2 {EXPIRED}", check=False)
        wait_for(lambda: text_of(app.wait("text", "Customer ID")) == "M2", 10, "the customer ID from the pair")
        assert text_of(app.wait("text", "Token")) == EXPIRED
        app.wait("label", "Read as customer ID M2 and its token")
        wait_for(lambda: not verdict_on_screen(app), 10, "no verdict beside the pasted pair")
        # Clear leaves no result and no line about it
        app.press("Look Up")
        settled(app, [app.wait("status bar", contains="Token status: Expired")])
        app.press("Clear")
        wait_for(lambda: not verdict_on_screen(app), 10, "the verdict cleared")
        wait_for(lambda: app.find("push button", contains="Last lookup") is None or
                 not app.find("push button", contains="Last lookup").getState().contains(pyatspi.STATE_VISIBLE),
                 10, "no line about the cleared result")
        assert text_of(app.wait("text", "Customer ID")) == "" and text_of(app.wait("text", "Token")) == ""
    finally:
        app.close()


def test_history_entry_says_when():
    app = App(["--demo"], WINDOW)
    try:
        lookup(app, "M11385", VALID)
        app.wait("status bar", contains="Token status: Valid")
        lookup(app, "M2", EXPIRED)
        app.wait("status bar", contains="Token status: Expired")
        app.press("History", role="push button")
        reopen_from_history(app, "History", "ORD-2026-118305")
        note = app.wait("label", contains="Looked up at ")
        assert note.name.endswith(" with Demo server"), note.name
        wait_for(lambda: verdict_on_screen(app), 10, "the reopened verdict")
        app.wait("status bar", contains="Token status: Valid")
        settled(app, [note])
        app.screenshot(os.path.join(SHOTS, "history-entry-reopened.png"))
    finally:
        app.close()


def test_history_opens_in_narrow_window():
    """At 360 px the history folds over the window: the first press on History opens it and it
    stays open, with this session's lookups in it."""
    app = App(["--demo"], {"window-width": "360", "window-height": "720"})
    try:
        lookup(app, "M11385", VALID)
        app.wait("status bar", contains="Token status: Valid")
        button = app.wait("push button", "History")
        app.press("History")
        row = app.wait("list item", contains="M11385 · ORD-2026-118305")
        settled(app, [row])
        assert button.getState().contains(pyatspi.STATE_PRESSED), "the history closed again"
        assert app.find("list item", contains="M11385 · ORD-2026-118305") is not None, "its rows went away"
        app.screenshot(os.path.join(SHOTS, "narrow-history.png"))
    finally:
        app.close()


class NginxBadRequestHandler(__import__("http.server").server.BaseHTTPRequestHandler):
    """Answers every request as nginx does with its own 400 page (a server that is not the
    service: a gateway, or the wrong address in the account)."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = (b"<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n"
                b"<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n"
                b"</body>\r\n</html>\r\n")
        self.send_response(400, "Bad Request")
        self.send_header("Server", "nginx/1.22.1")
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_check_account_not_the_service_screens():
    """Check Account against a server that answers with nginx's own 400 page: the dialog says the
    password could not be checked, names the status and the server, and never says accepted. In
    English light and Swedish dark, at the dialog's own size and 360 px wide (screenshots)."""
    import http.server
    import threading
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NginxBadRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    words = {
        "": {"check": "Check Account", "said": "not as Vitec Express Connect does", "accepted": "accepted",
             "dialog": "Account"},
        "sv-dark-": {"check": "Kontrollera kontot", "said": "inte som Vitec Express Connect",
                     "accepted": "godkänd", "dialog": "Konto"},
    }
    try:
        secret_tool_store(base, "demo", "a-password")
        for prefix, env in (("", {}), ("sv-dark-", {**SWEDISH, "ADW_DEBUG_COLOR_SCHEME": "prefer-dark"})):
            w = words[prefix]
            for width in (None, 360):
                app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"}, env=env)
                try:
                    key("ctrl+comma")
                    dialog = wait_for(lambda: app.find("frame", w["dialog"]) or app.find("dialog", w["dialog"]), 10,
                                      "account dialog")
                    wait_for(lambda: showing(dialog), 10, "the account dialog on screen")
                    if width:
                        subprocess.run(["xdotool", "search", "--sync", "--name", f"^{w['dialog']}$",
                                        "windowsize", "--sync", str(width), "720"], check=True, timeout=20)
                    app.press(w["check"])
                    try:
                        verdict = wait_for(lambda: app.find("label", contains=w["said"], root=dialog), 15,
                                           "the verdict")
                    except AssertionError:
                        app.screenshot(os.path.join(SHOTS, f"failed-{prefix}check-account.png"))
                        raise AssertionError("no verdict; the dialog says: " + " | ".join(
                            a.name for a in walk(dialog) if a.getRoleName() == "label" and a.name)) from None
                    assert "400" in verdict.name and "nginx/1.22.1" in verdict.name, verdict.name
                    said = " ".join(a.name for a in walk(dialog) if a.getRoleName() == "label" and a.name)
                    assert w["accepted"] not in said.lower(), said
                    # the verdict is under the button: scrolled to with the mouse wheel over the dialog
                    subprocess.run(["xdotool", "mousemove", "180", "400", "click", "--repeat", "12", "--delay",
                                    "50", "5"], timeout=20)
                    in_view(verdict, dialog)
                    settled(app, [verdict])
                    name = f"{prefix}check-account-not-the-service{'-narrow' if width else ''}.png"
                    if width:
                        app.screenshot(os.path.join(SHOTS, name), width, 720)
                    else:
                        app.screenshot(os.path.join(SHOTS, name))
                finally:
                    app.close()
    finally:
        server.shutdown()


def test_paste_keeps_the_form_in_view():
    """Ctrl+V of a new link under a result (360 px, where the ticket fills the window): both
    fields take the link, the keyboard focus is in the token field, where Enter looks it up, and
    the field is in view; the old verdict leaves the page."""
    app = App(["--demo"], {"window-width": "360", "window-height": "720"})
    try:
        lookup(app, "M11385", VALID)
        settled(app, [app.wait("status bar", contains="Token status: Valid")])
        set_clipboard("https://partner.example/o?customerId=M2&token=DemoExpired%2BTok%2F01%3D%3D")
        focus_window(app, "Ticket Lookup")
        key("ctrl+v")
        token = app.wait("text", "Token")
        wait_for(lambda: text_of(token) == EXPIRED, 10, "the token from the link")
        assert text_of(app.wait("text", "Customer ID")) == "M2"
        # the keyboard is in the token field (GTK 4.8 does not say which widget has the focus
        # over AT-SPI): what is typed next lands there
        key("End")
        subprocess.run(["xdotool", "type", "x"], check=True, timeout=10)
        wait_for(lambda: text_of(token) == EXPIRED + "x", 10, "the typed letter in the token field")
        key("BackSpace")
        wait_for(lambda: text_of(token) == EXPIRED, 10, "the letter erased")
        in_view(token, app.window)
        wait_for(lambda: not verdict_on_screen(app), 10, "the old verdict gone")
        key("Return")
        settled(app, [app.wait("status bar", contains="Token status: Expired")])
    finally:
        app.close()


def test_truth_screens():
    """What the window says is true of the form, in English light and Swedish dark: the line left
    of a result whose token changed (360 px wide) and a history entry reopened (screenshots)."""
    words = {
        "": {"customer": "Customer ID", "lookup": "Look Up", "history": "History", "when": "Looked up at "},
        "sv-dark-": {"customer": "Kund-id", "lookup": "Slå upp", "history": "Historik", "when": "Söktes "},
    }
    narrow = {"window-width": "360", "window-height": "720"}
    for prefix, env in (("", {}), ("sv-dark-", {**SWEDISH, "ADW_DEBUG_COLOR_SCHEME": "prefer-dark"})):
        w = words[prefix]
        app = App(["--demo"], narrow, env=env)
        try:
            app.set_text(w["customer"], "M11385")
            app.set_text("Token", VALID)
            app.press(w["lookup"])
            settled(app, [app.wait("status bar", contains="status")])
            app.set_text("Token", VALID.replace("01", "02"))
            last = app.wait("push button", contains="M11385 · ")
            wait_for(lambda: not verdict_on_screen(app), 10, "the verdict gone")
            settled(app, [last])
            app.screenshot(os.path.join(SHOTS, f"{prefix}narrow-result-left-the-form.png"), 360, 720)
        finally:
            app.close()
        # the history panel, at the default width (at 360 px it folds over the window)
        app = App(["--demo"], WINDOW, env=env)
        try:
            app.set_text(w["customer"], "M11385")
            app.set_text("Token", VALID)
            app.press(w["lookup"])
            app.wait("status bar", contains="status")
            app.set_text("Token", EXPIRED)
            app.press(w["lookup"])
            wait_for(lambda: app.find("label", contains="ORD-2024-000417") is not None, 15, "the second verdict")
            app.press(w["history"], role="push button")
            reopen_from_history(app, w["history"], "ORD-2026-118305")
            note = app.wait("label", contains=w["when"])
            settled(app, [note])
            app.screenshot(os.path.join(SHOTS, f"{prefix}history-entry-reopened.png"))
        finally:
            app.close()


def test_history():
    server = subprocess.Popen([CLI, "--serve-demo"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    base = server.stdout.readline().strip()
    settings = {**WINDOW, "base-url": f"'{base}'", "username": "'demo'", "remember-history": "true"}
    app = None
    try:
        secret_tool_store(base, "demo", "demo-password")
        app = App([], settings)
        lookup(app, "M11385", VALID)
        app.wait("label", "Valid")
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        lookup(app, "M2", EXPIRED)
        app.wait("label", "Expired")
        app.press("History", role="push button")
        app.wait("list item", contains="M11385 · ORD-2026-118305")
        # a failure: the customer and, below it, what failed (no "· —" all failures shared)
        app.wait("list item", contains="No access to this customer")
        valid_row = app.wait("list item", contains="M11385 · ORD-2026-118305")
        # Shown again from memory, without a new request: the server is gone.
        server.terminate()
        server.wait()
        reopen_from_history(app, "History", "ORD-2026-118305")
        app.wait("label", "Valid")
        settled(app, [app.wait("status bar", contains="Token status: Valid")])
        app.screenshot(os.path.join(SHOTS, "history.png"))
        home = app.home
        # Saved for the next start, without tokens: the history is written after each lookup,
        # in the background; the app is closed once the last lookup (M2's) is in the file.
        path = os.path.join(home, "data", "ticket-lookup", "history.json")
        saved = wait_for(lambda: os.path.exists(path) and "\"M2\"" in open(path).read() and open(path).read(),
                         15, "the last lookup in the history file")
        app.close()
        assert "M11385" in saved and "sha256:" in saved, saved
        for token in (VALID, FORBIDDEN, EXPIRED):
            assert token not in saved, "a token was saved"
        assert oct(os.stat(path).st_mode & 0o777) == "0o600"
        app = App([], settings, home=home)
        app.press("History", role="push button")
        app.wait("list item", contains="M2 · ORD-2024-000417")
        app.press("Clear History")
        wait_for(lambda: not os.path.exists(path), 5, "history file removed")
        wait_for(lambda: app.find("list item", contains="M2 · ORD-2024-000417") is None, 5, "list cleared")
        # Undo, offered in the toast: the entries are back, and saved again
        # (libadwaita 1.2 names the toast's button "_Undo Undo": its label and its mnemonic)
        undo = wait_for(lambda: app.find("push button", contains="Undo"), 5, "Undo in the toast")
        undo.queryAction().doAction(0)
        app.wait("list item", contains="M2 · ORD-2024-000417")
        wait_for(lambda: os.path.exists(path) and "\"M2\"" in open(path).read(), 15, "the history saved again")
        app.press("Clear History")
        wait_for(lambda: not os.path.exists(path), 5, "history file removed again")
    finally:
        if app is not None:
            app.close()
        server.terminate()


def test_secrets_found_nowhere():
    """A session with a known password and tokens, with debug logging on: afterwards neither is
    in any file under HOME and the XDG folders, in stdout/stderr, or in the copied report."""
    password = "Pw-7f3c9e1b-" + str(os.getpid())
    unknown_token = "SecretTok3n+" + str(os.getpid()) + "/Zz=="
    tokens = [VALID, FORBIDDEN, unknown_token]
    server = subprocess.Popen([CLI, "--serve-demo", "--password-stdin"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    server.stdin.write(password)
    server.stdin.close()
    base = server.stdout.readline().strip()
    home = tempfile.mkdtemp(prefix="tl-secrets-")
    env = {"HOME": home, "XDG_CACHE_HOME": os.path.join(home, "cache"), "XDG_STATE_HOME": os.path.join(home, "state"),
           "G_MESSAGES_DEBUG": "all"}
    settings = {**WINDOW, "base-url": f"'{base}'", "username": "'demo'", "remember-history": "true"}
    app = None
    report = ""
    try:
        # no password for this server yet, whatever an earlier test left for the same port
        secret_tool_clear(base, "demo")
        app = App([], settings, env=env, home=home)
        app.press("Set Up Account") if app.find("push button", "Set Up Account") else None
        lookup(app, "M11385", VALID)
        app.wait("label", "No password")
        app.press("Account…")
        dialog = wait_for(lambda: app.find("frame", "Account") or app.find("dialog", "Account"), 10, "account dialog")
        pw = wait_for(lambda: app.find("text", "Password", root=dialog) or app.find("password text", "Password", root=dialog),
                      5, "password field")
        fill(pw, password)
        app.press("Save")
        wait_for(lambda: secret_tool_lookup(base, "demo") == password, 10, "password in the keyring")
        app.press("Retry")
        app.wait("label", "Valid")
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        lookup(app, "M11385", unknown_token)
        app.wait("label", "The service rejected the token")
        report = copied(lambda: app.press("Copy Report"))
        assert "M11385" in report and "sha256:" in report, "the report was not copied: " + report[:200]
    finally:
        if app is not None:
            app.close()
        server.terminate()

    import base64
    secrets = [password, base64.b64encode(f"demo:{password}".encode()).decode(), *tokens]
    found = []
    for root, _, files in os.walk(home):
        for name in files:
            path = os.path.join(root, name)
            try:
                data = open(path, "rb").read()
            except OSError:
                continue
            for s in secrets:
                if s.encode() in data:
                    found.append(f"{os.path.relpath(path, home)} contains {s[:6]}…")
    for s in secrets:
        if s in report:
            found.append(f"the copied report contains {s[:6]}…")
    # GLib writes debug messages to stdout, warnings to stderr: both are searched above
    logged = os.path.getsize(os.path.join(home, "stdout.txt")) + os.path.getsize(os.path.join(home, "stderr.txt"))
    assert logged > 0, "debug logging produced nothing to search"
    assert not found, "; ".join(found)


def test_batch_window():
    app = App(["--demo"], {**WINDOW, **LONG_LIMIT}, env=SLOW_HELD)
    try:
        app.press("Look Up Many Tokens…")
        lines = wait_for(lambda: app.find("text", "Lines to look up"), 10, "the batch window")
        fill(lines,
             f"M11385 {VALID}\n"
             "https://partner.example/o?customerId=M2&token=DemoExpired%2BTok%2F01%3D%3D\n"
             f"M3 {FORBIDDEN}\n"
             "just-a-token\n")
        app.press("Run")
        app.wait("label", "4 of 4 done · Demo server", timeout=20)
        app.wait("label", "ORD-2026-118305")
        app.wait("label", "ORD-2024-000417")
        app.wait("label", "No access to this customer")
        app.wait("label", contains="Only a token was found")
        # in the batch window's table, tokens appear only as fingerprints
        batch = wait_for(lambda: app.find("frame", "Look Up Many Tokens") or app.find("dialog", "Look Up Many Tokens"),
                         5, "batch window")
        assert app.find("label", contains="sha256:", root=batch) is not None
        for token in (VALID, FORBIDDEN, "DemoExpired+Tok/01=="):
            assert app.find("label", contains=token, root=batch) is None, token
        assert app.sensitive("Export CSV…")
        settled(app, [app.wait("label", "4 of 4 done · Demo server"), app.wait("label", "ORD-2024-000417")])
        app.screenshot(os.path.join(SHOTS, "batch.png"))
        # Stop: the running lookups end, the rest never start (the demo holds every answer far
        # longer than the test runs: none can finish before Stop, whenever it is pressed)
        fill(lines, "".join(f"M{i} {SLOW}\n" for i in range(8)))
        app.press("Run")
        app.wait("push button", "Stop", timeout=10)
        app.press("Stop")
        app.wait("push button", "Run", timeout=10)
        progress = app.wait("label", contains="of 8 done")
        assert not progress.name.startswith("8 of"), progress.name
    finally:
        app.close()


def shortcuts_window(app):
    """The keyboard shortcuts window, when it is on screen."""
    frame = app.find("frame", "Keyboard Shortcuts")
    try:
        return frame if frame is not None and frame.getState().contains(pyatspi.STATE_SHOWING) else None
    except Exception:
        return None


def test_shortcuts_window_on_demand():
    """Ctrl+? shows the keyboard shortcuts from the main window and from the batch window; the
    shortcuts window is built only when first asked for, and the history panel only when first
    shown."""
    app = App(["--demo"], WINDOW)
    try:
        app.wait("heading", "Look Up an Order Token")
        assert app.find("label", "Run or stop") is None, "the shortcuts window was built with the window"
        assert app.find("push button", "Clear History") is None, "the history panel was built with the window"
        # the pointer over the window's title gives it the keyboard (Xvfb has no window manager)
        subprocess.run(["xdotool", "mousemove", "360", "20"], check=True, timeout=10)
        shortcuts = until(lambda: key("ctrl+question"), lambda: shortcuts_window(app), 15, "the shortcuts window")
        for title in ("Look up the token", "Open a file of lines", "Keyboard shortcuts"):
            assert app.find("label", title, root=shortcuts) is not None, title
        until(lambda: key("Escape"), lambda: shortcuts_window(app) is None, 15, "the shortcuts window closed")
        # the history panel is built when first shown (F9)
        subprocess.run(["xdotool", "key", "F9"], check=True, timeout=10)
        app.wait("push button", "Clear History")
        subprocess.run(["xdotool", "key", "F9"], check=True, timeout=10)
        # from the batch window (Ctrl+B), the same shortcuts
        subprocess.run(["xdotool", "key", "ctrl+b"], check=True, timeout=10)
        batch = wait_for(lambda: app.find("frame", "Look Up Many Tokens"), 10, "the batch window")
        wait_for(lambda: showing(batch), 10, "the batch window on screen")
        subprocess.run(["xdotool", "mousemove", "300", "20"], check=True, timeout=10)
        until(lambda: key("ctrl+question"), lambda: shortcuts_window(app), 15,
              "the shortcuts window from the batch window")
    finally:
        app.close()


def serve_demo_with_password(password):
    server = subprocess.Popen([CLI, "--serve-demo", "--password-stdin"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    server.stdin.write(password)
    server.stdin.close()
    return server, server.stdout.readline().strip()


def test_profiles():
    server_a, base_a = serve_demo_with_password("password-of-a")
    server_b, base_b = serve_demo_with_password("password-of-b")
    app = None
    try:
        secret_tool_store(base_a, "demo", "password-of-a", own=True)
        secret_tool_store(base_b, "demo", "password-of-b", own=True)
        # another application's item with the same attributes: deleting the profile leaves it
        secret_tool_store(base_b, "demo", "other-apps-secret", schema="org.example.OtherApp", clear=False)
        profiles = f"[('Partner A', '{base_a}', 'demo'), ('Partner B', '{base_b}', 'demo')]"
        app = App([], {**WINDOW, "profiles": profiles, "active-profile": "'Partner A'",
                       "base-url": f"'{base_a}'", "username": "'demo'"})
        lookup(app, "M11385", VALID)
        app.wait("label", "Valid")
        # the profile named once, by the drop-down; the account under the title
        wait_for(lambda: profile_in_use(app) == "Partner A", 10, "Partner A in use")
        assert window_subtitle(app) == "demo at 127.0.0.1", window_subtitle(app)
        assert app.find("label", contains="Partner A (") is None
        # switch in the header bar: each profile's own password comes from the keyring
        switch_profile(app, "Partner B")
        app.press("Look Up")
        wait_for(lambda: profile_in_use(app) == "Partner B" and app.find("label", "Valid"),
                 10, "lookup with profile B")
        app.wait("label", "ORD-2026-118305")
        assert app.find("label", "Wrong username or password") is None
        # deleting a profile clears its keyring entry
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        app.press("Account…")
        app.press("Delete Profile")
        response_button(window_of(app.wait("label", "Delete Profile and Its Password?")), "Delete").queryAction().doAction(0)
        wait_for(lambda: secret_tool_lookup(base_b, "demo", own=True) is None, 10, "B's password removed")
        assert secret_tool_lookup(base_a, "demo") == "password-of-a"
        assert secret_tool_lookup(base_b, "demo", schema="org.example.OtherApp") == "other-apps-secret"
        wait_for(lambda: profile_in_use(app) == "Partner A", 10, "Partner A in use")
    except Exception:
        if app is not None:
            app.screenshot(os.path.join(SHOTS, "failed-profiles-before-close.png"))
            print("# combo boxes:", [(a.getRoleName(), a.name) for a in walk(app.acc)
                                     if a.getRoleName() in ("combo box", "push button") and a.name][:30])
        raise
    finally:
        if app is not None:
            app.close()
        server_a.terminate()
        server_b.terminate()


class HostileHandler(__import__("http.server").server.BaseHTTPRequestHandler):
    """Markup, controls and bidi in every string a server controls."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        customer = self.path.rsplit("/", 1)[-1]
        if customer == "TICKET":
            body = json.dumps({"orderId": "<span foreground='red'>VALID</span>", "userId": "a < b & c",
                               "orderUserId": "<b>agent</b>", "targetId": "OBJ\u202egnp.exe",
                               "targetType": "House\x1b[2J", "tenantId": "T1", "chainId": "G1",
                               "customerId": "TICKET", "hasExpired": True}).encode()
            self.send_response(200, "<b>OK</b>")
            self.send_header("X-Request-Id", "<span>id</span> a < b")
        else:
            body = json.dumps({"Message": "<i>The request</i> is a < b & invalid.",
                               "ModelState": {"token.Data": ["<span foreground='green'>VALID</span>"]}}).encode()
            self.send_response(400, "<span>Bad</span> Request")
            self.send_header("X-Request-Id", "<u>req</u>")
            self.send_header("Retry-After", "<b>1</b> < 2")
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def all_texts(app):
    """What every label and read-only text view shows (its text, not only its accessible
    name): what the window shows, not what was typed into its fields."""
    out = []
    for a in walk(app.acc):
        try:
            role = a.getRoleName()
            if role not in ("label", "text") or (role == "text" and a.getState().contains(pyatspi.STATE_EDITABLE)):
                continue
            out.append(a.name or "")
            text = a.queryText()
            out.append(text.getText(0, text.characterCount))
        except Exception:
            continue
    return out


def test_server_text_never_markup():
    import http.server
    import threading
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    app = None
    try:
        secret_tool_store(base, "demo", "pw-hostile")
        app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"})
        lookup(app, "TICKET", VALID)
        app.wait("label", "Expired")
        wait_for(lambda: "<span foreground='red'>VALID</span>" in all_texts(app), 10, "the order ID as text")
        texts = all_texts(app)
        for shown in ("<span foreground='red'>VALID</span>", "a < b & c", "<b>agent</b>",
                      "OBJ<U+202E>gnp.exe", "House\\x1b[2J", "<span>id</span> a < b"):
            assert shown in texts, (shown, texts)
        assert any(" 200 <b>OK</b> · " in t for t in texts), texts
        # nothing reorders or styles: no raw bidi or escape character anywhere
        assert not any("\u202e" in t or "\x1b" in t for t in texts)
        # the verdict is the server's hasExpired, not a styled "VALID"
        assert app.find("label", "Valid") is None
        settled(app, [app.wait("label", "Expired")])
        app.screenshot(os.path.join(SHOTS, "hostile-ticket.png"))

        lookup(app, "ERROR", VALID)
        app.wait("label", "The service rejected the token")
        wait_for(lambda: "<span foreground='green'>VALID</span>" in all_texts(app), 10,
                 "the server's message as text")
        texts = all_texts(app)
        assert "<i>The request</i> is a < b & invalid." in texts, texts
        assert any("Request ID: <u>req</u>" in t and "Retry after: <b>1</b> < 2" in t for t in texts), texts
        assert any(" 400 <span>Bad</span> Request · " in t for t in texts), texts
    finally:
        if app is not None:
            app.close()
        server.shutdown()


ECHO_PASSWORD = "Echo-Pass-7e31c9"
ECHO_TOKEN = "B2aJxQ9+kL/mN3pR7sT1vw=="


class EchoHandler(__import__("http.server").server.BaseHTTPRequestHandler):
    """A service that echoes the token and the password back in the spellings a server may use:
    invisible characters inside, HTML character references, split by a newline or by spaces, the
    Basic value unpadded and URL-safe, the password base64-encoded on its own."""

    def do_POST(self):
        import base64
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        t, p = ECHO_TOKEN, ECHO_PASSWORD
        basic_value = base64.b64encode(f"demo:{p}".encode()).decode()
        body = json.dumps({
            "Message": f"The value '{t[:8]}\u200b{t[8:]}' is not valid. Office\u200bName",
            "ModelState": {"token.Data": [
                t.replace("+", "&#43;").replace("/", "&#x2F;"),
                t[:10] + "\n" + t[10:],
                "Basic " + basic_value.rstrip("=").replace("+", "-").replace("/", "_"),
                "password " + base64.b64encode(p.encode()).decode(),
                "typed " + " ".join(p),
                f"{t[:5]}\u00ad{t[5:12]}\u2060{t[12:]}\ufeff",
            ]}}).encode()
        self.send_response(400, "Bad Request")
        self.send_header("X-Request-Id", "echo-" + t.replace("+", "%2B"))
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def skeleton(text):
    """TEXT as a secret-finder reads it: character references and percent escapes decoded,
    invisible characters, the app's visible markers for them (<U+200B>), padding and all
    whitespace dropped, URL-safe base64 read as standard."""
    import html
    import re
    import urllib.parse
    text = re.sub(r"<U\+[0-9A-F]{4,6}>", "", text)
    text = urllib.parse.unquote(html.unescape(text))
    text = re.sub("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                  "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0=]", "", text)
    text = re.sub(r"\s", "", text)
    return text.replace("-", "+").replace("_", "/")


def echoed_secrets(text):
    import base64
    found = []
    flat = skeleton(text)
    for name, secret in (("token", ECHO_TOKEN), ("password", ECHO_PASSWORD),
                         ("Basic value", base64.b64encode(f"demo:{ECHO_PASSWORD}".encode()).decode()),
                         ("password in base64", base64.b64encode(ECHO_PASSWORD.encode()).decode())):
        if skeleton(secret) in flat:
            found.append(name)
    return found


def test_echoed_secrets_never_shown():
    """A service echoes the token and the password back spelled so that a plain search misses
    them: neither can be read in the window (error page and details), in the copied report or in
    the saved history; a zero-width space outside a secret is shown as a marker."""
    import http.server
    import threading
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    app = None
    try:
        secret_tool_store(base, "demo", ECHO_PASSWORD)
        app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'", "remember-history": "true"})
        lookup(app, "M11385", ECHO_TOKEN)
        app.wait("label", "The service rejected the token")
        app.wait("label", contains="Office<U+200B>Name")
        app.wait("heading", "Details")
        texts = "\n".join(all_texts(app))
        assert "is not valid" in texts, texts[:2000]
        assert echoed_secrets(texts) == [], (echoed_secrets(texts), texts[:3000])
        report = copied(lambda: app.press("Copy Report"))
        assert "M11385" in report, report[:300]
        assert echoed_secrets(report) == [], (echoed_secrets(report), report)
        # the history entry is saved when the lookup ends: read it once it names the customer
        path = os.path.join(app.home, "data", "ticket-lookup", "history.json")
        saved = wait_for(lambda: os.path.exists(path) and "M11385" in open(path).read() and open(path).read(),
                         15, "the history saved")
        assert echoed_secrets(saved) == [], (echoed_secrets(saved), saved)
        # the check itself sees a token spelled the way the service sent it
        assert echoed_secrets(texts + f" {ECHO_TOKEN[:8]}\u200b{ECHO_TOKEN[8:]}") == ["token"]
    finally:
        if app is not None:
            app.close()
        server.shutdown()


def test_damaged_history_set_aside():
    """A history file nested 200 000 deep once crashed the app at every start: now it starts,
    says so, and keeps the damaged file beside a new one."""
    home = tempfile.mkdtemp(prefix="tl-damaged-")
    folder = os.path.join(home, "data", "ticket-lookup")
    os.makedirs(folder)
    path = os.path.join(folder, "history.json")
    with open(path, "w") as f:
        f.write('{"entries":' + "[" * 200000)
    app = None
    try:
        app = App(["--demo"], {**WINDOW, "remember-history": "true"}, home=home)
        app.wait("label", contains="The saved history was damaged", timeout=20)
        assert app.proc.poll() is None
        aside = [n for n in os.listdir(folder) if n.startswith("history.json.damaged-")]
        assert len(aside) == 1, os.listdir(folder)
        assert os.path.getsize(os.path.join(folder, aside[0])) == len('{"entries":') + 200000
        # the app works, and its new history is saved beside the damaged one
        lookup(app, "M11385", VALID)
        app.wait("label", "Valid")
        wait_for(lambda: os.path.exists(path) and "M11385" in open(path).read(), 10, "a new history file")
        assert os.path.getsize(os.path.join(folder, aside[0])) == len('{"entries":') + 200000
    finally:
        if app is not None:
            app.close()


def test_check_account_dialog():
    """Check Account in the account dialog: accepted with the stored password, rejected with a
    typed wrong one, no access to a customer that is not the account's."""
    server, base = serve_demo_with_password("right-password")
    app = None
    try:
        secret_tool_store(base, "demo", "right-password")
        app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"})
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        app.press("Account…")
        dialog = wait_for(lambda: app.find("frame", "Account") or app.find("dialog", "Account"), 10, "account dialog")
        app.wait("label", "Not checked yet")
        app.press("Check Account")
        wait_for(lambda: app.find("label", "Username and password accepted by 127.0.0.1", root=dialog), 15, "accepted")
        wait_for(lambda: app.find("label", contains="Request ID: demo-0f6c2a1e", root=dialog), 5, "the request id")
        # scroll the verdict into view for the screenshot, with the mouse wheel over the dialog
        subprocess.run(["xdotool", "mousemove", "260", "400", "click", "--repeat", "12", "--delay", "50", "5"],
                       timeout=20)
        in_view(app.find("label", "Username and password accepted by 127.0.0.1", root=dialog), dialog)
        app.screenshot(os.path.join(SHOTS, "check-account.png"))

        pw = wait_for(lambda: app.find("text", "Password", root=dialog) or app.find("password text", "Password", root=dialog),
                      5, "password field")
        fill(pw, "wrong-password")
        app.press("Check Account")
        wait_for(lambda: app.find("label", "Wrong username or password", root=dialog), 15, "rejected")

        fill(pw, "")
        customer = wait_for(lambda: app.find("text", "Customer ID (optional)", root=dialog), 5, "customer field")
        fill(customer, "M403")
        app.press("Check Account")
        wait_for(lambda: app.find("label", "Accepted, but no access to customer M403", root=dialog), 15, "no access")
        # the check saved nothing: the keyring still holds the right password
        assert secret_tool_lookup(base, "demo") == "right-password"
    finally:
        if app is not None:
            app.close()
        server.terminate()


def account_dialog(app, title="Account"):
    return wait_for(lambda: app.find("frame", title) or app.find("dialog", title), 10, "the account dialog")


def password_field(app, dialog):
    return wait_for(lambda: app.find("password text", "Password", root=dialog) or app.find("text", "Password", root=dialog),
                    5, "the password field")


def window_of(acc):
    """The window (frame or dialog) ACC is in."""
    while acc is not None and acc.getRoleName() not in ("frame", "dialog", "alert", "window"):
        acc = acc.parent
    return acc


def response_button(question, label):
    """The button LABEL of a message dialog, the one shown (libadwaita keeps a row and a column
    of them; its accessible name is the mnemonic label and the label: "_Delete Delete")."""
    def find():
        for a in walk(question):
            try:
                if (a.getRoleName() == "push button" and ((a.name or "") == label or (a.name or "").endswith(" " + label)) and
                        a.queryComponent().getExtents(pyatspi.DESKTOP_COORDS).width > 0):
                    return a
            except Exception:
                continue
        return None
    return wait_for(find, 5, f"the {label} button")


def showing_text(acc):
    e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return e.width > 0 and e.height > 0


def inside(acc, container):
    a = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    c = container.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return (a.width > 0 and a.height > 0 and a.x >= c.x and a.y >= c.y and
            a.x + a.width <= c.x + c.width and a.y + a.height <= c.y + c.height)


def test_account_dialog_password_in_view_and_enter_saves():
    """From a 401's Account…, at the dialog's default size, the Password field has the focus and
    is wholly on screen inside the dialog; Enter in it saves the password typed."""
    server, base = serve_demo_with_password("right-password")
    app = None
    try:
        secret_tool_store(base, "demo", "wrong-password")
        app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"})
        lookup(app, "M11385", VALID)
        app.wait("label", "Wrong username or password")
        app.press("Account…")
        dialog = account_dialog(app)
        pw = password_field(app, dialog)
        # with no window manager, the window under the pointer has the keyboard
        steady(dialog)
        d = dialog.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        subprocess.run(["xdotool", "mousemove", str(d.x + d.width // 2), str(d.y + 20)], timeout=10)
        wait_for(lambda: inside(pw, dialog), 10, "the password field inside the dialog")
        steady(pw)
        assert inside(pw, dialog), (pw.queryComponent().getExtents(pyatspi.DESKTOP_COORDS),
                                    dialog.queryComponent().getExtents(pyatspi.DESKTOP_COORDS))
        app.screenshot(os.path.join(SHOTS, "account-dialog-password.png"))
        # the keyboard is in the password field: what is typed lands there
        subprocess.run(["xdotool", "type", "--delay", "20", "right-password"], timeout=20)
        wait_for(lambda: text_of(pw) == "right-password", 10, "the typed password in the password field")
        until(lambda: key("Return"), lambda: secret_tool_lookup(base, "demo") == "right-password", 20,
              "the password saved by Enter")
        wait_for(lambda: app.find("frame", "Account") is None and app.find("dialog", "Account") is None, 10,
                 "the dialog closed")
        app.press("Retry")
        app.wait("label", "Valid")
    finally:
        if app is not None:
            app.close()
        server.terminate()
        server.wait()


def test_delete_profile_asks_first():
    """Delete Profile asks before it removes the profile and its password; Cancel keeps both."""
    server_a, base_a = serve_demo_with_password("password-of-a")
    server_b, base_b = serve_demo_with_password("password-of-b")
    app = None
    try:
        secret_tool_store(base_a, "demo", "password-of-a", own=True)
        secret_tool_store(base_b, "demo", "password-of-b", own=True)
        profiles = f"[('Partner A', '{base_a}', 'demo'), ('Partner B', '{base_b}', 'demo')]"
        app = App([], {**WINDOW, "profiles": profiles, "active-profile": "'Partner B'",
                       "base-url": f"'{base_b}'", "username": "'demo'"})
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        app.press("Account…")
        dialog = account_dialog(app)
        app.press("Delete Profile")
        heading = app.wait("label", "Delete Profile and Its Password?")
        question = window_of(heading)
        assert question is not None and question != dialog
        app.wait("label", contains="“Partner B” is removed, and with it the password stored for “demo”")
        delete = response_button(question, "Delete")
        cancel = response_button(question, "Cancel")
        steady(delete)
        app.screenshot(os.path.join(SHOTS, "delete-profile-question.png"))
        # asked, nothing removed; Cancel keeps both
        assert secret_tool_lookup(base_b, "demo", own=True) == "password-of-b"
        cancel.queryAction().doAction(0)
        wait_for(lambda: app.find("label", "Delete Profile and Its Password?") is None, 10, "the question gone")
        assert secret_tool_lookup(base_b, "demo", own=True) == "password-of-b"
        assert account_dialog(app) is not None
        # asked again and confirmed: profile and password go
        app.press("Delete Profile")
        question = window_of(app.wait("label", "Delete Profile and Its Password?"))
        response_button(question, "Delete").queryAction().doAction(0)
        # the profile left in use, named by the drop-down, its account under the title
        wait_for(lambda: profile_in_use(app) == "Partner A", 10, "Partner A in use")
        wait_for(lambda: window_subtitle(app) == "demo at 127.0.0.1", 10, "Partner A's account under the title")
        wait_for(lambda: secret_tool_lookup(base_b, "demo", own=True) is None, 10, "B's password removed")
        assert secret_tool_lookup(base_a, "demo", own=True) == "password-of-a"
        assert profile_in_use(app) == "Partner A"
    finally:
        if app is not None:
            app.close()
        server_a.terminate()
        server_b.terminate()


def test_changed_address_moves_password():
    """A profile moved to another base URL with no new password typed: the dialog asks, and Move
    Password stores the password for the new address and removes it from the old one."""
    server_old, base_old = serve_demo_with_password("the-password")
    server_new, base_new = serve_demo_with_password("the-password")
    app = None
    try:
        secret_tool_store(base_old, "demo", "the-password", own=True)
        secret_tool_clear(base_new, "demo")
        app = App([], {**WINDOW, "profiles": f"[('Office', '{base_old}', 'demo')]", "active-profile": "'Office'",
                       "base-url": f"'{base_old}'", "username": "'demo'"})
        lookup(app, "M11385", FORBIDDEN)
        app.wait("label", "No access to this customer")
        app.press("Account…")
        dialog = account_dialog(app)
        fill(wait_for(lambda: app.find("text", "Base URL", root=dialog), 5, "the Base URL field"), base_new)
        app.press("Save")
        question = window_of(app.wait("label", "Move the Password to the New Address?"))
        app.wait("label", contains=f"A password for “demo” is stored for {base_old}. This profile now uses {base_new}")
        steady(response_button(question, "Move Password"))
        app.screenshot(os.path.join(SHOTS, "move-password-question.png"))
        # asked, nothing moved yet
        assert secret_tool_lookup(base_new, "demo") is None
        response_button(question, "Move Password").queryAction().doAction(0)
        wait_for(lambda: secret_tool_lookup(base_new, "demo", own=True) == "the-password", 10, "the password at the new address")
        wait_for(lambda: secret_tool_lookup(base_old, "demo", own=True) is None, 10, "the password gone from the old address")
        wait_for(lambda: app.find("frame", "Account") is None and app.find("dialog", "Account") is None, 10,
                 "the dialog closed")
        lookup(app, "M11385", VALID)
        app.wait("label", "Valid")
    finally:
        if app is not None:
            app.close()
        server_old.terminate()
        server_new.terminate()


def choose_file(app, button, title, path):
    """Presses BUTTON and picks PATH in the file chooser titled TITLE (GTK 4.8's own dialog
    here; the portal's in Flatpak), typed into its location field."""
    app.press(button)
    # GTK 4.8's file chooser dialog is a "filler" in the tree
    chooser = wait_for(lambda: next((app.acc.getChildAtIndex(i) for i in range(app.acc.childCount)
                                     if app.acc.getChildAtIndex(i).name == title), None), 15, "the file chooser")
    steady(chooser)
    e = chooser.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    # the keyboard goes where the pointer is (no window manager): Ctrl+L opens the location field
    subprocess.run(["xdotool", "mousemove", str(max(e.x, 0) + 200), str(max(e.y, 0) + 100)], timeout=10)
    location = until(lambda: key("ctrl+l"), lambda: next((a for a in walk(chooser) if a.getRoleName() == "text"
                                                          and showing_text(a)), None), 20, "the location field")
    fill(location, path)
    until(lambda: key("Return"), lambda: not any(app.acc.getChildAtIndex(i).name == title
                                                 for i in range(app.acc.childCount)), 20, "the file chooser closed")


def make_office_ca(folder):
    """An office root ("Office Inspection Root") and a certificate for 127.0.0.1 signed by it."""
    def openssl(*args):
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)
    with open(os.path.join(folder, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/O=Example Office/CN=Office Inspection Root", "-keyout", "ca.key", "-out", "ca.pem",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "server.key", "-out", "server.csr")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
            "-extfile", "server.ext", "-out", "server.pem")
    out = subprocess.run(["openssl", "x509", "-in", "ca.pem", "-noout", "-fingerprint", "-sha256"], cwd=folder,
                         check=True, capture_output=True, text=True).stdout
    return os.path.join(folder, "ca.pem"), out.strip().split("=", 1)[1]


def test_office_certificate_per_profile():
    """A server signed by the office's own CA: refused, with the way out named in the window's
    words; the certificate chosen in the account dialog (file chooser) is shown by subject and
    fingerprint and makes the profile's lookups pass; another profile to the same server is
    still refused; the certificate can be removed."""
    folder = tempfile.mkdtemp(prefix="tl-office-ca-")
    ca, fingerprint = make_office_ca(folder)
    server = RecordingServer("office-password", tls=(os.path.join(folder, "server.pem"), os.path.join(folder, "server.key")))
    app = None
    try:
        secret_tool_store(server.base, "demo", "office-password", own=True)
        profiles = f"[('Office', '{server.base}', 'demo'), ('Home', '{server.base}', 'demo')]"
        app = App([], {**WINDOW, "profiles": profiles, "active-profile": "'Office'",
                       "base-url": f"'{server.base}'", "username": "'demo'"})
        lookup(app, "M11385", VALID)
        app.wait("label", "The secure connection failed")
        app.wait("label", contains="Office Inspection Root")
        next_step = app.wait("label", contains="Trust the Office’s Certificate… in the account settings")
        assert "--" not in next_step.name, next_step.name
        assert server.requests == []

        app.press("Account…")
        dialog = account_dialog(app)
        app.wait("label", "No Office Certificate")
        # a file that is no certificate: said in the dialog, nothing kept
        notes = os.path.join(folder, "office-root.txt")
        with open(notes, "w") as f:
            f.write("Office root certificate: ask IT\n")
        choose_file(app, "Trust the Office’s Certificate…", "Trust the Office’s Certificate", notes)
        app.wait("label", contains="“" + notes + "” holds no certificate.")
        app.wait("label", "No Office Certificate")
        choose_file(app, "Trust the Office’s Certificate…", "Trust the Office’s Certificate", ca)
        wait_for(lambda: app.find("label", contains="Office Inspection Root", root=dialog), 20, "the certificate shown")
        app.wait("label", "O=Example Office,CN=Office Inspection Root")
        app.wait("label", "SHA-256: " + fingerprint)
        app.press("Save")
        wait_for(lambda: app.find("frame", "Account") is None and app.find("dialog", "Account") is None, 10,
                 "the dialog closed")
        # the app's own copy: the chosen file may go away
        os.unlink(ca)
        app.press("Retry")
        app.wait("label", "Valid")
        assert len(server.requests) == 1 and server.authorizations() == [basic("demo", "office-password")]

        # the other profile, same server: still refused
        switch_profile(app, "Home")
        app.press("Look Up")
        # the failure shown is Home's own: Home in use (the drop-down names the profile once; a
        # result's footer names it only when a result of another profile is opened again)
        wait_for(lambda: profile_in_use(app) == "Home" and on_screen(app.find("label", "The secure connection failed")),
                 15, "Home's own failure on screen")
        assert len(server.requests) == 1, server.requests

        # back to Office: the dialog shows it, Remove takes it away with Save
        switch_profile(app, "Office", key=UP)
        app.press("Account…")
        dialog = account_dialog(app)
        steady(app.wait("label", "SHA-256: " + fingerprint))
        app.screenshot(os.path.join(SHOTS, "office-certificate.png"))
        app.press("Remove the Office’s Certificate")
        app.wait("label", "No Office Certificate")
        app.press("Save")
        wait_for(lambda: app.find("frame", "Account") is None and app.find("dialog", "Account") is None, 10,
                 "the dialog closed")
        app.press("Look Up")
        wait_for(lambda: profile_in_use(app) == "Office" and
                 any(on_screen(a) for a in walk(app.acc)
                     if a.getRoleName() == "label" and a.name == "The secure connection failed"),
                 15, "refused again")
        assert len(server.requests) == 1, server.requests
        copies = os.path.join(app.home, "data", "ticket-lookup", "certificates")
        assert not os.path.isdir(copies) or os.listdir(copies) == [], os.listdir(copies)
    finally:
        if app is not None:
            app.close()
        server.close()
        shutil.rmtree(folder, ignore_errors=True)


def set_clipboard(text):
    """Puts text on the X clipboard the way another program would (xclip keeps serving it)."""
    subprocess.run(["xclip", "-selection", "clipboard"], input=text, text=True, check=True, timeout=10)


def test_clipboard_offer():
    link = "https://partner.example/o?customerId=M11385&token=DemoExpired%2BTok%2F01%3D%3D"
    set_clipboard(link)
    app = App(["--demo"], WINDOW)
    try:
        # offered when the window gets the focus: customer ID and the token's ends, never the token or its hash
        offer = app.wait("label", contains="Look up the link on the clipboard? Customer M11385 · token Demo", timeout=15)
        assert "sha256:" not in offer.name and "token Demo…01==" in offer.name, offer.name
        assert "DemoExpired+Tok/01==" not in offer.name and "DemoExpired%2BTok" not in offer.name, offer.name
        # and the form is as it was
        assert text_of(app.wait("text", "Customer ID")) == ""
        # nothing was looked up or filled in before the click
        assert app.find("label", "Expired") is None
        steady(offer)
        app.screenshot(os.path.join(SHOTS, "clipboard-offer.png"))
        app.press("Look up the link on the clipboard")
        app.wait("label", "Expired")
        app.wait("label", "ORD-2024-000417")
        # the verdict has the keyboard focus, so a screen reader reads it out
        badge = app.wait("status bar", contains="Token status: Expired")
        wait_for(lambda: badge.getState().contains(pyatspi.STATE_FOCUSED), 5, "the verdict focused")
    finally:
        app.close()
    # turned off: nothing is offered
    app = App(["--demo"], {**WINDOW, "offer-clipboard": "false"})
    try:
        app.wait("label", "Demo Tokens")
        # the window has the focus (when the clipboard would be read), then a lookup goes
        # through: no offer came before its result
        wait_for(lambda: app.window.getState().contains(pyatspi.STATE_ACTIVE), 10, "the window active")
        lookup(app, "M1", VALID)
        app.wait("label", "Valid")
        assert app.find("label", contains="Look up the link on the clipboard?") is None
    finally:
        app.close()
        set_clipboard("")


def focus_window(app, title):
    subprocess.run(["xdotool", "search", "--all", "--onlyvisible", "--pid", str(app.proc.pid), "--name",
                    f"^{title}$", "windowraise", "windowfocus", "--sync"], capture_output=True, timeout=10)
    wait_for(lambda: app.find("frame", title) and app.find("frame", title).getState().contains(pyatspi.STATE_ACTIVE),
             10, f"the window {title} active")


def read_notifications(path):
    if not os.path.exists(path):
        return []
    return [json.loads(line) for line in open(path) if line.strip()]


def test_batch_file_and_notifications():
    """--batch FILE opens the batch window with the file's lines; a run or a slow lookup that
    finishes while its window is in the background sends a notification with the outcome and
    no token; the notification's action brings the window back."""
    home = tempfile.mkdtemp(prefix="tl-notify-")
    record = os.path.join(home, "notifications.jsonl")
    fake = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                             "fake_notifications.py"), record])
    lines = os.path.join(home, "tokens.txt")
    with open(lines, "w") as f:
        f.write(f"M1 {SLOW}\nM2 {SLOW}\nM3 {FORBIDDEN}\n")
    app = None
    try:
        wait_for(lambda: any(r.get("ready") for r in read_notifications(record)), 10, "the notification service")
        app = App(["--demo", "--batch", lines], WINDOW, home=home)
        text = wait_for(lambda: app.find("text", "Lines to look up"), 15, "the batch window with the file")
        wait_for(lambda: "M3 " + FORBIDDEN in text_of(text), 5, "the file's lines")
        # the batch window in the background before the run starts: it ends there, however fast
        focus_window(app, "Ticket Lookup")
        app.press("Run")
        done = wait_for(lambda: [r for r in read_notifications(record) if r.get("id") == "batch"], 30, "a batch notification")
        assert done[-1]["title"] == "3 lookups done", done
        assert done[-1]["body"] == "2 valid, 0 expired, 1 failed", done
        # a slow lookup while the batch window is in front
        focus_window(app, "Look Up Many Tokens")
        lookup(app, "M11385", SLOW)
        note = wait_for(lambda: [r for r in read_notifications(record) if r.get("id") == "lookup"], 30, "a lookup notification")
        assert note[-1]["title"] == "Valid", note
        assert note[-1]["body"].startswith("ORD-2026-118305 · customer M11385 · "), note
        for r in read_notifications(record):
            assert SLOW not in json.dumps(r) and FORBIDDEN not in json.dumps(r), r
        # its action brings the main window back, on that result
        subprocess.run(["gdbus", "call", "--session", "--dest", "io.github.ticketlookup.TicketLookup",
                        "--object-path", "/io/github/ticketlookup/TicketLookup", "--method",
                        "org.gtk.Actions.Activate", "show", "[<'lookup'>]", "{}"],
                       check=True, capture_output=True, timeout=10)
        wait_for(lambda: app.window.getState().contains(pyatspi.STATE_ACTIVE), 10, "the main window active")
        app.wait("label", "ORD-2026-118305")
    finally:
        if app is not None:
            app.close()
        fake.terminate()


def test_new_screens_swedish_dark():
    """The clipboard offer and the account check in Swedish and dark mode (screenshots)."""
    env = {**SWEDISH, "ADW_DEBUG_COLOR_SCHEME": "prefer-dark"}
    set_clipboard("M11385 " + VALID)
    app = App(["--demo"], WINDOW, env=env)
    try:
        steady(app.wait("label", contains="Slå upp länken i urklipp? Kund M11385 · token Demo", timeout=15))
        app.screenshot(os.path.join(SHOTS, "sv-dark-clipboard-offer.png"))
    finally:
        app.close()
        set_clipboard("")
    server, base = serve_demo_with_password("lösenord-för-demo")
    app = None
    try:
        secret_tool_store(base, "demo", "lösenord-för-demo")
        app = App([], {**WINDOW, "base-url": f"'{base}'", "username": "'demo'"}, env=env)
        lookup_sv = lambda c, t: (app.set_text("Kund-id", c), app.set_text("Token", t), app.press("Slå upp"))
        lookup_sv("M11385", FORBIDDEN)
        app.wait("label", "Ingen åtkomst till den här kunden")
        app.press("Konto…")
        dialog = wait_for(lambda: app.find("frame", "Konto") or app.find("dialog", "Konto"), 10, "the account dialog")
        app.press("Kontrollera kontot")
        wait_for(lambda: app.find("label", "Användarnamn och lösenord godtogs av 127.0.0.1", root=dialog), 15, "accepted")
        app.wait("label", contains="Förfrågans id: demo-0f6c2a1e")
        subprocess.run(["xdotool", "mousemove", "260", "400", "click", "--repeat", "12", "--delay", "50", "5"],
                       timeout=20)
        in_view(app.find("label", "Användarnamn och lösenord godtogs av 127.0.0.1", root=dialog), dialog)
        app.screenshot(os.path.join(SHOTS, "sv-dark-check-account.png"))
    finally:
        if app is not None:
            app.close()
        server.terminate()


def drag_and_drop(app, mode, payload, to=(360, 600)):
    """Drags TEXT (or a file) from another program's window onto the app, with the mouse."""
    import threading
    src = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                            "drag_source.py"), mode, payload],
                           env={**app.env, "NO_AT_BRIDGE": "1"}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           text=True)
    said = []  # what the drag source printed: begin, accepted, end
    threading.Thread(target=lambda: [said.append(line.strip()) for line in src.stdout], daemon=True).start()

    def move(x, y):
        subprocess.run(["xdotool", "mousemove", str(x), str(y)], timeout=10)
    try:
        wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^drag-source$"],
                             capture_output=True, text=True, timeout=20).stdout.split()[0]
        subprocess.run(["xdotool", "windowmove", "--sync", wid, "0", "0", "windowraise", wid], timeout=10)
        subprocess.run(["xdotool", "mousemove", "80", "80", "mousedown", "1"], timeout=10)
        # past the drag threshold, until the drag has begun
        path = iter([(90, 90), (120, 150), (200, 300)] * 20)
        wait_for(lambda: move(*next(path)) or "begin" in said, 15, "the drag begun")
        for x, y in [(300, 500), to]:
            move(x, y)
        # over the target until it takes the drag
        wiggle = iter([(to[0] + 2, to[1] + 2), to] * 50)
        wait_for(lambda: move(*next(wiggle)) or "accepted" in said, 15, "the drop target taking the drag")
        subprocess.run(["xdotool", "mouseup", "1"], timeout=10)
        wait_for(lambda: "end" in said, 15, "the drag over")
    finally:
        src.terminate()
        src.wait()


def test_drop_text_and_file():
    app = App(["--demo"], WINDOW)
    try:
        app.wait("label", "Demo Tokens")
        # a link dropped from another program fills the form as a paste would, nothing looked up
        drag_and_drop(app, "text", "https://partner.example/o?customerId=M77&token=DemoExpired%2BTok%2F01%3D%3D")
        wait_for(lambda: text_of(app.wait("text", "Customer ID")) == "M77", 10, "the dropped link")
        assert text_of(app.wait("text", "Token")) == "DemoExpired+Tok/01=="
        app.wait("label", "Read the customer ID and the token from the pasted link.")
        assert app.find("label", "Expired") is None
        # a text file with many lines opens the batch window with them
        path = os.path.join(app.home, "dropped.txt")
        with open(path, "w") as f:
            f.write(f"M1 {VALID}\nM2 {EXPIRED}\n")
        drag_and_drop(app, "file", path)
        lines = wait_for(lambda: app.find("text", "Lines to look up"), 10, "the batch window")
        wait_for(lambda: f"M2 {EXPIRED}" in text_of(lines), 5, "the file's lines")
        app.press("Run")
        app.wait("label", "2 of 2 done · Demo server", timeout=20)
    finally:
        app.close()


def test_batch_window_file_drop_and_many_lines():
    """The batch window takes a file dropped from another program (its lines are added after
    what was typed, nothing is lost) and Ctrl+Enter in the lines runs 2 000 lines to the end,
    the progress bar and the table updated once per frame."""
    app = App(["--demo"], WINDOW)
    try:
        app.press("Look Up Many Tokens…")
        lines = wait_for(lambda: app.find("text", "Lines to look up"), 10, "the batch window")
        fill(lines, f"M9 {EXPIRED}")
        assert app.find("push button", "Open a File of Lines") is not None
        path = os.path.join(app.home, "support.log")
        with open(path, "w") as f:
            for i in range(2000):
                f.write(f"M{10000 + i} {VALID}\n" if i % 100 else "a line without a token\n")
        drag_and_drop(app, "file", path, to=(400, 560))
        wait_for(lambda: text_of(lines).count("\n") >= 2000, 15, "the file's lines added")
        content = text_of(lines)
        assert content.split("\n")[0] == f"M9 {EXPIRED}", content[:80]
        assert content.split("\n")[1] == "a line without a token", content[:120]
        # Ctrl+Enter runs while the lines have the focus (the text view must not take it)
        # (the batch window is at the top left of the screen: a click puts the focus in the lines)
        subprocess.run(["xdotool", "mousemove", "300", "120", "click", "1"], check=True, timeout=10)
        # (no wait between: the X server hands the app the click before the key, in order)
        subprocess.run(["xdotool", "key", "ctrl+Return"], check=True, timeout=10)
        app.wait("label", "2001 of 2001 done · Demo server", timeout=120)
        assert text_of(lines).count("\n") == content.count("\n"), "Ctrl+Enter added a line"
        settled(app, [app.wait("label", "2001 of 2001 done · Demo server"), app.wait("label", "ORD-2024-000417")])
        app.screenshot(os.path.join(SHOTS, "batch-many.png"))
    finally:
        app.close()


MiB = 1024 * 1024
TL_TEXT_FILE_MAX = 16 * MiB  # src/app/tl-text-file.h


def peak_memory(app):
    """The app's peak resident memory so far, in bytes (VmHWM: the kernel's high-water mark,
    so a peak between two looks is not missed)."""
    with open(f"/proc/{app.proc.pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def hand_over(app, *args):
    """Runs a second ticket-lookup with ARGS, as a script or a file manager would: it gives them
    to the running window and exits."""
    second = subprocess.run([os.environ["TL_APP"], *args], env=app.env, capture_output=True, timeout=30)
    assert second.returncode == 0, (second.returncode, second.stderr)


# An idle demo window peaks at about 137 MiB under Xvfb with the cairo renderer (measured:
# test_batch_file_stops_at_cap prints it); 160 MiB leaves room for a busier run's fonts and
# caches. A file that was read anyway adds at most the 16 MiB cap to that.
WINDOW_PEAK = 160 * MiB


def memory_measurable():
    """False for an AddressSanitizer build: it keeps freed memory in quarantine and adds shadow
    memory, so the peak measures the sanitizer. The memory bounds are checked in the normal
    build; what the user sees is checked in both."""
    out = subprocess.run(["ldd", os.environ["TL_APP"]], capture_output=True, text=True).stdout
    return "libasan" not in out


def test_batch_file_refused_by_kind():
    """--batch with a device, a named pipe, a socket or a folder: refused at once with a toast
    that names the file and what it is; nothing is read (the memory stays where it was), no
    batch window opens, and the window still works."""
    import socket
    home = tempfile.mkdtemp(prefix="tl-kinds-")
    app = App(["--demo", "--batch", "/dev/zero"], WINDOW, home=home)
    sock = None
    try:
        app.wait("label", "“zero” is a device, not a file of lines.", timeout=15)
        peak = peak_memory(app)
        print(f"# peak memory after --batch /dev/zero: {peak / MiB:.0f} MiB", flush=True)
        assert peak < TL_TEXT_FILE_MAX + WINDOW_PEAK or not memory_measurable(), peak
        fifo = os.path.join(home, "tokens.fifo")
        os.mkfifo(fifo)
        sock_path = os.path.join(home, "tokens.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(sock_path)
        folder = os.path.join(home, "tokens")
        os.mkdir(folder)
        for path, said in [("/dev/zero", "“zero” is a device, not a file of lines."),
                           (fifo, "“tokens.fifo” is a named pipe (FIFO), not a file of lines."),
                           (sock_path, "“tokens.sock” is a socket, not a file of lines."),
                           (folder, "“tokens” is a folder, not a file of lines.")]:
            hand_over(app, "--batch", path)
            app.wait("label", said, timeout=15)
        assert app.find("text", "Lines to look up") is None, "a batch window opened"
        # none of them was read: four more refusals cost the window next to nothing
        after = peak_memory(app)
        print(f"# peak memory after a device, a pipe, a socket and a folder more: {after / MiB:.0f} MiB",
              flush=True)
        assert after - peak < 8 * MiB or not memory_measurable(), (peak, after)
        lookup(app, "M11385", VALID)
        app.wait("label", "ORD-2026-118305")
    finally:
        if sock is not None:
            sock.close()
        app.close()


def test_toast_shows_a_file_name_as_text():
    """A file's name goes into a toast as the text it is: a '&' or markup in it neither empties
    the toast nor styles it, and a right-to-left override in it is shown as a marker."""
    home = tempfile.mkdtemp(prefix="tl-toast-")
    fifo = os.path.join(home, "a & <i>b</i>\u202etxt.fifo".replace("/", ""))
    os.mkfifo(fifo)
    app = App(["--demo", "--batch", fifo], WINDOW, home=home)
    try:
        app.wait("label", "“a & <i>b<i><U+202E>txt.fifo” is a named pipe (FIFO), not a file of lines.",
                 timeout=15)
    finally:
        app.close()


def test_batch_file_stops_at_cap():
    """A 100 MB file is read no further than the 16 MiB cap: refused with a message, and the
    app's peak memory grows by less than the cap plus a constant."""
    app = App(["--demo"], WINDOW)
    try:
        app.wait("label", "Demo Tokens")
        big = os.path.join(app.home, "big.txt")
        with open(big, "wb") as f:
            f.truncate(100 * MiB)
        baseline = peak_memory(app)
        hand_over(app, "--batch", big)
        app.wait("label", "The file is too large to be a list of tokens.", timeout=30)
        peak = peak_memory(app)
        print(f"# peak memory: {baseline / MiB:.0f} MiB before, {peak / MiB:.0f} MiB after a 100 MB file",
              flush=True)
        # the cap's buffer (16 MiB + 1 byte) plus what the toast and the second instance's
        # command line cost the window (a few MiB, measured); never the 100 MB
        assert peak - baseline < TL_TEXT_FILE_MAX + 16 * MiB or not memory_measurable(), (baseline, peak)
        assert app.find("text", "Lines to look up") is None, "a batch window opened"
    finally:
        app.close()


def test_batch_window_keeps_lines_when_file_refused():
    """A named pipe given to --batch while lines are typed in the batch window: refused at once
    (the read would wait for a writer forever), naming what it is; the typed lines are kept as
    they were. (A file dropped or opened in the batch window goes through the same reader,
    checked in test-text-file: here the document portal refuses to hand over anything but a
    regular file on a drop.)"""
    app = App(["--demo"], WINDOW)
    try:
        app.press("Look Up Many Tokens…")
        lines = wait_for(lambda: app.find("text", "Lines to look up"), 10, "the batch window")
        fill(lines, f"M9 {EXPIRED}")
        fifo = os.path.join(app.home, "tokens.txt")
        os.mkfifo(fifo)
        hand_over(app, "--batch", fifo)
        app.wait("label", "“tokens.txt” is a named pipe (FIFO), not a file of lines.", timeout=15)
        assert text_of(lines) == f"M9 {EXPIRED}", text_of(lines)
        assert peak_memory(app) < TL_TEXT_FILE_MAX + WINDOW_PEAK or not memory_measurable()
    finally:
        app.close()


DOWN, UP, RETURN, ESCAPE = 0xff54, 0xff52, 0xff0d, 0xff1b


def switch_profile(app, name, key=DOWN):
    """Like a person at the keyboard: open the header bar's profile switcher, one row down (or
    up), Enter; until the window says the profile is in use."""
    def switched():
        return profile_in_use(app) == name
    # another window of the app (the batch window, a dialog) may have the keyboard: give it to
    # the main window first, as a click on it would (no window manager runs under Xvfb)
    subprocess.run(["xdotool", "search", "--all", "--onlyvisible", "--pid", str(app.proc.pid), "--name", "^Ticket Lookup$",
                    "windowraise", "windowfocus", "--sync"], capture_output=True, timeout=10)
    wait_for(lambda: app.window.getState().contains(pyatspi.STATE_ACTIVE), 10, "the main window active")
    for attempt in range(4):
        dropdown = app.wait("combo box", "Profile")
        opener = dropdown if dropdown.queryAction().nActions else next(
            d for d in walk(dropdown) if "Action" in pyatspi.utils.listInterfaces(d) and d.queryAction().nActions)
        opener.queryAction().doAction(0)
        # the popover's list on screen with the keyboard in it
        wait_for(lambda: popover_list(app), 10, "the profile list")
        pyatspi.Registry.generateKeyboardEvent(key, None, pyatspi.KEY_SYM)
        pyatspi.Registry.generateKeyboardEvent(RETURN, None, pyatspi.KEY_SYM)
        try:
            wait_for(switched, 5, f"profile {name}")
            return
        except AssertionError:
            pyatspi.Registry.generateKeyboardEvent(ESCAPE, None, pyatspi.KEY_SYM)
            wait_for(lambda: not popover_list(app), 10, "the profile list closed")
    wait_for(switched, 5, f"profile {name} in use")


def popover_list(app):
    """The open profile switcher's list, when it is on screen and has the keyboard focus."""
    for a in walk(app.acc):
        try:
            if a.getRoleName() in ("list", "list box") and any(
                    a.getChildAtIndex(i).getState().contains(pyatspi.STATE_FOCUSED) for i in range(a.childCount)):
                return a
        except Exception:
            continue
    return None


def profile_in_use(app):
    """The profile the header bar's drop-down shows as chosen."""
    dropdown = app.find("combo box", "Profile")
    chosen = None
    for a in walk(dropdown):
        try:
            # the chosen row's label (after the drop-down's own "(None)" for no choice)
            if a is not dropdown and a.getRoleName() == "label" and a.name and a.name != "(None)":
                chosen = a.name
        except Exception:
            continue
    return chosen


def window_subtitle(app):
    """The account under the window title (AdwWindowTitle: the title label's sibling)."""
    for title in walk(app.window):
        try:
            if title.getRoleName() != "label" or title.name != "Ticket Lookup":
                continue
            parent = title.parent
            for i in range(parent.childCount):
                child = parent.getChildAtIndex(i)
                if child.getRoleName() == "label" and child.name != "Ticket Lookup":
                    return child.name
        except Exception:
            continue
    return None


class PausedKeyring:
    """The session's gnome-keyring-daemon stopped (SIGSTOP), as behind a slow unlock prompt;
    always resumed on the way out."""

    def __enter__(self):
        self.pid = keyring_daemon_pid()
        os.kill(self.pid, signal.SIGSTOP)
        return self

    def resume(self):
        if self.pid:
            os.kill(self.pid, signal.SIGCONT)
            self.pid = None

    def __exit__(self, *exc):
        self.resume()


def two_accounts(password_a="password-of-a", password_b="password-of-b", stored_a=None):
    a, b = RecordingServer(password_a), RecordingServer(password_b)
    secret_tool_store(a.base, "demo", stored_a or password_a)
    secret_tool_store(b.base, "demo", password_b)
    profiles = f"[('Partner A', '{a.base}', 'demo'), ('Partner B', '{b.base}', 'demo')]"
    settings = {**WINDOW, "profiles": profiles, "active-profile": "'Partner A'",
                "base-url": f"'{a.base}'", "username": "'demo'"}
    return a, b, settings


def test_switch_while_keyring_waits():
    """A lookup started on A waits for the keyring; the person switches to B meanwhile. A's
    password must never reach B: the lookup goes on with A, the next one uses B."""
    a, b, settings = two_accounts()
    app = None
    try:
        app = App([], settings)
        with PausedKeyring() as keyring:
            lookup(app, "M11385", VALID)
            app.wait("label", "Looking Up…")
            switch_profile(app, "Partner B")
            app.wait("label", contains="The lookup in progress goes on with Partner A")
            keyring.resume()
        app.wait("label", "Valid", timeout=20)
        assert basic("demo", "password-of-a") not in b.authorizations(), b.requests
        assert b.requests == [], b.requests
        assert a.authorizations() == [basic("demo", "password-of-a")], a.requests
        # the result says which account it was looked up with
        app.wait("label", contains="Partner A (demo at 127.0.0.1)")
        # the next lookup is B's, with B's own password
        app.press("Look Up")
        wait_for(lambda: b.requests, 15, "a request to B")
        assert b.authorizations() == [basic("demo", "password-of-b")], b.requests
        assert len(a.requests) == 1
    finally:
        if app is not None:
            app.close()
        a.close()
        b.close()


def test_keyring_never_answers():
    """A keyring that does not answer gives the keyring error within the lookup's time limit,
    with the form as the person left it."""
    a, b, settings = two_accounts()
    app = None
    try:
        app = App([], {**settings, "timeout-seconds": "2"})
        with PausedKeyring():
            lookup(app, "M11385", VALID)
            app.wait("label", "The keyring is not available", timeout=15)
            app.wait("label", contains="did not answer within 2.0 seconds")
            assert text_of(app.wait("text", "Customer ID")) == "M11385"
            assert text_of(app.wait("text", "Token")) == VALID
            assert app.sensitive("Look Up")
        assert a.requests == [] and b.requests == []
    finally:
        if app is not None:
            app.close()
        a.close()
        b.close()


def test_switch_while_batch_waits():
    a, b, settings = two_accounts()
    app = None
    try:
        app = App([], settings)
        app.press("Look Up Many Tokens…")
        lines = wait_for(lambda: app.find("text", "Lines to look up"), 10, "the batch window")
        fill(lines, f"M1 {VALID}\nM2 {VALID}\nM3 {VALID}\n")
        with PausedKeyring() as keyring:
            app.press("Run")
            app.wait("label", "Reading the password from the keyring…")
            switch_profile(app, "Partner B")
            keyring.resume()
        try:
            progress = app.wait("label", contains="3 of 3 done", timeout=20)
        except AssertionError:
            print("# labels:", [n for n in app.names("label") if n][:40])
            print("# frames:", app.names("frame"), app.names("dialog"))
            raise
        # every row of the run was looked up with A, and the run says so
        assert "Partner A (demo at 127.0.0.1)" in progress.name, progress.name
        assert b.requests == [], b.requests
        assert a.authorizations() == [basic("demo", "password-of-a")] * 3, a.requests
    finally:
        if app is not None:
            app.close()
        a.close()
        b.close()


def test_switch_while_dialog_saves():
    """A's new password is saved while the keyring is slow and the person switches to B: the
    new password belongs to A (keyring and memory), never to B."""
    a, b, settings = two_accounts(password_a="new-password-of-a", stored_a="old-password-of-a")
    app = None
    try:
        app = App([], settings)
        lookup(app, "M11385", VALID)
        app.wait("label", "Wrong username or password")
        app.press("Account…")
        dialog = wait_for(lambda: app.find("frame", "Account") or app.find("dialog", "Account"), 10, "account dialog")
        pw = wait_for(lambda: app.find("text", "Password", root=dialog) or app.find("password text", "Password", root=dialog),
                      5, "password field")
        fill(pw, "new-password-of-a")
        with PausedKeyring() as keyring:
            app.press("Save")
            app.wait("label", "Saving the password in the keyring…")
            switch_profile(app, "Partner B")
            keyring.resume()
        wait_for(lambda: secret_tool_lookup(a.base, "demo") == "new-password-of-a", 15, "A's new password saved")
        assert secret_tool_lookup(b.base, "demo") == "password-of-b"
        # B is in use now: its own password goes to it
        wait_for(lambda: profile_in_use(app) == "Partner B", 10, "Partner B in use")
        app.press("Look Up")
        wait_for(lambda: b.requests, 15, "a request to B")
        assert b.authorizations() == [basic("demo", "password-of-b")], b.requests
        # and A gets its new one
        switch_profile(app, "Partner A", key=UP)
        app.press("Look Up")
        wait_for(lambda: len(a.requests) == 2, 15, "a second request to A")
        assert a.authorizations()[1] == basic("demo", "new-password-of-a"), a.requests
    finally:
        if app is not None:
            app.close()
        a.close()
        b.close()


def test_second_instance_hands_over():
    app = App(["--demo"], WINDOW)
    try:
        app.wait("label", "Demo Tokens")
        # A second invocation (from a browser, a script) gives its input to the running window
        # and exits.
        second = subprocess.run([os.environ["TL_APP"], "https://partner.example/o?customerId=M11385"
                                 "&token=DemoExpired%2BTok%2F01%3D%3D"], env=app.env, timeout=20)
        assert second.returncode == 0, second.returncode
        app.wait("label", "Expired")
        app.wait("label", "ORD-2024-000417")
        assert app.proc.poll() is None
    finally:
        app.close()


SWEDISH = {"LANGUAGE": "sv", "LANG": "sv_SE.UTF-8", "LC_ALL": "sv_SE.UTF-8"}


def test_swedish():
    app = App(["--demo", "M11385", EXPIRED], WINDOW, env=SWEDISH)
    try:
        app.wait("label", "Utgånget")
        app.wait("status bar", contains="Tokenstatus: Utgånget")
        app.wait("label", "Ticket för beställningen")
        app.wait("push button", "Slå upp")
        settled(app, [app.wait("label", "Utgånget")])
        app.screenshot(os.path.join(SHOTS, "sv-expired.png"))
        lookup_sv = lambda c, t: (app.set_text("Kund-id", c), app.set_text("Token", t), app.press("Slå upp"))
        lookup_sv("M11385", BAD)
        app.wait("label", "Tjänsten avvisade tokenet")
        settled(app, [app.wait("label", "Vad du kan göra")])
        app.screenshot(os.path.join(SHOTS, "sv-error.png"))
    finally:
        app.close()


def test_narrow():
    app = App(["--demo", "M11385", VALID], {"window-width": "360", "window-height": "720"})
    try:
        settled(app, [app.wait("label", "Valid")])
        app.screenshot(os.path.join(SHOTS, "narrow.png"), 360, 720)
    finally:
        app.close()


TESTS = [
    test_valid,
    test_expired_and_enter_key,
    test_bad_request_messages,
    test_forbidden,
    test_server_error,
    test_slow_lookup_cancelled,
    test_smart_paste_url,
    test_invalid_input_rejected,
    test_unauthorized_then_fix_account,
    test_account_dialog_password_in_view_and_enter_saves,
    test_delete_profile_asks_first,
    test_changed_address_moves_password,
    test_office_certificate_per_profile,
    test_every_widget_named,
    test_screenshots_dark_narrow_welcome,
    test_swedish,
    test_narrow,
    test_second_instance_hands_over,
    test_details_panel,
    test_timeout_returns_to_idle_with_input_kept,
    test_corrupt_settings,
    test_history,
    test_secrets_found_nowhere,
    test_batch_window,
    test_profiles,
    test_switch_while_keyring_waits,
    test_keyring_never_answers,
    test_switch_while_batch_waits,
    test_switch_while_dialog_saves,
    test_server_text_never_markup,
    test_echoed_secrets_never_shown,
    test_damaged_history_set_aside,
    test_check_account_dialog,
    test_clipboard_offer,
    test_batch_file_and_notifications,
    test_new_screens_swedish_dark,
    test_drop_text_and_file,
    test_batch_window_file_drop_and_many_lines,
    test_shortcuts_window_on_demand,
    test_hidden_page_keeps_window_width,
    test_batch_file_refused_by_kind,
    test_toast_shows_a_file_name_as_text,
    test_batch_file_stops_at_cap,
    test_batch_window_keeps_lines_when_file_refused,
    test_result_follows_the_form,
    test_history_entry_says_when,
    test_truth_screens,
    test_history_opens_in_narrow_window,
    test_check_account_not_the_service_screens,
    test_paste_keeps_the_form_in_view,
    test_no_command_line_words_in_window,
]


def main():
    return run_tap(TESTS, SHOTS)


if __name__ == "__main__":
    sys.exit(main())
