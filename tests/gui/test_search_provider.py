#!/usr/bin/python3
"""The GNOME Shell search provider, driven over D-Bus as the Shell drives it.

Run by tests/gui/run-gui-test.sh (Xvfb, a private D-Bus session, a real gnome-keyring-daemon).
The application is started as D-Bus activation starts it (--gapplication-service), with the
password in the keyring; a recording server stands in for the service and says what reached it.
Prints TAP.
"""
import json
import os
import sys
import time
import traceback

from gi.repository import Gio, GLib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from atspi_helpers import App, secret_tool_store, wait_for  # noqa: E402
from recording_server import RecordingServer, basic, ticket  # noqa: E402

APP_ID = os.environ.get("TL_APP_ID", "io.github.ticketlookup.TicketLookup")
PATH = "/" + APP_ID.replace(".", "/") + "/SearchProvider"
IFACE = "org.gnome.Shell.SearchProvider2"
USER, PASSWORD = "broker", "search-provider-password"

VALID = "SearchValidToken"
EXPIRED = "SearchExpiredTok"
DENIED = "SearchDenied+Tkn"
HOSTILE = "SearchHostile+01"
SLOW = "SearchSlowToken0"
SENTINEL = "SearchSentinel0"  # a lookup that must go through, after one that must not


def answer(request):
    """By token: valid, expired, 403, a hostile answer, a slow one."""
    token, customer = request["token"], request["customer"]
    if token == SLOW:
        time.sleep(2)  # the server being slow, should the search reach it (it must not)
    if token == EXPIRED:
        return 200, ticket(customer, orderId="ORD-2024-000417", hasExpired=True)
    if token == DENIED:
        return 403, {"message": "Access denied for this customer."}
    if token == HOSTILE:
        # markup, a terminal escape, a bidi override and the token echoed back
        return 200, ticket(customer, orderId="<b>ORD</b>\x1b[2J\u202eevil " + token,
                           targetType="<i>Type</i>", targetId="echo:" + token)
    return 200, ticket(customer, userId="anna", orderUserId="erik")


def proxy():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    return Gio.DBusProxy.new_sync(bus, Gio.DBusProxyFlags.DO_NOT_AUTO_START, None, APP_ID, PATH,
                                  IFACE, None)


def call(p, method, signature, *args, timeout=15000):
    result = p.call_sync(method, GLib.Variant(signature, args), Gio.DBusCallFlags.NONE, timeout, None)
    return result.unpack()[0] if result is not None and len(result.unpack()) else None


def call_many(p, calls):
    """Sends several calls at once, as the Shell does while someone types, and waits for all."""
    loop = GLib.MainLoop()
    results = [None] * len(calls)
    pending = [len(calls)]

    def done(source, res, index):
        results[index] = source.call_finish(res).unpack()[0]
        pending[0] -= 1
        if pending[0] == 0:
            loop.quit()

    for i, (method, signature, args) in enumerate(calls):
        p.call(method, GLib.Variant(signature, args), Gio.DBusCallFlags.NONE, 15000, None, done, i)
    GLib.timeout_add_seconds(20, loop.quit)
    loop.run()
    return results


def text_of(acc):
    """What a text field shows (GtkText answers nothing to getText (0, -1))."""
    t = acc.queryText()
    return t.getText(0, t.characterCount)


def metas(p, ids):
    return {m["id"]: m for m in call(p, "GetResultMetas", "(as)", ids)}


results = []


def check(name, func):
    try:
        func()
        results.append(True)
        print(f"ok {len(results)} - {name}", flush=True)
    except Exception:
        results.append(False)
        print(f"not ok {len(results)} - {name}", flush=True)
        for line in traceback.format_exc().splitlines():
            print(f"# {line}", flush=True)


def main():
    server = RecordingServer(PASSWORD, USER, answer=answer)
    secret_tool_store(server.base, USER, PASSWORD, own=True)
    settings = {"window-width": "720", "window-height": "900", "base-url": f"'{server.base}'",
                "username": f"'{USER}'"}
    app = App(["--gapplication-service"], settings, wait_window=False)
    state = {}
    try:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        wait_for(lambda: bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       GLib.Variant("(s)", (APP_ID,)), None, 0, 5000, None).unpack()[0],
                 20, "the application's bus name")
        p = proxy()

        sentinels = []

        def assert_only_sentinel_after(before):
            sentinels.append(SENTINEL + str(len(sentinels) + 1))
            ids = call(p, "GetInitialResultSet", "(as)", [f"M{len(sentinels)}", sentinels[-1]])
            assert len(ids) == 1, ids
            assert server.tokens()[before:] == [sentinels[-1]], server.tokens()[before:]
            # forgotten by the server's record, so the tests after this one count as before
            del server.requests[before:]

        def partial_text_sends_nothing():
            for terms in (["M11385"], ["M11385", "Search"], ["M11385", "SearchValidTo"],
                          ["https://partner.example/o?customerId=M11385&token=Sear"],
                          ["SearchValidToken"], ["hello", "world"]):
                got = call(p, "GetInitialResultSet", "(as)", terms)
                assert got == [], (terms, got)
            got = call(p, "GetSubsearchResultSet", "(asas)", [], ["M11385", "SearchValidTok"])
            assert got == [], got
            # a whole lookup after them goes through; nothing reached the server before it
            assert_only_sentinel_after(0)
        check("partial text: no results and no request reaches the server", partial_text_sends_nothing)

        def whole_lookup_valid():
            ids = call(p, "GetInitialResultSet", "(as)", ["M11385", VALID])
            assert len(ids) == 1, ids
            assert server.tokens() == [VALID], server.tokens()
            assert server.requests[0]["authorization"] == basic(USER, PASSWORD)
            m = metas(p, ids)[ids[0]]
            assert m["name"] == "Valid · ORD-2026-118305 · M11385", m
            assert APP_ID in m["gicon"], m
            assert "HousingCooperative" in m["description"], m
            assert all(VALID not in str(v) for v in m.values()), m
            state["valid"] = ids[0]
            # the same terms again (the Shell narrows as keys arrive): the same answer, no request
            again = call(p, "GetSubsearchResultSet", "(asas)", ids, ["M11385", VALID])
            assert again == ids, again
            assert len(server.requests) == 1, server.tokens()
        check("CUSTOMER TOKEN: one request, a Valid result with the order and customer", whole_lookup_valid)

        def whole_link_expired():
            link = f"https://partner.example/callback?customerId=M11385&token={EXPIRED}"
            before = len(server.requests)
            # the Shell can ask twice while the first is in flight: still one request
            a, b = call_many(p, [("GetInitialResultSet", "(as)", ([link],)),
                                 ("GetInitialResultSet", "(as)", ([link],))])
            assert a == b and len(a) == 1, (a, b)
            assert server.tokens()[before:] == [EXPIRED], server.tokens()
            m = metas(p, a)[a[0]]
            assert m["name"] == "Expired · ORD-2024-000417 · M11385", m
            state["expired"] = a[0]
        check("a whole link: one request for two identical searches, an Expired result", whole_link_expired)

        def error_result():
            ids = call(p, "GetInitialResultSet", "(as)", ["M11385", DENIED])
            assert len(ids) == 1, ids
            m = metas(p, ids)[ids[0]]
            assert m["name"] == "No access to this customer · M11385", m
            assert "403" in m["description"], m
            assert DENIED not in json.dumps(m), m
        check("an error: the failure's title and cause, no token", error_result)

        def hostile_answer():
            ids = call(p, "GetInitialResultSet", "(as)", ["M11385", HOSTILE])
            m = metas(p, ids)[ids[0]]
            text = m["name"] + "\n" + m["description"]
            assert HOSTILE not in text, text
            assert "[token removed]" in text, text
            assert "\x1b" not in text and "\u202e" not in text, repr(text)
            assert "\\x1b" in text and "<U+202E>" in text, text
            assert "<b>ORD</b>" in m["name"], m  # shown as the characters it is, not as markup
        check("a hostile answer: token removed, controls visible, markup left as text", hostile_answer)

        def changed_terms_cancel():
            before = len(server.requests)
            slow, fast = call_many(p, [("GetInitialResultSet", "(as)", (["M11385", SLOW],)),
                                       ("GetSubsearchResultSet", "(asas)", ([], ["M11385", VALID + "AAAA"]))])
            assert slow == [], slow
            assert len(fast) == 1, fast
            assert SLOW not in server.tokens()[before:], server.tokens()
        check("new terms cancel the search in flight before it sends", changed_terms_cancel)

        def activate_opens_window():
            before = len(server.requests)
            call(p, "ActivateResult", "(sasu)", state["valid"], ["M11385", VALID], 0)
            app.wait_window()
            app.wait("label", "Valid")
            app.wait("label", "ORD-2026-118305")
            token = app.wait("text", "Token")
            assert text_of(token) == VALID, text_of(token)
            assert_only_sentinel_after(before)
            app.screenshot(os.path.join(os.environ.get("TL_SCREENSHOT_DIR", "/tmp/tl-shots"),
                                        "search-activated.png"))
        check("ActivateResult opens the window on that lookup, with no second request",
              activate_opens_window)

        def launch_fills_input():
            before = len(server.requests)
            call(p, "LaunchSearch", "(asu)", ["M77777", "SearchLaunched+1"], 0)
            wait_for(lambda: text_of(app.find("text", "Token")) == "SearchLaunched+1",
                     10, "the token filled in")
            assert text_of(app.find("text", "Customer ID")) == "M77777"
            assert_only_sentinel_after(before)
        check("LaunchSearch opens the app with the input filled, nothing sent", launch_fills_input)
    finally:
        app.close()
        server.close()

    print(f"1..{len(results)}", flush=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
