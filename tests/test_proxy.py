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

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recording_server import RecordingServer, basic  # noqa: E402
from office_network import (HOST, Recorder, check, die_with_parent, finish, free_port,  # noqa: E402
                            make_pki, run_in_office, start_tinyproxy, stop)

CLI = sys.argv[1]
USER = "partner-user"
PASSWORD = "S3cret-proxy-pass"
CUSTOMER = "M11385"
TOKEN = "ProxyTestToken+42/xyzA=="

def run_cli(d, env_extra, with_root, *args):
    cmd = [CLI, "--base-url", "https://%s:%d" % (HOST, API_PORT), "--username", USER,
           "--password-stdin", "--timeout", "10", *args, CUSTOMER, TOKEN]
    return run_in_office(d, cmd, env_extra, with_root, stdin=PASSWORD + "\n")


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

    # 6. a proxy that needs a sign-in (tinyproxy's BasicAuth; squid's is test_office_proxy.py)
    auth, auth_port, _ = start_tinyproxy(tmp, "auth", API_PORT, "BasicAuth office Pr0xy-Secret\n")
    procs.append(auth)
    r = run_cli(tmp, {"https_proxy": "http://127.0.0.1:%d" % auth_port}, True)
    out = r.stdout + r.stderr
    check("a proxy that wants a sign-in: exit 12, names the proxy, says so", r.returncode == 12
          and "127.0.0.1:%d" % auth_port in out and "sign-in" in out.lower(), out)
    api.requests.clear()
    r = run_cli(tmp, {"https_proxy": "http://office:Pr0xy%%2DSecret@127.0.0.1:%d" % auth_port}, True)
    check("the sign-in in the proxy's URL (percent-encoded) gets through",
          r.returncode == 0 and len(api.requests) == 1, r.stdout + r.stderr)
    # tinyproxy answers a wrong password with 401, not 407
    r = run_cli(tmp, {"https_proxy": "http://office:wrong@127.0.0.1:%d" % auth_port}, True)
    out = r.stdout + r.stderr
    check("a wrong proxy password: exit 12, the proxy did not accept the sign-in",
          r.returncode == 12 and "127.0.0.1:%d" % auth_port in out
          and "did not accept the sign-in as “office”" in out, out)

    # 7. a proxy that is not there
    r = run_cli(tmp, {"https_proxy": "http://127.0.0.1:%d" % free_port()}, True)
    out = r.stdout + r.stderr
    check("an unreachable proxy: exit 7, names the proxy",
          r.returncode == 7 and "proxy" in out.lower() and "could not be reached" in out, out)
finally:
    stop(procs)
    if not os.environ.get("TL_KEEP"): shutil.rmtree(tmp, ignore_errors=True)
    else: print("# kept", tmp)

finish()
