#!/usr/bin/env python3
"""Lookups through an office proxy, with an office root certificate.

Real parts only:
  - an HTTPS server (Python's http.server with ssl) that answers the order-token endpoint
    and records the Authorization header it got, with a certificate from a throw-away
    certificate authority made here with openssl;
  - tinyproxy from Debian as the office proxy, with a byte recorder in front of it, so the
    test sees exactly what the proxy was sent;
  - ticket-lookup-cli run under bwrap, where /etc/hosts names the service and
    /etc/ssl/certs/ca-certificates.crt is the system trust store with or without the office
    root added: the same file the TLS library reads on a real machine.

TAP output. Usage: test_proxy.py CLI
"""

import ctypes
import json
import os
import signal
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recording_server import RecordingServer, basic  # noqa: E402

CLI = sys.argv[1]
HOST = "connect.office.test"
USER = "partner-user"
PASSWORD = "S3cret-proxy-pass"
CUSTOMER = "M11385"
TOKEN = "ProxyTestToken+42/xyzA=="
SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"

results = []
libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG = 1


def check(name, ok, detail=""):
    if os.environ.get("TL_SHOW"):
        print("#", name, "::", str(detail).replace("\n", "\n#   "))
    results.append(ok)
    print(("ok" if ok else "not ok"), len(results), "-", name)
    if not ok and detail:
        for line in str(detail).splitlines():
            print("#", line)
    sys.stdout.flush()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_pki(d):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", "ca.key", "-out", "ca.pem",
            "-subj", "/O=Example Office/CN=Example Office Inspection Root",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
            "-out", "server.csr", "-subj", "/CN=" + HOST, cwd=d)
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\n"
                "extendedKeyUsage=serverAuth\n" % HOST)
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", "2", "-out", "server.pem", "-extfile", "ext.cnf", cwd=d)
    with open(os.path.join(d, "bundle.pem"), "w") as out:
        with open(SYSTEM_BUNDLE) as sysb:
            out.write(sysb.read())
        with open(os.path.join(d, "ca.pem")) as ca:
            out.write(ca.read())
    with open(os.path.join(d, "hosts"), "w") as f:
        f.write("127.0.0.1 localhost\n127.0.0.1 %s\n" % HOST)


class Recorder:
    """Forwards TCP to the proxy and keeps every byte the proxy is sent."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.sent = bytearray()
        self.lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            threading.Thread(target=self.pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self.pump, args=(upstream, client, False), daemon=True).start()

    def pump(self, src, dst, record):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if record:
                    with self.lock:
                        self.sent += data
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def take(self):
        with self.lock:
            data = bytes(self.sent)
            self.sent.clear()
        return data


def start_tinyproxy(d, name, api_port, extra=""):
    port = free_port()
    log = os.path.join(d, name + ".log")
    conf = os.path.join(d, name + ".conf")
    open(log, "w").close()
    os.chmod(log, 0o666)
    with open(conf, "w") as f:
        f.write('Port %d\nListen 127.0.0.1\nTimeout 30\nLogFile "%s"\nLogLevel Info\n'
                'MaxClients 20\nAllow 127.0.0.1\nConnectPort %d\n%s' % (port, log, api_port, extra))
        if os.getuid() == 0:
            f.write("User nobody\nGroup nogroup\n")
    # tinyproxy resolves the service's name, so it gets the same /etc/hosts as the CLI. It runs
    # in a PID namespace of its own whose init dies with bwrap's parent (this script): when the
    # namespace's init dies the kernel ends everything in it. --die-with-parent alone would not
    # do: tinyproxy changes its user to nobody, and a change of user clears the parent-death
    # signal, so ending bwrap left the proxy running.
    proc = subprocess.Popen(["bwrap", "--dev-bind", "/", "/", "--unshare-pid", "--die-with-parent",
                             "--ro-bind", os.path.join(d, "hosts"), "/etc/hosts",
                             "tinyproxy", "-d", "-c", conf],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=die_with_parent)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, port, log


def die_with_parent():
    """In a child before exec: SIGKILL when this script ends, however it ends (a test timeout
    kills the script, and its servers must not outlive it)."""
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def run_cli(d, env_extra, with_root, *args):
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("https_proxy", "http_proxy", "all_proxy", "no_proxy")}
    env.update(env_extra)
    cmd = ["bwrap", "--dev-bind", "/", "/", "--die-with-parent",
           "--ro-bind", os.path.join(d, "hosts"), "/etc/hosts"]
    if with_root:
        cmd += ["--ro-bind", os.path.join(d, "bundle.pem"), SYSTEM_BUNDLE]
    cmd += [CLI, "--base-url", "https://%s:%d" % (HOST, API_PORT), "--username", USER,
            "--password-stdin", "--timeout", "10", *args, CUSTOMER, TOKEN]
    return subprocess.run(cmd, input=PASSWORD + "\n", capture_output=True, text=True,
                          env=env, timeout=60, preexec_fn=die_with_parent)


def secrets_in(data):
    found = []
    for name, needle in (("password", PASSWORD.encode()), ("Basic value", basic(USER, PASSWORD)[6:].encode()),
                         ("Authorization", b"authorization"), ("token", b"ProxyTestToken"),
                         ("customer ID", CUSTOMER.encode()), ("username", USER.encode())):
        if needle.lower() in data.lower():
            found.append(name)
    return found


for tool in ("tinyproxy", "bwrap", "openssl"):
    if shutil.which(tool) is None:
        print("1..0 # SKIP %s is not installed" % tool)
        sys.exit(0)
if subprocess.run(["bwrap", "--dev-bind", "/", "/", "true"], capture_output=True).returncode != 0:
    print("1..0 # SKIP bwrap cannot make a sandbox here")
    sys.exit(0)

tmp = tempfile.mkdtemp(prefix="tl-proxy-")
os.chmod(tmp, 0o755)  # tinyproxy runs as nobody when started by root and writes its log here
procs = []
try:
    make_pki(tmp)
    api = RecordingServer(PASSWORD, USER, tls=(os.path.join(tmp, "server.pem"), os.path.join(tmp, "server.key")))
    API_PORT = api.port

    proxy, proxy_port, proxy_log = start_tinyproxy(tmp, "office", API_PORT)
    procs.append(proxy)
    recorder = Recorder(proxy_port)
    proxy_env = {"https_proxy": "http://127.0.0.1:%d" % recorder.port}

    # 1. through the proxy, office root in the system trust store
    api.requests.clear()
    r = run_cli(tmp, proxy_env, True, "--json")
    sent = recorder.take()
    try:
        verdict = json.loads(r.stdout).get("verdict")
    except ValueError:
        verdict = None
    check("lookup through the proxy succeeds", r.returncode == 0 and verdict == "valid",
          r.stdout + r.stderr)
    check("the proxy was used (one CONNECT to the service)",
          sent.startswith(b"CONNECT %s:%d HTTP/1.1\r\n" % (HOST.encode(), API_PORT)), sent[:200])
    check("the proxy saw no credentials, token or customer ID", not secrets_in(sent),
          secrets_in(sent))
    with open(proxy_log, "rb") as f:
        log = f.read()
    check("the proxy's own log names the CONNECT and nothing secret",
          b"CONNECT" in log and not secrets_in(log), log.decode(errors="replace")[-2000:])
    check("the service got the request with the credentials, through the tunnel",
          api.authorizations() == [basic(USER, PASSWORD)] and api.requests[0]["customer"] == CUSTOMER
          and api.tokens() == [TOKEN], api.requests)

    # 2. no_proxy: the service is reached directly, the proxy sees nothing
    api.requests.clear()
    r = run_cli(tmp, dict(proxy_env, no_proxy="localhost,.office.test"), True)
    sent = recorder.take()
    check("no_proxy: reached directly", r.returncode == 0 and sent == b"" and len(api.requests) == 1,
          "exit %d, proxy got %r\n%s" % (r.returncode, sent[:100], r.stderr))

    # 3. the office root is not in the trust store: the error names the issuer
    r = run_cli(tmp, proxy_env, False)
    recorder.take()
    out = r.stdout + r.stderr
    check("unknown issuer: exit 7 and the issuer is named",
          r.returncode == 7 and "Example Office Inspection Root" in out
          and "not signed by a trusted authority" in out, out)

    # 4. loopback is never sent to the proxy, even when https_proxy says so
    demo = subprocess.Popen([CLI, "--serve-demo"], stdout=subprocess.PIPE, text=True,
                            preexec_fn=die_with_parent)
    procs.append(demo)
    demo_url = demo.stdout.readline().strip().split()[-1]
    env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    env.update(proxy_env)
    r = subprocess.run([CLI, "--base-url", demo_url, "--username", "demo", "--password-stdin",
                        "M11385", "DemoValid+Token/01=="], input="demo-password\n",
                       capture_output=True, text=True, env=env, timeout=60, preexec_fn=die_with_parent)
    sent = recorder.take()
    check("plain http:// to loopback goes directly, never to the proxy",
          r.returncode == 0 and sent == b"", "exit %d, %r, %s" % (r.returncode, sent[:200], r.stderr))

    # 5. a proxy that refuses the service's port
    refusing, refusing_port, _ = start_tinyproxy(tmp, "refusing", API_PORT + 1 if API_PORT < 65535 else 1)
    procs.append(refusing)
    r = run_cli(tmp, {"https_proxy": "127.0.0.1:%d" % refusing_port}, True)
    out = r.stdout + r.stderr
    check("a refusing proxy: exit 7, says the proxy refused, with its own next step",
          r.returncode == 7 and "proxy" in out.lower() and "refused" in out.lower()
          and "127.0.0.1:%d" % refusing_port in out and "IT" in out, out)

    # 6. a proxy that needs a sign-in
    auth, auth_port, _ = start_tinyproxy(tmp, "auth", API_PORT, "BasicAuth office secret\n")
    procs.append(auth)
    r = run_cli(tmp, {"https_proxy": "http://127.0.0.1:%d" % auth_port}, True)
    out = r.stdout + r.stderr
    check("a proxy that wants a sign-in: exit 7, says so", r.returncode == 7
          and "proxy" in out.lower() and "sign-in" in out.lower(), out)

    # 7. a proxy that is not there
    r = run_cli(tmp, {"https_proxy": "http://127.0.0.1:%d" % free_port()}, True)
    out = r.stdout + r.stderr
    check("an unreachable proxy: exit 7, names the proxy",
          r.returncode == 7 and "proxy" in out.lower() and "could not be reached" in out, out)
finally:
    for p in procs:
        p.terminate()
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
    if not os.environ.get("TL_KEEP"): shutil.rmtree(tmp, ignore_errors=True)
    else: print("# kept", tmp)

print("1..%d" % len(results))
sys.exit(0 if all(results) else 1)
