#!/usr/bin/python3
"""The batch window as a workbench, under Xvfb through the accessibility tree: the summary that
filters, "Failures Only", sorting by outcome, a row opened on its result page, Retry Failed
counted at the server. Screenshots of the filtered table and an opened failure, English light
and Swedish dark, go to $TL_SCREENSHOT_DIR.

Run by tests/gui/run-gui-test.sh. Prints TAP.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from atspi_helpers import App, RecordingServer, fill, run_tap, secret_tool_store, text_of, wait_for, walk  # noqa: E402
from recording_server import ticket  # noqa: E402

import pyatspi  # noqa: E402

SHOTS = os.environ.get("TL_SCREENSHOT_DIR", "/tmp/tl-shots")
os.makedirs(SHOTS, exist_ok=True)

VALID = "DemoValid+Token/01=="
EXPIRED = "DemoExpired+Tok/01=="
BAD = "DemoBadRequest/0001="
FORBIDDEN = "DemoForbidden+01"
SERVER_ERROR = "DemoServerError+0001"

WINDOW = {"window-width": "720", "window-height": "900"}
SWEDISH = {"LANGUAGE": "sv", "LANG": "sv_SE.UTF-8", "LC_ALL": "sv_SE.UTF-8"}
DARK = {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"}

# a mixed batch: two valid, one expired, three failures from the service, one line that is no
# lookup at all
MIXED = (f"M11385 {VALID}\n"
         f"M2 {EXPIRED}\n"
         f"M3 {FORBIDDEN}\n"
         "just-a-token\n"
         f"M5 {VALID}\n"
         f"M6 {SERVER_ERROR}\n"
         f"M7 {BAD}\n")
FAILED_LINES = [3, 4, 6, 7]


def batch_window(app, swedish=False):
    app.press("Slå upp många token…" if swedish else "Look Up Many Tokens…")
    return wait_for(lambda: app.find("frame", "Look Up Many Tokens") or app.find("frame", "Slå upp många token"),
                    10, "the batch window")


def table(app):
    for a in walk(app.acc):
        try:
            if (a.name or "") in ("Results", "Resultat") and a.getRoleName() != "label":
                return a
        except Exception:
            continue
    return None


def shown_lines(app):
    """The line numbers of the rows the table shows, top to bottom (a row's Line cell is its
    number; recycled rows that are not shown are not in the tree)."""
    rows = []
    for a in walk(table(app)):
        try:
            if a.getRoleName() == "label" and (a.name or "").isdigit():
                e = a.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                if e.width > 0 and e.height > 0:
                    rows.append((e.y, int(a.name)))
        except Exception:
            continue
    return [n for _, n in sorted(rows)]


def wait_lines(app, expected, what):
    return wait_for(lambda: shown_lines(app) == expected, 15, f"{what}: rows {expected} (shown: {shown_lines(app)})")


def window_origin():
    """Where the batch window's X window is on the screen: GTK 4 gives extents relative to the
    window only."""
    wid = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^(Look Up Many Tokens|Slå upp många token)$"],
                         capture_output=True, text=True, timeout=10).stdout.split()[0]
    out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid], capture_output=True, text=True,
                         timeout=10).stdout
    geometry = dict(line.split("=", 1) for line in out.split() if "=" in line)
    # the window's shadow, around what GTK calls the window: left, right, top, bottom
    frame = subprocess.run(["xprop", "-id", wid, "_GTK_FRAME_EXTENTS"], capture_output=True, text=True,
                           timeout=10).stdout
    left, top = 0, 0
    if "=" in frame:
        left, _, top, _ = (int(v) for v in frame.split("=", 1)[1].split(","))
    return int(geometry["X"]) + left, int(geometry["Y"]) + top


def click(acc):
    """Clicks the middle of ACC with the mouse, as a person does."""
    x, y = window_origin()
    e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    subprocess.run(["xdotool", "mousemove", str(x + e.x + e.width // 2), str(y + e.y + e.height // 2), "click", "1"],
                   check=True, timeout=10)


def row_label(app, line):
    for a in walk(table(app)):
        try:
            if a.getRoleName() == "label" and a.name == str(line):
                return a
        except Exception:
            continue
    return None


def run_mixed(app, done_label):
    batch_window(app, swedish="klara" in done_label)
    lines = wait_for(lambda: app.find("text", "Lines to look up") or app.find("text", "Rader att slå upp"), 10,
                     "the lines")
    fill(lines, MIXED)
    app.press("Run") if app.find("push button", "Run") else app.press("Kör")
    app.wait("label", done_label, timeout=30)


def screenshot(app, name):
    app.screenshot(os.path.join(SHOTS, name))


def test_failures_only_and_sort_by_outcome():
    """Failures Only shows exactly the failed lines of a mixed batch (and says how many); the
    summary counts each outcome; the Result column sorts by outcome, failures first."""
    app = App(["--demo"], WINDOW)
    try:
        run_mixed(app, "7 of 7 done · Demo server")
        for count in ("2 valid", "1 expired", "3 failed", "1 not a lookup"):
            app.wait("push button", count)
        wait_lines(app, [1, 2, 3, 4, 5, 6, 7], "every line")
        app.press("Failures Only", role="push button")
        app.wait("label", "Showing 4 of 7 lines")
        wait_lines(app, FAILED_LINES, "Failures Only")
        screenshot(app, "batch-failures-only.png")
        # the count of one outcome is a filter too
        app.press("Failures Only", role="push button")
        app.press("1 expired", role="push button")
        app.wait("label", "Showing 1 of 7 lines")
        wait_lines(app, [2], "only the expired line")
        app.press("1 expired", role="push button")
        wait_lines(app, [1, 2, 3, 4, 5, 6, 7], "every line again")
        # the search finds a customer ID or an order ID
        search = app.wait("entry", "Search by customer or order ID")
        fill(search, "m6")
        wait_lines(app, [6], "customer M6")
        fill(search, "ORD-2024")
        wait_lines(app, [2], "the expired line's order ID")
        fill(search, "")
        wait_lines(app, [1, 2, 3, 4, 5, 6, 7], "every line after the search")
        # sorted by the Result column: failures, not a lookup, expired, valid; in line order
        click(app.wait("label", "Result"))
        wait_lines(app, [3, 6, 7, 4, 2, 1, 5], "sorted by outcome")
        click(app.wait("label", "Result"))
        wait_lines(app, [5, 1, 2, 4, 7, 6, 3], "sorted by outcome, reversed")
    finally:
        app.close()


def test_open_failed_row():
    """A failed row opens on the error page with the service's own messages and the details
    (Copy Report, Copy as curl); the row's tooltip reason is whole; back to the table."""
    app = App(["--demo"], WINDOW)
    try:
        run_mixed(app, "7 of 7 done · Demo server")
        click(wait_for(lambda: row_label(app, 7), 10, "row 7"))
        app.wait("label", "The service rejected the token")
        app.wait("label", contains="The token is not valid.")
        app.wait("label", contains="The token does not belong to the customer.")
        app.wait("push button", "Copy Report")
        app.wait("push button", "Copy as curl")
        app.wait("label", contains="Line 7 · customer M7")
        screenshot(app, "batch-open-failed-row.png")
        app.press("Back to the Results")
        wait_for(lambda: row_label(app, 3), 10, "the table again")
        # a line that is not a lookup opens on the invalid input's page
        click(row_label(app, 4))
        app.wait("label", contains="Line 4")
        app.wait("label", contains="Only a token was found")
    finally:
        app.close()


def test_retry_failed_sends_only_failed():
    """A failed line's own Retry sends that line alone; Retry Failed sends the lines whose lookup
    failed, and only those, once more: counted at the server."""
    password = "retry-password"
    tries = {}

    def answer(request):
        token = request["token"]
        tries[token] = tries.get(token, 0) + 1
        if token.startswith("Fail") and tries[token] == 1:
            return 500, {"Message": "An error has occurred."}
        return 200, ticket(request["customer"])

    server = RecordingServer(password, answer=answer)
    app = None
    try:
        secret_tool_store(server.base, "demo", password)
        app = App([], {**WINDOW, "base-url": f"'{server.base}'", "username": "'demo'"})
        batch = batch_window(app)
        lines = wait_for(lambda: app.find("text", "Lines to look up"), 10, "the lines")
        tokens = [f"Good{i}Token+{i:02d}" for i in range(5)] + [f"Fail{i}Token+{i:02d}" for i in range(3)]
        fill(lines, "".join(f"M{i} {t}\n" for i, t in enumerate(tokens, 1)) + "not a lookup\n")
        app.press("Run")
        app.wait("push button", "3 failed", timeout=30)
        app.wait("label", contains="9 of 9 done")
        assert len(server.requests) == 8, server.tokens()
        # one failed line, tried again from its own page: that line alone is sent, and the page
        # shows its new result
        click(wait_for(lambda: row_label(app, 6), 10, "row 6"))
        app.wait("label", contains="Line 6 · customer M6")
        # the batch window's own error page (the main window has one too)
        retry = wait_for(lambda: [a for a in walk(batch) if a.getRoleName() == "push button" and a.name == "Retry"
                                  and a.getState().contains(pyatspi.STATE_SENSITIVE)], 10, "Retry on the line's page")
        retry[0].queryAction().doAction(0)
        wait_for(lambda: len(server.requests) == 9, 15, "the line sent again")
        assert server.tokens()[8] == tokens[5], server.tokens()
        app.wait("label", "ORD-2026-118305", timeout=15)
        app.press("Back to the Results")
        app.wait("push button", "2 failed", timeout=15)
        # Retry Failed: the two lines still failed, and only those
        app.press("Retry Failed")
        app.wait("push button", "8 valid", timeout=30)
        app.wait("label", contains="9 of 9 done")
        wait_for(lambda: app.find("push button", "Retry Failed") is None, 10, "Retry Failed gone: nothing failed")
        again = server.tokens()[9:]
        assert sorted(again) == sorted(tokens[6:]), again
        assert len(server.requests) == 11, server.tokens()
    finally:
        if app is not None:
            app.close()
        server.close()


# What the stand-in OpenURI portal was asked to show, in order (started by main() before any app,
# so the desktop's own portal is never activated on this test's bus).
PORTAL_OPENED = []


def start_portal():
    """The stand-in OpenURI portal on this test's session bus; it ends with the test
    (PR_SET_PDEATHSIG)."""
    import ctypes
    import threading
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    portal = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                               "fake_openuri_portal.py")],
                              stdout=subprocess.PIPE, text=True, preexec_fn=lambda: libc.prctl(1, 15))
    assert portal.stdout.readline().strip() == "ready", "the stand-in portal did not start"
    threading.Thread(target=lambda: [PORTAL_OPENED.append(line.split(" ", 1)[1].strip()) for line in portal.stdout
                                     if line.startswith("opened ")], daemon=True).start()
    return portal


def test_export_csv_dated_in_documents():
    """Export CSV… opens in the documents folder with a dated name; the file has a row per line
    and fingerprints, never tokens; the toast offers to open the folder."""
    import re
    import tempfile
    home = tempfile.mkdtemp(prefix="tl-gui-")
    documents = os.path.join(home, "Documents")
    os.makedirs(documents)
    os.makedirs(os.path.join(home, "config"), exist_ok=True)
    with open(os.path.join(home, "config", "user-dirs.dirs"), "w") as f:
        f.write(f'XDG_DOCUMENTS_DIR="{documents}"\n')
    app = App(["--demo"], WINDOW, home=home)
    try:
        run_mixed(app, "7 of 7 done · Demo server")
        app.press("Export CSV…")
        def chooser():
            for i in range(app.acc.childCount):
                window = app.acc.getChildAtIndex(i)
                if window is not None and window.name == "Export as CSV":
                    return window
            return None
        dialog = wait_for(chooser, 15, "the file chooser")
        pattern = re.compile(r"ticket-lookup-\d{4}-\d\d-\d\d-\d{4}\.csv")

        def name_field():
            for a in walk(dialog):
                try:
                    if a.getRoleName() == "text" and pattern.fullmatch(text_of(a)):
                        return a
                except Exception:
                    continue
            return None
        name = text_of(wait_for(name_field, 15, "a dated name in the file chooser"))
        # (GTK 4.8 names the dialog's button by its label twice: "Export Export")
        buttons = [a for a in walk(dialog) if a.getRoleName() == "push button" and (a.name or "").startswith("Export")]
        assert buttons, [(a.getRoleName(), a.name) for a in walk(dialog) if "xport" in (a.name or "")]
        buttons[0].queryAction().doAction(0)
        path = os.path.join(documents, name)
        wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0, 15, f"{path} written")
        with open(path, encoding="utf-8") as f:
            csv = f.read()
        rows = csv.splitlines()
        assert rows[0] == "line,token,customerId,orderId,outcome,status,requestId,account", rows[0]
        assert len(rows) == 8, rows
        for token in (VALID, EXPIRED, BAD, FORBIDDEN, SERVER_ERROR):
            assert token not in csv, token
        app.wait("label", "Saved as CSV (token fingerprints only)")
        # Open Folder asks the OpenURI portal (as inside Flatpak) to show the file in its folder
        before = len(PORTAL_OPENED)
        app.wait("push button", contains="Open Folder").queryAction().doAction(0)
        wait_for(lambda: len(PORTAL_OPENED) > before, 15, "the portal asked to show the file")
        assert PORTAL_OPENED[before] == path, (PORTAL_OPENED, path)
    finally:
        app.close()


def test_app_help_one_usage_line():
    """ticket-lookup --help says its usage once."""
    out = subprocess.run([os.environ["TL_APP"], "--help"], capture_output=True, text=True, timeout=30,
                         env={**os.environ, "GSETTINGS_BACKEND": "memory"}).stdout
    usage = [line for line in out.splitlines() if "ticket-lookup [" in line]
    assert len(usage) == 1 and out.count("PASTED_TEXT") == 1, out[:600]


def test_screenshots_en_sv_light_dark():
    """The filtered table and an opened failure, in English and Swedish, light and dark."""
    for prefix, env in (("", {}), ("dark-", DARK), ("sv-", SWEDISH), ("sv-dark-", {**SWEDISH, **DARK})):
        swedish = prefix.startswith("sv")
        app = App(["--demo"], WINDOW, env=env)
        try:
            run_mixed(app, "7 av 7 klara · Demoserver" if swedish else "7 of 7 done · Demo server")
            app.press("Bara fel" if swedish else "Failures Only", role="push button")
            wait_lines(app, FAILED_LINES, "failures only")
            app.wait("label", "Visar 4 av 7 rader" if swedish else "Showing 4 of 7 lines")
            screenshot(app, f"{prefix}batch-failures-only.png")
            click(row_label(app, 7))
            app.wait("label", contains="The token is not valid.")
            screenshot(app, f"{prefix}batch-open-failed-row.png")
        finally:
            app.close()


TESTS = [
    test_failures_only_and_sort_by_outcome,
    test_open_failed_row,
    test_retry_failed_sends_only_failed,
    test_export_csv_dated_in_documents,
    test_app_help_one_usage_line,
    test_screenshots_en_sv_light_dark,
]


def window_manager():
    """metacity on the test's display, so screenshots show windows as a desktop does; it ends
    with the test (PR_SET_PDEATHSIG) whatever happens."""
    if not shutil.which("metacity"):
        return None
    import ctypes
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    return subprocess.Popen(["metacity", "--replace"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_AT_BRIDGE": "1"},
                            preexec_fn=lambda: libc.prctl(1, 15))  # PR_SET_PDEATHSIG, SIGTERM


def main():
    wm = window_manager()
    portal = start_portal()
    try:
        return run_tap(TESTS, SHOTS)
    finally:
        portal.terminate()
        portal.wait()
        if wm is not None:
            wm.terminate()
            wm.wait()


if __name__ == "__main__":
    sys.exit(main())
