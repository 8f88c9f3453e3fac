#!/usr/bin/python3
"""Checks of the data files, translations and Flatpak manifest, run by `meson test`.

Usage: check_data.py CHECK SOURCE_DIR BUILD_DIR
CHECK is one of: desktop, metainfo, schema, translations, potfiles, flatpak-manifest,
flatpak-layout. Prints TAP.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_ID = "io.github.ticketlookup.TicketLookup"
FINISH_ARGS = ["--share=network", "--share=ipc", "--socket=fallback-x11", "--socket=wayland",
               "--device=dri"]

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def desktop(src, build):
    path = os.path.join(build, "data", APP_ID + ".desktop")
    r = run(["desktop-file-validate", path])
    out = (r.stdout + r.stderr).strip()
    check("desktop-file-validate without errors, warnings or hints", r.returncode == 0 and not out, out)
    text = open(path, encoding="utf-8").read()
    for key in ["Name[sv]=", "Comment[sv]=", "Keywords[sv]=", "DBusActivatable=true", "StartupNotify=true",
                f"Icon={APP_ID}"]:
        check(f"desktop file has {key}", key in text)


def metainfo(src, build):
    path = os.path.join(build, "data", APP_ID + ".metainfo.xml")
    r = run(["appstreamcli", "validate", "--no-net", path])
    out = r.stdout + r.stderr
    bad = [l for l in out.splitlines() if re.match(r"^[EW]:", l)]
    check("appstreamcli validate --no-net: no errors or warnings", r.returncode == 0 and not bad, out)
    text = open(path, encoding="utf-8").read()
    check("metainfo is translated to Swedish", 'xml:lang="sv"' in text)
    for shot in re.findall(r"/data/screenshots/([\w.-]+\.png)", text):
        check(f"screenshot {shot} exists in data/screenshots", os.path.exists(os.path.join(src, "data", "screenshots", shot)))


def schema(src, build):
    with tempfile.TemporaryDirectory() as tmp:
        r = run(["glib-compile-schemas", "--strict", "--targetdir", tmp, os.path.join(src, "data")])
        check("glib-compile-schemas --strict", r.returncode == 0, r.stderr)
    text = open(os.path.join(src, "data", APP_ID + ".gschema.xml"), encoding="utf-8").read()
    keys = re.findall(r'<key name="([\w-]+)"', text)
    blocks = re.findall(r"<key .*?</key>", text, re.S)
    check("every key has a summary and a description",
          all("<summary>" in b and "<description>" in b for b in blocks), "")
    used = set()
    used_gnome_proxy = set()
    for root, _, files in os.walk(os.path.join(src, "src")):
        for f in files:
            if f.endswith(".c"):
                code = open(os.path.join(root, f)).read()
                found = set(re.findall(r'g_settings_\w+ \([^,;]+, "([\w-]+)"', code))
                # the one file that reads GNOME's proxy sign-in names that schema; its keys are
                # GNOME's, checked against GNOME's schema below
                if "org.gnome.system.proxy" in code:
                    used_gnome_proxy |= found
                else:
                    used |= found
    missing = sorted(used - set(keys))
    check("every key the code uses is in the schema", not missing, " ".join(missing))
    gnome = "/usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml"
    if used_gnome_proxy and os.path.exists(gnome):
        gnome_keys = set(re.findall(r'<key name="([\w-]+)"', open(gnome, encoding="utf-8").read()))
        missing = sorted(used_gnome_proxy - gnome_keys)
        check("every key of GNOME's proxy settings the code reads is in GNOME's schema", not missing,
              " ".join(missing))


def translations(src, build):
    po = os.path.join(src, "po", "sv.po")
    r = run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", po], env={**os.environ, "LC_ALL": "C"})
    stats = r.stderr.strip()
    check("msgfmt --check sv.po", r.returncode == 0, stats)
    check("sv.po: 0 untranslated, 0 fuzzy", "untranslated" not in stats and "fuzzy" not in stats, stats)
    # every message of the current sources is in sv.po
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "t.pot")
        files = [l.strip() for l in open(os.path.join(src, "po", "POTFILES.in")) if l.strip() and not l.startswith("#")]
        r = run(["xgettext", "--from-code=UTF-8", "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
                 "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3", "--add-comments", "-o", pot,
                 "--directory", src, *files])
        check("xgettext extracts the sources", r.returncode == 0, r.stderr)
        merged = os.path.join(tmp, "m.po")
        run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot])
        r = run(["msgfmt", "--statistics", "-o", "/dev/null", merged], env={**os.environ, "LC_ALL": "C"})
        check("sv.po covers every current message", "untranslated" not in r.stderr and "fuzzy" not in r.stderr,
              r.stderr.strip())


def potfiles(src, build):
    listed = {l.strip() for l in open(os.path.join(src, "po", "POTFILES.in")) if l.strip() and not l.startswith("#")}
    pattern = re.compile(r'\b(N?_|C_|g_dgettext)\s*\(\s*"|translatable="yes"')
    need = set()
    for top in ["src", "data"]:
        for root, _, files in os.walk(os.path.join(src, top)):
            for f in files:
                if not re.search(r"\.(c|ui|xml|in)$", f):
                    continue
                rel = os.path.relpath(os.path.join(root, f), src)
                text = open(os.path.join(root, f), encoding="utf-8", errors="replace").read()
                if pattern.search(text) or f.endswith((".desktop.in.in", ".metainfo.xml.in.in", ".gschema.xml")):
                    need.add(rel)
    missing = sorted(need - listed)
    check("POTFILES.in lists every file with translatable strings", not missing, " ".join(missing))
    gone = sorted(f for f in listed if not os.path.exists(os.path.join(src, f)))
    check("POTFILES.in lists no missing files", not gone, " ".join(gone))


def flatpak_manifest(src, build):
    for name in [APP_ID + ".json", APP_ID + ".Devel.json"]:
        path = os.path.join(src, "flatpak", name)
        r = run(["flatpak-builder", "--show-manifest", path])
        check(f"flatpak-builder --show-manifest {name}", r.returncode == 0, r.stderr)
        m = json.loads(r.stdout) if r.returncode == 0 else json.load(open(path))
        app_id = APP_ID + (".Devel" if "Devel" in name else "")
        check(f"{name}: app id {app_id}", m.get("id", m.get("app-id")) == app_id)
        check(f"{name}: command ticket-lookup", m.get("command") == "ticket-lookup")
        check(f"{name}: GNOME runtime pinned to a stable version",
              m.get("runtime") == "org.gnome.Platform" and re.fullmatch(r"\d+", str(m.get("runtime-version", ""))),
              str(m.get("runtime-version")))
        check(f"{name}: sdk org.gnome.Sdk", m.get("sdk") == "org.gnome.Sdk")
        check(f"{name}: finish-args exactly {FINISH_ARGS}", sorted(m.get("finish-args", [])) == sorted(FINISH_ARGS),
              str(m.get("finish-args")))
        check(f"{name}: no direct talk to org.freedesktop.secrets",
              not any("org.freedesktop.secrets" in a for a in m.get("finish-args", [])))
        modules = m.get("modules", [])
        last = modules[-1] if modules else {}
        check(f"{name}: the app is one meson module built from the checkout",
              last.get("buildsystem") == "meson" and any(s.get("type") == "dir" for s in last.get("sources", [])))
        check(f"{name}: tests run in the build", last.get("run-tests") is True)


def flatpak_layout(src, build):
    tmp = tempfile.mkdtemp(prefix="tl-flatpak-layout-")
    try:
        bdir, stage = os.path.join(tmp, "build"), os.path.join(tmp, "stage")
        r = run(["meson", "setup", bdir, src, "--prefix=/app", "-Dtests=false"])
        check("meson setup --prefix=/app", r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:])
        r = run(["meson", "compile", "-C", bdir])
        check("meson compile", r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:])
        r = run(["meson", "install", "-C", bdir, "--destdir", stage, "--skip-subprojects"],
                env={**os.environ, "DESTDIR": stage})
        check("meson install into a staging dir", r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:])
        app = os.path.join(stage, "app")
        for rel in ["bin/ticket-lookup", "bin/ticket-lookup-cli",
                    f"share/applications/{APP_ID}.desktop",
                    f"share/metainfo/{APP_ID}.metainfo.xml",
                    f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
                    f"share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
                    f"share/glib-2.0/schemas/{APP_ID}.gschema.xml",
                    f"share/dbus-1/services/{APP_ID}.service",
                    "share/locale/sv/LC_MESSAGES/ticket-lookup.mo"]:
            check(f"/app/{rel}", os.path.exists(os.path.join(app, rel)))
        service = os.path.join(app, f"share/dbus-1/services/{APP_ID}.service")
        if os.path.exists(service):
            text = open(service).read()
            check("D-Bus service runs /app/bin/ticket-lookup", "Exec=/app/bin/ticket-lookup --gapplication-service" in text, text)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


CHECKS = {"desktop": desktop, "metainfo": metainfo, "schema": schema, "translations": translations,
          "potfiles": potfiles, "flatpak-manifest": flatpak_manifest, "flatpak-layout": flatpak_layout}


def main():
    name, src, build = sys.argv[1], sys.argv[2], sys.argv[3]
    CHECKS[name](src, build)
    print(f"1..{len(results)}")
    for i, (n, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {n}")
        if not ok and detail:
            for line in str(detail).splitlines()[:40]:
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
