#!/usr/bin/env python3
"""A manual page renders without warnings and names every option the program's --help shows.

Usage: check_man.py PAGE.1 PROGRAM HELP_OPTION...   (TAP output)
"""
import os
import re
import subprocess
import sys

page, program, help_options = sys.argv[1], sys.argv[2], sys.argv[3:]
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok" if ok else "not ok"), len(results), "-", name)
    if not ok and detail:
        for line in str(detail).splitlines()[:40]:
            print("#", line)


env = dict(os.environ, MANWIDTH="200", MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8")
render = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z", page],
                        capture_output=True, text=True, env=env)
check("groff renders %s without warnings" % os.path.basename(page),
      render.returncode == 0 and render.stderr == "", render.stderr)

shown = subprocess.run(["man", "-l", page], capture_output=True, text=True, env=env)
text = re.sub(".\b", "", shown.stdout)
check("man shows the page", shown.returncode == 0 and "NAME" in text and "SYNOPSIS" in text,
      shown.stderr)
for section in ("OPTIONS", "EXIT STATUS" if "cli" in os.path.basename(page) else "KEYBOARD",
                "ENVIRONMENT", "FILES", "SEE ALSO"):
    check("the page has %s" % section, re.search("^%s$" % section, text, re.M) is not None)

help_text = subprocess.run([program, *help_options], capture_output=True, text=True, env=env)
options = sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text.stdout)))
check("--help lists options", help_text.returncode == 0 and len(options) >= 3,
      help_text.stdout + help_text.stderr)
for option in options:
    check("the page documents %s" % option,
          re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(option), text) is not None)

if "cli" in os.path.basename(page):
    # the range the program enforces is the range the page documents
    for option, value, unit in (("--timeout", "0", " seconds"), ("--jobs", "0", "")):
        refused = subprocess.run([program, option, value, "M1", "abcd"], capture_output=True,
                                 text=True, env=env)
        said = re.search(r"%s must be (\d+)–(\d+)%s" % (re.escape(option), unit), refused.stderr)
        check("%s %s is refused, naming the range" % (option, value),
              refused.returncode == 2 and said is not None, refused.stderr)
        if said is None:
            continue
        entry = re.search(r"^\s*(?:-\w, )?%s=\S+\n(.*?)\n\n" % re.escape(option), text, re.M | re.S)
        check("the page documents the range of %s (%s to %s)" % (option, *said.groups()),
              entry is not None and re.search(r"\b%s\s+to\s+%s\b" % said.groups(), entry.group(1)) is not None,
              entry.group(0) if entry else "no entry")

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
