#!/usr/bin/python3
"""Ticket Lookup benchmarks: every figure against a baseline measured in the same run.

Run through bench/run (Xvfb, a private D-Bus session). Not a test: nothing here asserts.
"""
import json
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
BARE_SOUP = os.path.join(BUILD, "bench/bench-bare-libsoup")
RUSAGE = os.path.join(BUILD, "bench/bench-rusage")
SLOW_SERVER = os.path.join(BUILD, "bench/bench-slow-server")
RUNS = int(os.environ.get("TL_BENCH_RUNS", "15"))

ENV = dict(os.environ,
           GSETTINGS_BACKEND="memory",
           GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, "data"),
           GSK_RENDERER="cairo",
           LC_ALL="C.UTF-8")
TOKEN = "DemoValid+Token/01=="
PASSWORD = "demo-password"   # the demo server's (tl-demo-server.h), fed to --password-stdin
AUTH = "Authorization: basic ZGVtbzpkZW1vLXBhc3N3b3Jk"   # base64("demo:demo-password"), the demo server's

rows = []


def row(name, value, baseline, ratio, target, met=None):
    """One figure with its goal; met is whether the goal is met (None: a goal-less row)."""
    verdict = "—" if met is None else ("met" if met else "NOT met")
    rows.append((name, value, baseline, ratio, target, verdict))
    print(f"{name:34} {value:>14} {baseline:>16} {ratio:>8}   goal {target:10} {verdict}", flush=True)


def pct(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def first_frame(cmd, env=None):
    env = dict(env or ENV, TL_BENCH="first-frame")
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
        f"{statistics.median(bare):.1f} ms bare", f"{statistics.median(ratios):.2f}x", "≤ 1.05x",
        statistics.median(ratios) <= 1.05)
    return app, bare


def startup_home(root, saved):
    """A home of its own for one start: settings in GSettings' keyfile backend (the memory backend
    keeps nothing from one start to the next) and a data folder. SAVED: a profile in use and a
    saved history of 1 000 lookups, in the app's own history.json (tl-history-file.c, with
    "Keep History After Closing" on); otherwise nothing, as at a first start."""
    home = tempfile.mkdtemp(prefix="home-", dir=root)
    settings = os.path.join(home, "config", "glib-2.0", "settings")
    data = os.path.join(home, "data", "ticket-lookup")
    os.makedirs(settings)
    os.makedirs(data)
    keyfile = "[io/github/ticketlookup/TicketLookup]\n"
    if saved:
        keyfile += ("profiles=[('Office', 'https://connect.example', 'partner')]\n"
                    "active-profile='Office'\nbase-url='https://connect.example'\n"
                    "username='partner'\nremember-history=true\n")
        entries = []
        for i in range(1000):
            valid = i % 7 != 3
            entries.append({
                "time": f"2026-11-{1 + i % 28:02d}T{8 + i % 10:02d}:{i % 60:02d}:00.000000+01:00",
                "customerId": f"M{10000 + i}",
                "orderId": f"ORD-2026-{100000 + i}" if valid else None,
                "outcome": ("valid" if i % 2 else "expired") if valid else "not-found",
                "tokenFingerprint": f"B2aJ…{i:04d} sha256:{i * 2654435761 % 16**12:012x}",
                "account": "Office",
            })
        with open(os.path.join(data, "history.json"), "w") as f:
            json.dump({"version": 1, "entries": entries}, f, indent=2, ensure_ascii=False)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write(keyfile)
    return dict(ENV, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(home, "config"),
                XDG_DATA_HOME=os.path.join(home, "data"))


def bench_startup_saved():
    """The first frame with a saved profile and history against one with none: alternately, each
    start in a fresh home (a start may write its settings back)."""
    saved, empty = [], []
    with tempfile.TemporaryDirectory(prefix="tl-bench-home-") as root:
        first_frame([APP], startup_home(root, False)); first_frame([APP], startup_home(root, True))
        for _ in range(RUNS):
            empty.append(first_frame([APP], startup_home(root, False)))
            saved.append(first_frame([APP], startup_home(root, True)))
    ratios = [a / b for a, b in zip(saved, empty)]
    row("first frame, profile + 1 000 history", f"{statistics.median(saved):.1f} ms",
        f"{statistics.median(empty):.1f} ms none", f"{statistics.median(ratios):.2f}x", "≤ 1.10x",
        statistics.median(ratios) <= 1.10)
    return saved, empty


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
        f"{statistics.median(ours) / statistics.median(curl):.2f}x", "≤ 1.0x",
        statistics.median(ours) <= statistics.median(curl))
    row("lookup latency p99", f"{pct(ours, 99):.3f} ms", f"{pct(curl, 99):.3f} ms curl",
        f"{pct(ours, 99) / pct(curl, 99):.2f}x", "≤ 2x", pct(ours, 99) <= 2 * pct(curl, 99))


def bench_batch(base, n=2000, jobs=16):
    tmp = tempfile.mkdtemp(prefix="tl-bench-")
    batch = os.path.join(tmp, "batch.txt")
    with open(batch, "w") as f:
        for i in range(n):
            f.write(f"M{11385 + i % 50} {TOKEN}\n")

    def run_ours():
        start = time.monotonic()
        r = subprocess.run([CLI, "--base-url", base, "--username", "demo", "--password-stdin", "--json",
                            "--jobs", str(jobs), "--batch", batch], input=PASSWORD, capture_output=True, text=True,
                           env=ENV)
        seconds = time.monotonic() - start
        ok = sum(1 for l in r.stdout.splitlines() if '"ok":true' in l)
        assert ok == n, f"batch answered {ok} of {n} (exit {r.returncode}): {r.stderr[-500:]}"
        return seconds

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
    curl_config(config, base, n)
    # Five rounds of: ticket-lookup-cli, curl --parallel, and the floor libsoup itself sets (the
    # same requests, as many in flight, answers read and dropped: bench/bare-libsoup.c).
    ours_runs, par_runs, soup_runs = [], [], []
    for _ in range(5):
        ours_runs.append(run_ours())
        start = time.monotonic()
        subprocess.run(["curl", "-s", "--parallel", "--parallel-max", str(jobs), "-K", config], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        par_runs.append(time.monotonic() - start)
        start = time.monotonic()
        subprocess.run([BARE_SOUP, base, str(n), str(jobs)], check=True, stdout=subprocess.DEVNULL, env=ENV)
        soup_runs.append(time.monotonic() - start)
    ours, par_s, soup_s = (statistics.median(r) for r in (ours_runs, par_runs, soup_runs))

    row(f"batch {n} lookups, --jobs {jobs}", f"{n / ours:.0f}/s", f"{n / loop_s:.0f}/s curl loop",
        f"{loop_s / ours:.1f}x", "≥ 10x", loop_s / ours >= 10)
    row(f"batch {n} lookups, --jobs {jobs}", f"{n / ours:.0f}/s", f"{n / par_s:.0f}/s curl --parallel",
        f"{par_s / ours:.2f}x", "≥ 1.0x", par_s / ours >= 1.0)
    row(f"libsoup alone, {n} lookups, {jobs} in flight", f"{n / soup_s:.0f}/s", f"{n / par_s:.0f}/s curl --parallel",
        f"{par_s / soup_s:.2f}x", "— (the floor)")


def bench_parallel_latency(n=2000, jobs=16, delays=(20, 80), rounds=5):
    """--jobs 16 against curl --parallel --parallel-max 16 (the same -K config as bench_batch:
    one process, kept-alive connections) on a loopback service that answers each request
    after 20 ms and after 80 ms (bench/slow-server.c): there a batch is bound by how many
    requests it keeps in flight and whether it reuses its connections, not by CPU. Alternating
    runs, median of the rounds; the server's counts (most requests waiting at once, distinct
    connections) show what each side really did."""
    import urllib.request
    tmp = tempfile.mkdtemp(prefix="tl-bench-")
    batch = os.path.join(tmp, "batch.txt")
    write_lines(batch, n)
    for delay in delays:
        server = subprocess.Popen([SLOW_SERVER, str(delay)], stdout=subprocess.PIPE, text=True, env=ENV)
        try:
            base = server.stdout.readline().strip()
            config = os.path.join(tmp, f"curl-{delay}.cfg")
            curl_config(config, base, n)

            def stats():
                with urllib.request.urlopen(f"{base}/bench-stats", timeout=10) as r:
                    words = r.read().decode().split()
                return dict(zip(words[::2], (int(w) for w in words[1::2])))

            stats()
            ours, curl, ours_stats, curl_stats = [], [], [], []
            for _ in range(rounds):                     # alternately
                start = time.monotonic()
                r = subprocess.run([CLI, "--base-url", base, "--username", "demo", "--password-stdin", "--json",
                                    "--jobs", str(jobs), "--batch", batch], input=PASSWORD,
                                   capture_output=True, text=True, env=ENV)
                ours.append(time.monotonic() - start)
                ok = sum(1 for l in r.stdout.splitlines() if '"ok":true' in l)
                assert ok == n, f"batch answered {ok} of {n} (exit {r.returncode}): {r.stderr[-500:]}"
                ours_stats.append(stats())
                start = time.monotonic()
                subprocess.run(["curl", "-s", "--parallel", "--parallel-max", str(jobs), "-K", config], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                curl.append(time.monotonic() - start)
                curl_stats.append(stats())
                assert curl_stats[-1]["requests"] == n, curl_stats[-1]
        finally:
            server.terminate()
            server.wait()
        o, c = statistics.median(ours), statistics.median(curl)
        ideal = n / jobs * delay / 1000.0

        def seen(stats):
            return (f"{max(s['max-in-flight'] for s in stats)} in flight at most, "
                    f"{statistics.median(s['mean-in-flight-x100'] for s in stats) / 100:.1f} on average, "
                    f"{max(s['connections'] for s in stats)} connections, answer to next request "
                    f"{statistics.median(s['gap-mean-us'] for s in stats) / 1000:.1f} ms")
        print(f"  {delay} ms: ours {' '.join(f'{s:.2f}' for s in ours)} s, curl {' '.join(f'{s:.2f}' for s in curl)} s "
              f"(floor {ideal:.2f} s)\n    server saw ours: {seen(ours_stats)}\n    server saw curl: {seen(curl_stats)}",
              flush=True)
        row(f"batch {n} lookups, --jobs {jobs}, {delay} ms server", f"{n / o:.0f}/s",
            f"{n / c:.0f}/s curl --parallel", f"{c / o:.2f}x", "≥ 0.95x", c / o >= 0.95)


def callgrind_instructions(cmd, stdin_text=None):
    """Instructions the process ran (all its threads), under valgrind --tool=callgrind."""
    with tempfile.TemporaryDirectory(prefix="tl-bench-cg-") as tmp:
        out = os.path.join(tmp, "callgrind.out")
        r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd], input=stdin_text,
                           capture_output=True, text=True, env=ENV, timeout=900)
        assert r.returncode == 0, f"{cmd[0]} under callgrind exited {r.returncode}: {r.stderr[-500:]}"
        with open(out) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    return int(line.split()[1])
    raise RuntimeError(f"no instruction count from callgrind for {cmd}")


def bench_cpu(base, n=2000, small=100, jobs=16, rounds=3):
    """Instructions per lookup, zero latency: ticket-lookup-cli --jobs 16 --batch (the client
    process only; the demo server runs outside valgrind) against bench/bare-libsoup.c (the same
    requests on one SoupSession, answers read and dropped), each as the slope between a batch of
    `small` and one of `n` lookups, so that startup (the CA file, GType registration, the
    session) is not counted per lookup. The median of the rounds."""
    tmp = tempfile.mkdtemp(prefix="tl-bench-")
    paths = {}
    for m in (small, n):
        paths[m] = os.path.join(tmp, f"lines-{m}.txt")
        write_lines(paths[m], m)

    def ours(m):
        return callgrind_instructions([CLI, "--base-url", base, "--username", "demo", "--password-stdin", "--json",
                                       "--jobs", str(jobs), "--batch", paths[m]], PASSWORD)

    def bare(m):
        return callgrind_instructions([BARE_SOUP, base, str(m), str(jobs)])

    ours_slope, bare_slope, ours_fixed, bare_fixed = [], [], [], []
    for _ in range(rounds):                             # alternately
        o_small, o_n = ours(small), ours(n)
        b_small, b_n = bare(small), bare(n)
        ours_slope.append((o_n - o_small) / (n - small))
        bare_slope.append((b_n - b_small) / (n - small))
        ours_fixed.append(o_small - small * ours_slope[-1])
        bare_fixed.append(b_small - small * bare_slope[-1])
    o, b = statistics.median(ours_slope), statistics.median(bare_slope)
    print(f"  per lookup ours {' '.join(f'{x / 1000:.0f}k' for x in ours_slope)}, libsoup alone "
          f"{' '.join(f'{x / 1000:.0f}k' for x in bare_slope)}; fixed (startup) ours "
          f"{statistics.median(ours_fixed) / 1e6:.1f} M, libsoup alone {statistics.median(bare_fixed) / 1e6:.1f} M",
          flush=True)
    row(f"CPU per lookup (callgrind, --jobs {jobs})", f"{o / 1000:.0f} k instr", f"{b / 1000:.0f} k libsoup alone",
        f"{o / b:.2f}x", "≤ 1.3x", o / b <= 1.3)


def write_lines(path, n, valid=True):
    with open(path, "w") as f:
        for i in range(n):
            # invalid: one word, no customer ID (tl-input refuses it before any request)
            f.write(f"M{11385 + i % 50} {TOKEN}\n" if valid else f"no-customer-id-{i}\n")


def run_cli_measured(args, stdin_text=PASSWORD):
    """Runs the CLI, returns (seconds, peak RSS in KiB, stdout line count)."""
    # The peak comes from bench/rusage.c: Linux counts the size a process had before exec in its
    # peak, and a child forked from this Python would report Python's.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([RUSAGE, CLI, *args], stdin=subprocess.PIPE, stdout=out, stderr=err, env=ENV)
        proc.stdin.write(stdin_text.encode())
        proc.stdin.close()
        proc.wait()
        seconds = time.monotonic() - start
        out.seek(0)
        lines = sum(1 for _ in out)
        err.seek(0)
        peak = [int(l.split()[1]) for l in err.read().decode(errors="replace").splitlines()
                if l.startswith("maxrss-kib ")][-1]
    return seconds, peak, lines


def curl_config(path, base, n):
    with open(path, "w") as f:
        for i in range(n):
            # "next" keeps each request's headers and body to itself (-d would concatenate)
            if i > 0:
                f.write("next\n")
            f.write(f'url = "{base}/Service/Order/Token/M{11385 + i % 50}"\nrequest = "POST"\nsilent\n'
                    f'header = "Content-Type: application/json"\nheader = "{AUTH}"\n'
                    f'data = "{{\\"data\\":\\"{TOKEN}\\"}}"\noutput = "/dev/null"\n')


def bench_scaling(base, plot_path):
    """1k, 10k and 100k lines with --jobs 8: time and peak memory; 100k unparseable lines."""
    tmp = tempfile.mkdtemp(prefix="tl-bench-")
    common = ["--base-url", base, "--username", "demo", "--password-stdin", "--json", "--jobs", "8", "--batch"]
    sizes = (1000, 10000, 100000)
    for n in sizes:
        write_lines(os.path.join(tmp, f"valid-{n}.txt"), n)
    # Three rounds of 1k, 10k, 100k and 10k again: a slower stretch of the shared machine
    # (the demo server runs on the same two cores) falls on both sides of the comparison, and
    # the ratio is taken within each round, 100k against the mean of the 10k before and after.
    times = {n: [] for n in sizes}
    peaks = {n: 0 for n in sizes}
    ratios = []

    def measure(n):
        seconds, rss, lines = run_cli_measured(common + [os.path.join(tmp, f"valid-{n}.txt")])
        assert lines == n, f"{n} lines gave {lines} results"
        times[n].append(seconds)
        peaks[n] = max(peaks[n], rss)
        return seconds

    for _ in range(3):
        measure(1000)
        before = measure(10000)
        t = measure(100000)
        after = measure(10000)
        ratios.append(t / (10 * (before + after) / 2))
    points = [(n, statistics.median(times[n]), peaks[n]) for n in sizes]
    (_, t1k, m1k), (_, t10k, m10k), (_, t100k, m100k) = points
    row("batch 100 000 lines, --jobs 8", f"{t100k:.1f} s", f"{10 * t10k:.1f} s = 10 × 10 000",
        f"{statistics.median(ratios):.2f}x", "≤ 1.2x", statistics.median(ratios) <= 1.2)
    row("batch peak memory 100 000 lines", f"{m100k / 1024:.1f} MiB", f"{m10k / 1024:.1f} MiB at 10 000",
        f"{(m100k - m10k) / 1024:+.1f} MiB", "≤ +10 MiB", m100k - m10k <= 10 * 1024)
    path = os.path.join(tmp, "unparseable.txt")
    write_lines(path, 100000, valid=False)
    seconds, rss, lines = run_cli_measured(common + [path])
    assert lines == 100000, lines
    row("batch 100 000 unparseable lines", f"{seconds:.2f} s", "—", "—", "< 2 s", seconds < 2)
    write_plot(plot_path, points)
    return points


def write_plot(path, points):
    """The scaling curve as a small SVG: seconds against lines, both on log scales, with the
    line a linear cost would follow through the 1 000-line point."""
    import math
    w, h, left, bottom, top, right = 420, 260, 60, 40, 20, 20
    xs = [math.log10(n) for n, _, _ in points]
    ys = [math.log10(t) for _, t, _ in points]
    x0, x1 = 2.9, 5.1
    y0 = math.floor(min(ys + [ys[0] - 0.1]))
    y1 = math.ceil(max(ys[0] + 2, max(ys)) + 0.1)

    def px(x):
        return left + (x - x0) / (x1 - x0) * (w - left - right)

    def py(y):
        return h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
             'font-family="sans-serif" font-size="11">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="#555"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="#555"/>']
    for n in (1000, 10000, 100000):
        x = px(math.log10(n))
        parts.append(f'<text x="{x:.1f}" y="{h - bottom + 16}" text-anchor="middle">{n:,}</text>')
    for e in range(int(y0), int(y1) + 1):
        y = py(e)
        parts.append(f'<line x1="{left - 4}" y1="{y:.1f}" x2="{w - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
    # linear cost through the first point
    lx0, ly0 = xs[0], ys[0]
    parts.append(f'<line x1="{px(lx0):.1f}" y1="{py(ly0):.1f}" x2="{px(5):.1f}" y2="{py(ly0 + 5 - lx0):.1f}" '
                 'stroke="#999" stroke-dasharray="4 3"/>')
    pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys))
    parts.append(f'<polyline points="{pts}" fill="none" stroke="#3584e4" stroke-width="2"/>')
    for i, ((n, t, _), x, y) in enumerate(zip(points, xs, ys)):
        last = i == len(points) - 1
        parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="#3584e4"/>')
        parts.append(f'<text x="{px(x) + (-6 if last else 6):.1f}" y="{py(y) + (16 if last else -6):.1f}" '
                     f'text-anchor="{"end" if last else "start"}">{t:.2f} s</text>')
    parts.append(f'<text x="{(left + w - right) / 2}" y="{h - 6}" text-anchor="middle">lines (--batch, --jobs 8)</text>')
    parts.append(f'<text x="{left + 6}" y="{top + 4}" fill="#999">dashed: linear in the lines</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def bench_sequential(base, n=1000, runs=7):
    """--jobs 1 over one kept-alive connection against one curl process doing the same POSTs."""
    tmp = tempfile.mkdtemp(prefix="tl-bench-")
    path = os.path.join(tmp, "lines.txt")
    write_lines(path, n)
    config = os.path.join(tmp, "curl.cfg")
    curl_config(config, base, n)
    ours, curl = [], []
    for _ in range(runs):                               # alternately
        seconds, _, lines = run_cli_measured(["--base-url", base, "--username", "demo", "--password-stdin",
                                              "--json", "--jobs", "1", "--batch", path])
        assert lines == n
        ours.append(seconds)
        start = time.monotonic()
        subprocess.run(["curl", "-K", config], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        curl.append(time.monotonic() - start)
    row(f"sequential {n} lookups, --jobs 1", f"{statistics.median(ours) * 1000:.0f} ms",
        f"{statistics.median(curl) * 1000:.0f} ms curl -K", f"{statistics.median(ours) / statistics.median(curl):.2f}x",
        "≤ 1.5x", statistics.median(ours) <= 1.5 * statistics.median(curl))


def rss_lines(cmd, extra_env):
    out = subprocess.run(cmd, env=dict(ENV, **extra_env), capture_output=True, text=True, timeout=600).stdout
    return {int(l.split()[1]): int(l.split()[2]) for l in out.splitlines() if l.startswith("rss-kib ")}


def bench_memory():
    bare = rss_lines([BARE], {"TL_BENCH": "memory"})[0]
    app = rss_lines([APP, "--demo"], {"TL_BENCH": "memory", "TL_BENCH_LOOKUPS": "500"})
    row("GUI memory after 500 lookups", f"{app[500] / 1024:.1f} MiB", f"{bare / 1024:.1f} MiB bare",
        f"{app[500] / bare:.2f}x", "≤ 1.25x", app[500] <= 1.25 * bare)
    row("GUI memory growth 100 → 500", f"{(app[500] - app[100]) / 1024:.2f} MiB", "—", "—", "< 2 MiB",
        app[500] - app[100] < 2 * 1024)


FRAME_MS = 1000 / 60
BATCH_RUNS = int(os.environ.get("TL_BENCH_BATCH_RUNS", "3"))


def batch_stalls(mode, lines):
    """Runs the batch window's scenarios (src/app/tl-bench-batch.c) BATCH_RUNS times: for each
    scenario, per run, the longest main-loop gap (ms), the count of gaps over a frame, the main
    thread's CPU time in the longest gap (ms) and the count of gaps with over a frame of it; and
    the memory before Run and after the last answer (KiB, the first run's)."""
    stalls, rss, frames = {}, {}, {}
    for i in range(BATCH_RUNS):
        out = subprocess.run([APP, "--demo"], env=dict(ENV, TL_BENCH=mode, TL_BENCH_LINES=str(lines)),
                             capture_output=True, text=True, timeout=900).stdout
        for l in out.splitlines():
            p = l.split()
            if l.startswith("batch-stall "):
                stalls.setdefault(p[1], []).append((int(p[2]) / 1000, int(p[3]), int(p[4]) / 1000, int(p[5])))
            elif l.startswith("batch-frames "):
                frames.setdefault(p[1], []).append((int(p[2]), int(p[3]) / 1000, int(p[4]) / 1e6))
            elif l.startswith("rss-kib ") and i == 0:
                rss[p[1]] = int(p[2])
    stalls["frames"] = frames
    return stalls, rss


def stall_row(name, runs, baseline_runs=None):
    """One scenario: the median over the runs of the longest stall and of the frames over 16.7 ms;
    the goal is met when the median run's longest stall is under a frame. Each run's figures
    follow, with the main thread's CPU time in its longest gap (a gap with little of it is the
    process waiting for a core of the shared machine, not work of its own)."""
    longest = statistics.median(r[0] for r in runs)
    over = statistics.median(r[1] for r in runs)
    if baseline_runs:
        b_longest = statistics.median(r[0] for r in baseline_runs)
        b_over = statistics.median(r[1] for r in baseline_runs)
        baseline, ratio = f"{b_longest:.1f} ms, {b_over:g} over", f"{longest / b_longest:.2f}x"
    else:
        baseline, ratio = "—", "—"
    row(name, f"{longest:.1f} ms, {over:g} over", baseline, ratio, "< 16.7 ms", longest < FRAME_MS)
    print("    runs: " + "; ".join(f"{ms:.1f} ms (CPU {cpu:.1f} ms), {n} over ({n_cpu} on CPU)"
                                for ms, n, cpu, n_cpu in runs), flush=True)


def bench_batch_window(lines=20000, memory_target="< +20 MiB"):
    """A batch of demo lookups run in the window: the longest main-loop stall and the gaps over
    one frame while the answers come in, and when the last one lands; the memory the rows take."""
    stalls, rss = batch_stalls("batch", lines)
    stall_row(f"batch window {lines} lines: running", stalls["running"])
    # the main loop may iterate without drawing: the frames drawn while the answers come in
    runs = stalls["frames"]["running"]
    gap = statistics.median(g for _, g, _ in runs)
    row(f"batch window {lines} lines: running, longest without a frame", f"{gap:.1f} ms",
        f"{statistics.median(n for n, _, _ in runs):.0f} frames in {statistics.median(s for _, _, s in runs):.1f} s",
        "—", "< 33.3 ms", gap < 1000 / 30)
    stall_row(f"batch window {lines} lines: finishing", stalls["finishing"])
    row(f"batch window {lines} lines: memory", f"+{(rss['after'] - rss['before']) / 1024:.1f} MiB",
        f"{rss['before'] / 1024:.1f} MiB before Run", "—", memory_target,
        None if memory_target == "—" else rss["after"] - rss["before"] < 20 * 1024)


def bench_batch_filter(lines=100000, baseline_lines=500):
    """100 000 finished rows (a tenth failed, a tenth not lookups) filtered, searched and sorted:
    the longest main-loop stall of each and the gaps over one frame, against the same with 500
    rows (what does not grow with the rows)."""
    base, _ = batch_stalls("batch-filter", baseline_lines)
    values, _ = batch_stalls("batch-filter", lines)
    for key, what in (("relayout", "laid out and drawn again, nothing changed"),
                      ("failures", "Failures Only"),
                      ("failures-off", "Failures Only off"),
                      ("search", "typing a search"),
                      ("search-clear", "clearing the search"),
                      ("sort-up", "sorted by Result"),
                      ("sort-down", "sorted by Result, descending")):
        stall_row(f"batch window {lines} rows: {what}", values[key], base[key])


def stall_scenarios():
    """The main window's scenarios (src/app/tl-bench-stall.c), started with a saved profile and a
    history of 1 000 lookups: {name: (longest stall µs, gaps over a frame)}."""
    with tempfile.TemporaryDirectory(prefix="tl-bench-home-") as root:
        out = subprocess.run([APP, "--demo"], env=dict(startup_home(root, True), TL_BENCH="stall"),
                             capture_output=True, text=True, timeout=300).stdout
    entries = [int(l.split()[1]) for l in out.splitlines() if l.startswith("history-entries ")]
    assert entries and entries[0] >= 1000, f"History opened with {entries} entries, not 1 000"
    return {p[1]: (int(p[3]), int(p[5])) for p in (l.split() for l in out.splitlines()) if p[:1] == ["stall"]}


STALL_WORDS = {
    "after-first-frame": "1.6 s after the first frame",
    "lookup-valid": "a ticket appears (first)",
    "lookup-expired": "an expired ticket appears",
    "error-bad-request": "error page: bad request",
    "error-problem-details": "error page: problem details",
    "error-forbidden": "error page: forbidden",
    "error-not-found": "error page: not found",
    "error-server-error": "error page: server error",
    "lookup-valid-again": "a ticket appears again",
    "lookup-slow": "a 3 s lookup",
    "large-answer-details": "1 MB answer, Details open",
    "account-dialog-opens": "the account dialog opens",
    "history-opens-1000": "History opens, 1 000 entries",
    "account-dialog-again": "the account dialog opens again",
    "history-opens-again": "History opens again",
}


def bench_stall(runs=3):
    """Each scenario's longest stall (the worst of three runs) and its frames over 16.7 ms."""
    results = [stall_scenarios() for _ in range(runs)]
    for key, words in STALL_WORDS.items():
        worst = max(r[key][0] for r in results) / 1000
        over = max(r[key][1] for r in results)
        row(f"stall: {words}", f"{worst:.1f} ms", f"{over} over a frame", "—", "< 16.7 ms", worst < 16.7)


def machine():
    """The machine in a few words: its processor, cores, memory and system."""
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    system = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release")
                   if l.startswith("PRETTY_NAME=")), "?")
    return f"{cpu}, {os.cpu_count()} cores, {mem / 1024 / 1024:.0f} GiB, {system}, GTK's cairo renderer under Xvfb"


def main():
    only = os.environ.get("TL_BENCH_ONLY", "startup startup-saved latency batch parallel-latency cpu sequential scaling "
                          "memory stall batch-window batch-filter").split()
    print(f"{'benchmark':34} {'Ticket Lookup':>14} {'baseline':>16} {'ratio':>8}")
    if "startup" in only:
        bench_startup()
    if "startup-saved" in only:
        bench_startup_saved()
    server, base = serve_demo()
    try:
        if "latency" in only:
            bench_latency(base)
        if "batch" in only:
            bench_batch(base)
        if "cpu" in only:
            bench_cpu(base)
        if "sequential" in only:
            bench_sequential(base)
        if "scaling" in only:
            bench_scaling(base, os.environ.get("TL_BENCH_PLOT", os.path.join(BUILD, "bench-scaling.svg")))
    finally:
        server.terminate()
    if "parallel-latency" in only:
        bench_parallel_latency()
    if "memory" in only:
        bench_memory()
    if "stall" in only:
        bench_stall()
    if "batch-window" in only:
        bench_batch_window()
        # the scale: the window must stay responsive at 100 000 rows (no memory target)
        bench_batch_window(100000, memory_target="—")
    if "batch-filter" in only:
        bench_batch_filter()
    print()
    print(f"On {machine()}, {time.strftime('%Y-%m-%d %H:%M %Z')}:")
    print()
    print("| benchmark | Ticket Lookup | baseline | ratio | goal | met |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
