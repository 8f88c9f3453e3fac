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
import threading
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
LATE = "SearchLateToken0"  # answered only once the test says so
OFF = "SearchOffToken01"  # sent while lookups from the search are off
late_answer = threading.Event()


def answer(request):
    """By token: valid, expired, 403, a hostile answer, a slow one."""
    token, customer = request["token"], request["customer"]
    if token == SLOW:
        time.sleep(2)  # the server being slow, should the search reach it (it must not)
    if token == LATE:
        late_answer.wait(30)
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


def call_paced(p, groups, interval_ms):
    """Sends GROUPS of calls INTERVAL_MS apart, as someone typing or a loop does, and waits for
    every answer (the pace is what is tested; the test waits for the answers, not for time)."""
    loop = GLib.MainLoop()
    calls = [c for group in groups for c in group]
    results = [None] * len(calls)
    pending = [len(calls)]
    sent = [0]

    def done(source, res, index):
        results[index] = source.call_finish(res).unpack()[0]
        pending[0] -= 1
        if pending[0] == 0:
            loop.quit()

    def send_group(group_index=[0]):
        for method, signature, args in groups[group_index[0]]:
            p.call(method, GLib.Variant(signature, args), Gio.DBusCallFlags.NONE, 30000, None, done, sent[0])
            sent[0] += 1
        group_index[0] += 1
        return group_index[0] < len(groups)

    send_group()
    GLib.timeout_add(interval_ms, send_group)
    GLib.timeout_add_seconds(40, loop.quit)
    loop.run()
    assert pending[0] == 0, f"{pending[0]} calls unanswered"
    return results


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

        def changed_terms_replace():
            before = len(server.requests)
            slow, fast = call_many(p, [("GetInitialResultSet", "(as)", (["M11385", SLOW],)),
                                       ("GetSubsearchResultSet", "(asas)", ([], ["M11385", VALID + "AAAA"]))])
            assert slow == [], slow
            assert len(fast) == 1, fast
            assert SLOW not in server.tokens()[before:], server.tokens()
        check("new terms replace the waiting search before it sends", changed_terms_replace)

        def burst_is_one_lookup():
            # twenty whole, different terms in two seconds: seven keystrokes 300 ms apart (the
            # pace that made a lookup each before), the first as a new search, the rest narrowing
            before = len(server.requests)
            tokens = [f"SearchBurst{i:04d}A" for i in range(20)]
            calls = [("GetSubsearchResultSet", "(asas)", ([], ["M11385", t])) for t in tokens]
            calls[0] = ("GetInitialResultSet", "(as)", (["M11385", tokens[0]],))
            groups = [calls[i:i + 3] for i in range(0, 20, 3)]
            got = call_paced(p, groups, 300)
            sent = server.tokens()[before:]
            assert len(sent) <= 2, sent
            assert set(sent) <= set(tokens), sent
            # the burst's latest terms are the ones looked up and answered
            assert sent[-1] == tokens[-1], sent
            assert len(got[-1]) == 1, got
            m = metas(p, got[-1])[got[-1][0]]
            assert m["name"] == "Valid · ORD-2026-118305 · M11385", m
        check("twenty whole terms in two seconds: at most two lookups, the last one answered",
              burst_is_one_lookup)

        def earlier_search_forgotten():
            first = call(p, "GetInitialResultSet", "(as)", ["M11385", VALID])
            assert len(first) == 1, first
            assert first[0] in metas(p, first), first
            # a new search: its own result has a meta, the earlier search's has none
            second = call(p, "GetInitialResultSet", "(as)", ["M11385", EXPIRED])
            assert len(second) == 1, second
            got = metas(p, first + second)
            assert list(got) == second, got
            # a lookup that the search stopped asking about while it was out is not kept
            loop = GLib.MainLoop()
            late = []
            p.call("GetInitialResultSet", GLib.Variant("(as)", (["M11385", LATE],)), Gio.DBusCallFlags.NONE,
                   30000, None, lambda s, r: (late.append(s.call_finish(r).unpack()[0]), loop.quit()))
            wait_for(lambda: LATE in server.tokens(), 20, "the late lookup at the server")
            assert call(p, "GetInitialResultSet", "(as)", ["hello"]) == []
            late_answer.set()
            GLib.timeout_add_seconds(30, loop.quit)
            loop.run()
            assert late == [[]], late
        check("a result ID from an earlier search, or for terms no longer searched, gives no meta",
              earlier_search_forgotten)

        def activate_opens_window():
            ids = call(p, "GetInitialResultSet", "(as)", ["M11385", VALID])
            assert len(ids) == 1, ids
            before = len(server.requests)
            call(p, "ActivateResult", "(sasu)", ids[0], ["M11385", VALID], 0)
            app.wait_window()
            app.wait("label", "Valid")
            app.wait("label", "ORD-2026-118305")
            token = app.wait("text", "Token")
            assert text_of(token) == VALID, text_of(token)
            assert_only_sentinel_after(before)
            shots = os.environ.get("TL_SCREENSHOT_DIR", "/tmp/tl-shots")
            os.makedirs(shots, exist_ok=True)
            app.screenshot(os.path.join(shots, "search-activated.png"))
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

        app_path = "/" + APP_ID.replace(".", "/")

        def set_search_lookups(on):
            """As the window's menu item does: the application's action for the setting."""
            actions = bus.call_sync(APP_ID, app_path, "org.gtk.Actions", "List", None, None, 0, 5000,
                                    None).unpack()[0]
            assert "search-lookups" in actions, actions

            def state():
                return bus.call_sync(APP_ID, app_path, "org.gtk.Actions", "Describe",
                                     GLib.Variant("(s)", ("search-lookups",)), None, 0, 5000,
                                     None).unpack()[0][2][0]

            if state() != on:
                bus.call_sync(APP_ID, app_path, "org.gtk.Actions", "Activate",
                              GLib.Variant("(sava{sv})", ("search-lookups", [], {})), None, 0, 5000, None)
            assert state() == on

        def setting_off_sends_nothing():
            before = len(server.requests)
            set_search_lookups(False)
            try:
                ids = call(p, "GetInitialResultSet", "(as)", ["M33333", OFF])
                assert len(ids) == 1, ids
                m = metas(p, ids)[ids[0]]
                assert m["name"] == "Open in Ticket Lookup", m
                assert "M33333" in m["description"], m
                assert OFF not in json.dumps(m), m
                partial = call(p, "GetSubsearchResultSet", "(asas)", ids, ["M33333", OFF[:-4]])
                assert partial == [], partial
            finally:
                set_search_lookups(True)
            # back on, a whole lookup goes through; the one made while off never reached the server
            assert_only_sentinel_after(before)
        check("with lookups from the search off, a whole link is offered to open and nothing is sent",
              setting_off_sends_nothing)
    finally:
        app.close()
        server.close()

    print(f"1..{len(results)}", flush=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
