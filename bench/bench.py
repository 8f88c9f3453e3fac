#!/usr/bin/python3
"""Ticket Lookup benchmarks: every figure against a baseline measured in the same run.

Run through bench/run (Xvfb, a private D-Bus session). Not a test: nothing here asserts.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "_build")
APP = os.path.join(BUILD, "src/app/ticket-lookup")
CLI = os.path.join(BUILD, "src/cli/ticket-lookup-cli")
BARE = os.path.join(BUILD, "bench/bench-bare-window")
LATENCY = os.path.join(BUILD, "bench/bench-latency")
RUNS = int(os.environ.get("TL_BENCH_RUNS", "15"))

ENV = dict(os.environ,
           GSETTINGS_BACKEND="memory",
           GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, "data"),
           GSK_RENDERER="cairo",
           LC_ALL="C.UTF-8")
TOKEN = "DemoValid+Token/01=="
AUTH = "Authorization: basic ZGVtbzpkZW1v"   # the vendor's example: base64("demo:demo")

rows = []


def row(name, value, baseline, ratio, target, unit=""):
    rows.append((name, value, baseline, ratio, target))
    print(f"{name:34} {value:>14} {baseline:>16} {ratio:>8}   target {target}", flush=True)


def pct(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def first_frame(cmd):
    env = dict(ENV, TL_BENCH="first-frame")
    start = time.monotonic_ns() // 1000
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60).stdout
    for line in out.splitlines():
        if line.startswith("first-frame-us "):
            return (int(line.split()[1]) - start) / 1000.0
    raise RuntimeError(f"no first frame from {cmd}: {out}")


def bench_startup():
    app, bare = [], []
    first_frame([BARE]); first_frame([APP])          # warm the page cache
    for _ in range(RUNS):                             # alternately
        bare.append(first_frame([BARE]))
        app.append(first_frame([APP]))
    ratios = [a / b for a, b in zip(app, bare)]
    row("startup to first frame (median)", f"{statistics.median(app):.1f} ms",
        f"{statistics.median(bare):.1f} ms bare", f"{statistics.median(ratios):.2f}x", "≤ 1.15x")
    return app, bare


def serve_demo():
    proc = subprocess.Popen([CLI, "--serve-demo"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=ENV)
    return proc, proc.stdout.readline().strip()


def bench_latency(base):
    out = subprocess.run([LATENCY, base, "1000"], capture_output=True, text=True, env=ENV, check=True).stdout
    ours = [int(l.split()[1]) / 1000.0 for l in out.splitlines() if l.startswith("us ")]
    curl = []
    for _ in range(300):
        r = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_total}", "-X", "POST",
                            f"{base}/Service/Order/Token/M11385", "-H", "Content-Type: application/json",
                            "-H", AUTH, "-d", '{"data":"%s"}' % TOKEN], capture_output=True, text=True, check=True)
        curl.append(float(r.stdout) * 1000.0)
    row("lookup latency median", f"{statistics.median(ours):.3f} ms", f"{statistics.median(curl):.3f} ms curl",
        f"{statistics.median(ours) / statistics.median(curl):.2f}x", "≤ 1.0x")
    row("lookup latency p99", f"{pct(ours, 99):.3f} ms", f"{pct(curl, 99):.3f} ms curl",
        f"{pct(ours, 99) / pct(curl, 99):.2f}x", "≤ 2x")


def bench_batch(base, n=2000, jobs=16):
    tmp = tempfile.mkdtemp(prefix="tl-bench-")
    batch = os.path.join(tmp, "batch.txt")
    with open(batch, "w") as f:
        for i in range(n):
            f.write(f"M{11385 + i % 50} {TOKEN}\n")

    start = time.monotonic()
    r = subprocess.run([CLI, "--base-url", base, "--username", "demo", "--password-stdin", "--json",
                        "--jobs", str(jobs), "--batch", batch], input="demo", capture_output=True, text=True,
                       env=ENV)
    ours = time.monotonic() - start
    ok = sum(1 for l in r.stdout.splitlines() if '"ok":true' in l)
    assert ok == n, f"batch answered {ok} of {n} (exit {r.returncode}): {r.stderr[-500:]}"

    loop = os.path.join(tmp, "loop.sh")
    with open(loop, "w") as f:
        f.write(f"""while read c t; do
  curl -s -o /dev/null "{base}/Service/Order/Token/$c" -X POST -H "Content-Type: application/json" \\
       -H "{AUTH}" -d "{{\\"data\\":\\"$t\\"}}"
done < {batch}
""")
    start = time.monotonic()
    subprocess.run(["sh", loop], check=True)
    loop_s = time.monotonic() - start

    config = os.path.join(tmp, "curl.cfg")
    with open(config, "w") as f:
        for i in range(n):
            # "next" keeps each request's headers and body to itself (-d would concatenate)
            if i > 0:
                f.write("next\n")
            f.write(f'url = "{base}/Service/Order/Token/M{11385 + i % 50}"\nrequest = "POST"\nsilent\n'
                    f'header = "Content-Type: application/json"\nheader = "{AUTH}"\n'
                    f'data = "{{\\"data\\":\\"{TOKEN}\\"}}"\noutput = "/dev/null"\n')
    start = time.monotonic()
    subprocess.run(["curl", "-s", "--parallel", "--parallel-max", str(jobs), "-K", config], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    par_s = time.monotonic() - start

    row(f"batch {n} lookups, --jobs {jobs}", f"{n / ours:.0f}/s", f"{n / loop_s:.0f}/s curl loop",
        f"{loop_s / ours:.1f}x", "≥ 10x")
    row(f"batch {n} lookups, --jobs {jobs}", f"{n / ours:.0f}/s", f"{n / par_s:.0f}/s curl --parallel",
        f"{par_s / ours:.2f}x", "≥ 1.0x")


def rss_lines(cmd, extra_env):
    out = subprocess.run(cmd, env=dict(ENV, **extra_env), capture_output=True, text=True, timeout=600).stdout
    return {int(l.split()[1]): int(l.split()[2]) for l in out.splitlines() if l.startswith("rss-kib ")}


def bench_memory():
    bare = rss_lines([BARE], {"TL_BENCH": "memory"})[0]
    app = rss_lines([APP, "--demo"], {"TL_BENCH": "memory", "TL_BENCH_LOOKUPS": "500"})
    row("GUI memory after 500 lookups", f"{app[500] / 1024:.1f} MiB", f"{bare / 1024:.1f} MiB bare",
        f"{app[500] / bare:.2f}x", "≤ 1.25x")
    row("GUI memory growth 100 → 500", f"{(app[500] - app[100]) / 1024:.2f} MiB", "—", "—", "< 2 MiB")


def bench_stall():
    out = subprocess.run([APP, "--demo"], env=dict(ENV, TL_BENCH="stall"), capture_output=True, text=True,
                         timeout=120).stdout
    stall = [int(l.split()[1]) for l in out.splitlines() if l.startswith("max-stall-us ")][0]
    row("longest main-loop stall", f"{stall / 1000:.1f} ms", "3 s lookup + 1 MB slow body", "—", "< 20 ms")


def main():
    only = os.environ.get("TL_BENCH_ONLY", "startup latency batch memory stall").split()
    print(f"{'benchmark':34} {'Ticket Lookup':>14} {'baseline':>16} {'ratio':>8}")
    if "startup" in only:
        bench_startup()
    server, base = serve_demo()
    try:
        if "latency" in only:
            bench_latency(base)
        if "batch" in only:
            bench_batch(base)
    finally:
        server.terminate()
    if "memory" in only:
        bench_memory()
    if "stall" in only:
        bench_stall()
    print()
    print("| benchmark | Ticket Lookup | baseline | ratio | target |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
