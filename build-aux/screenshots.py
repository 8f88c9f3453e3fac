#!/usr/bin/python3
"""Takes the screenshots the README and the metainfo show, one window per image, whole.

Run by build-aux/screenshots inside its own X server (Xvfb) with metacity as the window manager
(so windows are placed and sized as on a desktop), a private D-Bus session and keyring, and a
clean profile per window. Usage: screenshots.py OUTDIR [NAME…]
"""
import ctypes
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "gui"))

import pyatspi  # noqa: E402

from atspi_helpers import App, wait_for  # noqa: E402

VALID = "DemoValid+Token/01=="
EXPIRED = "DemoExpired+Tok/01=="
BAD = "DemoBadRequest/0001="
SLOW = "DemoSlowToken+01"
SWEDISH = {"LANGUAGE": "sv", "LANG": "sv_SE.UTF-8", "LC_ALL": "sv_SE.UTF-8"}
DARK = {"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"}
WIDE = {"window-width": "720", "window-height": "860"}
# an error page whole, its buttons included
TALL = {"window-width": "720", "window-height": "955"}
NARROW = {"window-width": "360", "window-height": "720"}

WORDS = {
    "en": {"customer": "Customer ID", "lookup": "Look Up", "history": "History", "run": "Run",
           "lines": "Lines to look up", "offer": "Look up the link on the clipboard? "},
    "sv": {"customer": "Kund-id", "lookup": "Slå upp", "history": "Historik", "run": "Kör",
           "lines": "Rader att slå upp", "offer": "Slå upp länken i urklipp? "},
}


def die_with_parent():
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_window_manager():
    wm = subprocess.Popen(["metacity", "--replace", "--no-composite"], preexec_fn=die_with_parent,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # until it manages the screen (it sets _NET_SUPPORTING_WM_CHECK on the root window)
    wait_for(lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in subprocess.run(
        ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], capture_output=True, text=True).stdout, 30, "metacity")
    return wm


def set_clipboard(text):
    subprocess.run(["xclip", "-selection", "clipboard"], input=text, text=True, check=True, timeout=10)


def steady(acc):
    last = [None]

    def still():
        e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        now = (e.x, e.y, e.width, e.height)
        same, last[0] = now == last[0] and e.width > 0 and e.height > 0, now
        return same
    wait_for(still, 15, "a steady position")
    time.sleep(0.5)  # the crossfade of a page that was just shown ends on its own


def windows(app, title):
    return subprocess.run(["xdotool", "search", "--all", "--onlyvisible", "--pid", str(app.proc.pid), "--name",
                           f"^{title}$"], capture_output=True, text=True, timeout=10).stdout.split()


def window_id(app, title):
    def find():
        out = windows(app, title)
        return out[-1] if out else None
    return wait_for(find, 15, f"the window {title!r}")


def pointer_away(app, title):
    """The pointer in the screen's far corner, and no tooltip of the app's left on screen (a
    tooltip is a window of the app's with its title: it was taken for the window once)."""
    width, height = subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True, text=True,
                                   timeout=10).stdout.split()
    subprocess.run(["xdotool", "mousemove", str(int(width) - 1), str(int(height) - 1)], check=True, timeout=10)
    wait_for(lambda: len(windows(app, title)) == 1, 15, "no tooltip on screen")


def shoot(app, outdir, name, title="Ticket Lookup"):
    """One window, whole, with what the window manager draws around it."""
    pointer_away(app, title)
    wid = window_id(app, title)
    path = os.path.join(outdir, name)
    subprocess.run(["import", "-frame", "-window", wid, path], check=True, timeout=30)
    print(path, flush=True)


def lookup(app, w, customer, token):
    app.set_text(w["customer"], customer)
    app.set_text("Token", token)
    app.press(w["lookup"])


def lang_env(lang, dark):
    env = dict(SWEDISH) if lang == "sv" else {"LANGUAGE": "en", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    if dark:
        env.update(DARK)
    return env


def shot_valid(outdir, name, lang="en", dark=False, settings=WIDE):
    w = WORDS[lang]
    app = App(["--demo"], settings, env=lang_env(lang, dark))
    try:
        lookup(app, w, "M11385", VALID)
        steady(app.wait("status bar", contains=": "))
        shoot(app, outdir, name)
    finally:
        app.close()


def shot_error(outdir, name, lang="en", dark=False, settings=WIDE):
    w = WORDS[lang]
    app = App(["--demo"], settings, env=lang_env(lang, dark))
    try:
        lookup(app, w, "M11385", BAD)
        steady(app.wait("push button", {"en": "Retry", "sv": "Försök igen"}[lang]))
        shoot(app, outdir, name)
    finally:
        app.close()


def shot_offer(outdir, name, lang="en", dark=False, settings=WIDE):
    w = WORDS[lang]
    link = "https://partner.example/o?customerId=M11385&token=DemoExpired%2BTok%2F01%3D%3D"
    set_clipboard(link)
    app = App(["--demo"], settings, env=lang_env(lang, dark))
    try:
        # offered when the window gets the focus: until it does with the link there (a window
        # manager can hand it the focus before the clipboard's owner answers)
        for attempt in range(4):
            try:
                offer = app.wait("label", contains=w["offer"], timeout=10)
                break
            except AssertionError:
                if attempt == 3:
                    raise
                wid = window_id(app, "Ticket Lookup")
                set_clipboard(link)
                subprocess.run(["xdotool", "windowminimize", "--sync", wid], timeout=10)
                subprocess.run(["xdotool", "windowactivate", "--sync", wid], timeout=10)
        steady(offer)
        shoot(app, outdir, name)
    finally:
        app.close()
        set_clipboard("")


def shot_history(outdir, name, lang="en", dark=False, settings=WIDE):
    w = WORDS[lang]
    app = App(["--demo"], settings, env=lang_env(lang, dark))
    try:
        lookup(app, w, "M11385", VALID)
        app.wait("status bar", contains=": ")
        lookup(app, w, "M11385", BAD)
        app.wait("push button", {"en": "Retry", "sv": "Försök igen"}[lang])
        lookup(app, w, "M11385", EXPIRED)
        steady(app.wait("label", "ORD-2024-000417"))
        app.press(w["history"], role="push button")
        try:
            steady(app.wait("list item", contains="M11385"))
        except AssertionError:
            subprocess.run(["import", "-window", "root", os.path.join(outdir, "failed-" + name)])
            raise
        shoot(app, outdir, name)
    finally:
        app.close()


def shot_welcome(outdir, name, lang="en", dark=False, settings=WIDE):
    app = App([], settings, env=lang_env(lang, dark))
    try:
        steady(app.wait("push button", {"en": "Set Up Account", "sv": "Konfigurera konto"}[lang]))
        shoot(app, outdir, name)
    finally:
        app.close()


def shot_no_account(outdir, name, lang="en", dark=False, settings=WIDE):
    w = WORDS[lang]
    app = App([], settings, env=lang_env(lang, dark))
    try:
        lookup(app, w, "M11385", VALID)
        time.sleep(2)
        shoot(app, outdir, name)
    finally:
        app.close()


def shot_profiles(outdir, name, lang="en", dark=False, settings=NARROW):
    """Two profiles: the header bar's profile drop-down (at 360 px the window stays 360 px)."""
    profiles = "[('Partner A', 'https://connect.example', 'demo'), ('Partner B', 'https://connect2.example', 'demo')]"
    app = App([], {**settings, "profiles": profiles, "active-profile": "'Partner B'",
                   "base-url": "'https://connect2.example'", "username": "'demo'"}, env=lang_env(lang, dark))
    try:
        steady(app.wait("combo box"))
        shoot(app, outdir, name)
    finally:
        app.close()


def batch_lines(n):
    tokens = [VALID, EXPIRED, BAD]
    lines = [f"M{11385 + i} {tokens[i % 3]}" for i in range(n - 1)]
    lines.insert(n // 2, f"M20000 {SLOW}")
    return "\n".join(lines) + "\n"


def shot_batch(outdir, name, lang="en", dark=False, done=False):
    w = WORDS[lang]
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"tl-shots-lines-{os.getpid()}.txt")
    with open(path, "w") as f:
        f.write(batch_lines(400))
    env = lang_env(lang, dark)
    if not done:
        env["TL_DEMO_SLOW_MS"] = "600000"
    app = App(["--demo", "--batch", path], {**WIDE, "timeout-seconds": "300"}, env=env)
    try:
        title = {"en": "Look Up Many Tokens", "sv": "Slå upp många token"}[lang]
        window_id(app, title)
        app.press(w["run"])
        if done:
            time.sleep(1)
            wait_for(lambda: app.find("push button", w["run"]) is not None and
                     app.find("push button", w["run"]).getState().contains(pyatspi.STATE_SENSITIVE), 120, "done")
        else:
            wait_for(lambda: app.find("progress bar") is not None, 30, "the progress bar")
            time.sleep(3)
        time.sleep(1)
        shoot(app, outdir, name, title)
    finally:
        app.close()
        os.unlink(path)


SHOTS = {
    "valid.png": lambda d: shot_valid(d, "valid.png"),
    "error.png": lambda d: shot_error(d, "error.png", settings=TALL),
    "clipboard-offer.png": lambda d: shot_offer(d, "clipboard-offer.png"),
    "sv-dark-clipboard-offer.png": lambda d: shot_offer(d, "sv-dark-clipboard-offer.png", "sv", True),
    "history.png": lambda d: shot_history(d, "history.png"),
    "sv-narrow.png": lambda d: shot_valid(d, "sv-narrow.png", "sv", False, NARROW),
    "batch-progress.png": lambda d: shot_batch(d, "batch-progress.png"),
    "sv-dark-batch-done.png": lambda d: shot_batch(d, "sv-dark-batch-done.png", "sv", True, done=True),
}

# not in the README: looked at when the layout changes
EXTRA = {
    "welcome.png": lambda d: shot_welcome(d, "welcome.png"),
    "sv-dark-error.png": lambda d: shot_error(d, "sv-dark-error.png", "sv", True, TALL),
    "sv-dark-narrow-error.png": lambda d: shot_error(d, "sv-dark-narrow-error.png", "sv", True, NARROW),
    "no-account.png": lambda d: shot_no_account(d, "no-account.png"),
    "sv-no-account-narrow.png": lambda d: shot_no_account(d, "sv-no-account-narrow.png", "sv", False, NARROW),
    "sv-history-narrow.png": lambda d: shot_history(d, "sv-history-narrow.png", "sv", False, NARROW),
    "sv-history.png": lambda d: shot_history(d, "sv-history.png", "sv", False),
    "narrow.png": lambda d: shot_valid(d, "narrow.png", "en", False, NARROW),
    "sv-narrow-profiles.png": lambda d: shot_profiles(d, "sv-narrow-profiles.png", "sv"),
    # the whole page at 360 px, details and all (needs a screen 2000 px high: TL_SCREEN)
    "sv-narrow-tall.png": lambda d: shot_error(d, "sv-narrow-tall.png", "sv", False,
                                               {"window-width": "360", "window-height": "1900"}),
    "sv-history-tall.png": lambda d: shot_history(d, "sv-history-tall.png", "sv", True,
                                                  {"window-width": "720", "window-height": "1900"}),
}


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    names = sys.argv[2:] or list(SHOTS)
    table = {**SHOTS, **EXTRA}
    wm = start_window_manager()
    try:
        for name in names:
            table[name](outdir)
    finally:
        wm.terminate()
        wm.wait()


if __name__ == "__main__":
    main()
