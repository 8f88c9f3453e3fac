#!/usr/bin/env python3
"""ticket-lookup-cli --batch streams: each result is printed while later lines are still to
come, and the progress line appears on a terminal only.  Usage: test_cli_stream.py CLI  (TAP)
"""
import json
import os
import pty
import select
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
VALID = "DemoValid+Token/01=="
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("ok" if ok else "not ok"), len(results), "-", name, flush=True)
    if not ok:
        for line in str(detail).splitlines()[:30]:
            print("#", line, flush=True)


def readline(stream, timeout=20):
    ready, _, _ = select.select([stream], [], [], timeout)
    return stream.readline() if ready else None


env = dict(os.environ, LC_ALL="C.UTF-8")
demo = subprocess.Popen([CLI, "--serve-demo"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                        text=True, env=env)
base = demo.stdout.readline().strip()
common = [CLI, "--base-url", base, "--username", "demo", "--password-file"]
tmp = tempfile.mkdtemp(prefix="tl-stream-")
password = os.path.join(tmp, "password")
with open(password, "w") as f:
    f.write("demo-password\n")
os.chmod(password, 0o600)
common.append(password)

try:
    # 1. a pipe that stays open: line 1's result comes before line 2 is even written
    proc = subprocess.Popen(common + ["--json", "--batch", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    proc.stdin.write(f"M11385 {VALID}\n")
    proc.stdin.flush()
    first = readline(proc.stdout)
    check("the first line's result is printed while the input is still open",
          first is not None and json.loads(first).get("line") == 1 and json.loads(first).get("ok"),
          repr(first))
    proc.stdin.write("not-a-token\nM11386 DemoExpired+Tok/01==\n")
    proc.stdin.close()
    rest = proc.stdout.read().splitlines()
    proc.wait(30)
    check("then the rest, in input order", [json.loads(l)["line"] for l in rest] == [2, 3]
          and json.loads(rest[1])["verdict"] == "expired", rest)
    check("exit status: the worst failure (2, the unreadable line)", proc.returncode == 2,
          proc.returncode)
    check("no progress line when standard error is not a terminal", proc.stderr.read() == "")

    # 2. standard error on a terminal: the progress line; standard output stays clean
    batch = os.path.join(tmp, "batch.txt")
    with open(batch, "w") as f:
        f.write("M11385 DemoSlowToken+01\n")   # answers after 3 s: time for the line to show
        for i in range(299):
            f.write(f"M{11385 + i % 50} {VALID}\n" if i % 50 else "garbage\n")

    def run_with_tty(extra):
        master, slave = pty.openpty()
        p = subprocess.Popen(common + ["--jobs", "1", "--batch", batch] + extra, stdout=subprocess.PIPE,
                             stderr=slave, stdin=subprocess.DEVNULL, env=env)
        os.close(slave)
        out = p.stdout.read()
        p.wait(60)
        tty = b""
        while True:
            r, _, _ = select.select([master], [], [], 0.5)
            if not r:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            tty += chunk
        os.close(master)
        return p.returncode, out, tty

    status, out, tty = run_with_tty([])
    check("on a terminal: a progress line with lines done, rate and failures, redrawn in place",
          b"lines done" in tty and b"/s" in tty and b"failed" in tty and b"\r\x1b[K" in tty,
          tty[-400:])
    check("and it is cleared at the end", tty.endswith(b"\r\x1b[K"), tty[-100:])
    check("standard output has only the results", out.count(b"\n") == 300 and b"\x1b" not in out
          and b"lines done" not in out, out[-300:])

    status, out, tty = run_with_tty(["--quiet"])
    check("--quiet: no progress line", b"lines done" not in tty and out.count(b"\n") == 300, tty[-300:])
finally:
    demo.terminate()
    demo.wait(10)

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
