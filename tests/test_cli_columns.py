#!/usr/bin/env python3
"""ticket-lookup-cli's output lines up and says everything: --help has one usage line; a batch
whose order IDs hold East Asian wide characters, combining marks and "—" keeps its columns by
display width; every --json line has every member; --summary ends with the counts by outcome.
Usage: test_cli_columns.py CLI  (TAP)
"""
import json
import os
import pty
import socket
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recording_server import RecordingServer, ticket  # noqa: E402

CLI = sys.argv[1]
results = []
env = dict(os.environ, LC_ALL="C.UTF-8")
# every member of the documented --json schema of a lookup in a batch
JSON_KEYS = {"line", "ok", "verdict", "customerId", "ticket", "status", "elapsedMs", "requestId", "error"}


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("ok" if ok else "not ok"), len(results), "-", name, flush=True)
    if not ok:
        for line in str(detail).splitlines()[:30]:
            print("#", line, flush=True)


def display_width(text):
    """Columns on a terminal, by Unicode's own tables (not the program's): wide and full-width
    two, combining and other zero-width none."""
    width = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


ORDERS = {
    "M1": "ORD-2026-118305",      # plain
    "M2": "東京-注文-7",            # wide
    "M3": "Ordé\u0301r-e\u0300-9",  # combining marks
    "M4": "—",                    # the dash the placeholder is made of
}


def answer(request):
    customer = request["customer"]
    if request["token"].startswith("Fail"):
        return 500, {"Message": "An error has occurred."}
    return 200, ticket(customer, orderId=ORDERS.get(customer, "ORD-1"))


server = RecordingServer("pw", answer=answer)
tmp = tempfile.mkdtemp(prefix="tl-columns-")
password = os.path.join(tmp, "password")
with open(password, "w") as f:
    f.write("pw\n")
os.chmod(password, 0o600)
common = [CLI, "--base-url", server.base, "--username", "demo", "--password-file", password]
LINES = ("M1 Token+Number/0001=\n"
         "M2 Token+Number/0002=\n"
         "M3 Token+Number/0003=\n"
         "M4 Token+Number/0004=\n"
         "user anna logged in\n"
         "M6 FailToken+0006=\n")

try:
    # 1. one usage line
    out = subprocess.run([CLI, "--help"], capture_output=True, text=True, env=env, timeout=30).stdout
    usage = [line for line in out.splitlines() if "ticket-lookup-cli [" in line]
    check("--help has one usage line", len(usage) == 1 and out.count("Usage:") == 1 and
          out.count("CUSTOMER_ID TOKEN") == 1, out[:800])

    # 2. columns by display width
    proc = subprocess.run(common + ["--batch", "-"], input=LINES, capture_output=True, text=True, env=env,
                          timeout=60)
    rows = proc.stdout.splitlines()
    check("a batch prints one row per line", len(rows) == 6, proc.stdout + proc.stderr)
    # the outcome column starts where the order ID column (20 columns) ends, on every row
    starts = []
    for row in rows:
        for word in ("VALID", "This is neither", "The service failed", "Server error"):
            if word in row:
                starts.append(display_width(row[:row.index(word)]))
                break
        else:
            starts.append(None)
    check("the outcome column starts at the same display column on every row",
          len(set(starts)) == 1 and None not in starts,
          "\n".join(f"{s}: {r}" for s, r in zip(starts, rows)))
    # and the order ID column after the customer column, likewise
    order_starts = [display_width(row[:row.index(ORDERS[c])]) for row, c in zip(rows, ["M1", "M2", "M3"])]
    check("the order ID column starts at the same display column", len(set(order_starts)) == 1, order_starts)

    # 3. every JSON line has every member, null where not known: a ticket, a line that is not a
    # lookup, a server error, and a lookup that never reached a server
    proc = subprocess.run(common + ["--json", "--batch", "-"], input=LINES, capture_output=True, text=True, env=env,
                          timeout=60)
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()
    refused = subprocess.run([CLI, "--base-url", closed, "--username", "demo", "--password-file", password,
                              "--json", "--batch", "-"], input="M1 Token+Number/0001=\nnot one\n",
                             capture_output=True, text=True, env=env, timeout=60)
    objects += [json.loads(line) for line in refused.stdout.splitlines()]
    missing = [(o.get("line"), sorted(JSON_KEYS - set(o))) for o in objects if set(o) != JSON_KEYS]
    check("every JSON line has every member", len(objects) == 8 and not missing, f"{missing}\n{proc.stdout}{refused.stdout}")
    network = [o for o in objects if o["error"] and o["error"]["code"] == "network"]
    check("a lookup that reached no server says null for what is not known",
          len(network) == 1 and network[0]["status"] is None and network[0]["requestId"] is None,
          refused.stdout)

    # 4. --summary: the counts by outcome, as the batch window has them; JSON Lines stay JSON
    proc = subprocess.run(common + ["--summary", "--batch", "-"], input=LINES, capture_output=True, text=True,
                          env=env, timeout=60)
    summary = "4 valid · 0 expired · 0 unknown · 1 failed · 1 not a lookup"
    check("--summary ends with the counts", proc.stdout.splitlines()[-1] == summary, proc.stdout)
    proc = subprocess.run(common + ["--summary", "--json", "--batch", "-"], input=LINES, capture_output=True,
                          text=True, env=env, timeout=60)
    check("--summary with --json: the counts on standard error, standard output all JSON",
          summary in proc.stderr and all(json.loads(line) for line in proc.stdout.splitlines()),
          proc.stdout + proc.stderr)

    # 5. a plain batch on a terminal ends with the counts by itself
    with open(os.path.join(tmp, "lines"), "w") as f:
        f.write(LINES)
    pid, fd = pty.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.execve(CLI, common + ["--quiet", "--batch", os.path.join(tmp, "lines")], env)
    said = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    os.waitpid(pid, 0)
    check("a batch on a terminal ends with the counts", summary in said.decode(errors="replace"),
          said.decode(errors="replace"))
finally:
    server.close()

print(f"1..{len(results)}")
sys.exit(0 if all(results) else 1)
