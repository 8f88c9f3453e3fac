#!/usr/bin/env python3
"""The service behind a real TLS reverse proxy with the office's own certificate authority, and
the office proxy in front: the whole way a lookup takes in an office that inspects HTTPS.

Real parts only, in a private network namespace (unshare --net, as root):
  - an office root and a certificate for connect.office.test made here with openssl;
  - nginx from Debian terminating TLS (HTTP/2 offered) with that certificate, in front of a
    recording HTTP server that answers the order-token endpoint;
  - squid from Debian as the office proxy, asking for a Basic sign-in, with a byte recorder in
    front of it;
  - ticket-lookup-cli under bwrap, where /etc/hosts names the service and the system's trust
    store is the machine's own (the office root is NOT in it: only --ca-file or SSL_CERT_FILE
    can make it trusted).

Every child dies with this script. TAP output. Usage: test_office_tls.py CLI
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recording_server import RecordingServer, basic  # noqa: E402
from office_network import (HOST, Recorder, check, die_with_parent, enter_private_network,  # noqa: E402
                            finish, free_port, make_pki, run_in_office, skip_all, start_squid, stop,
                            wait_for_port)

CLI = sys.argv[1]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
USER = "partner-user"
PASSWORD = "S3cret-service-pass"
CUSTOMER = "M11385"
TOKEN = "OfficeTlsToken+42/xyzA=="
PROXY_USER = "office"
PROXY_PASSWORD = "Pr0xy-Pass"

if NGINX is None and os.environ.get("TL_OFFICE_NETNS") != "1":
    skip_all("nginx is not installed (build-aux/install-deps installs nginx-light)")
enter_private_network(__file__, [CLI], interface=True)


def answer(request):
    """A ticket for the test's token; for any other (Check Account's token that cannot exist)
    the service's own validation answer."""
    if request["token"] == TOKEN:
        return 200, {"orderId": "ORD-1", "customerId": request["customer"], "hasExpired": False}
    return 400, {"Message": "The request is invalid.",
                 "ModelState": {"token.Data": ["The token is not valid."]}}


def start_nginx(d, backend_port):
    """nginx on a free port terminating TLS for HOST (HTTP/2 offered), passing on to the
    backend; everything it writes in @d. Returns (process, port)."""
    port = free_port()
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write("daemon off;\nmaster_process off;\npid %(d)s/nginx.pid;\nerror_log %(d)s/nginx-error.log;\n"
                "events { worker_connections 64; }\n"
                "http {\n  access_log %(d)s/nginx-access.log;\n"
                "  client_body_temp_path %(d)s/body;\n  proxy_temp_path %(d)s/proxy;\n"
                "  fastcgi_temp_path %(d)s/fastcgi;\n  uwsgi_temp_path %(d)s/uwsgi;\n"
                "  scgi_temp_path %(d)s/scgi;\n"
                "  server {\n    listen 127.0.0.1:%(port)d ssl http2;\n    server_name %(host)s;\n"
                "    ssl_certificate %(d)s/server.pem;\n    ssl_certificate_key %(d)s/server.key;\n"
                "    location / { proxy_pass http://127.0.0.1:%(backend)d; }\n  }\n}\n"
                % {"d": d, "port": port, "host": HOST, "backend": backend_port})
    proc = subprocess.Popen([NGINX, "-p", d, "-c", conf, "-e", os.path.join(d, "nginx-error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=die_with_parent)
    wait_for_port(port)
    return proc, port


tmp = tempfile.mkdtemp(prefix="tl-office-tls-")
os.chmod(tmp, 0o755)  # squid runs as nobody when started by root and writes its log here
procs = []

try:
    make_pki(tmp)
    ca = os.path.join(tmp, "ca.pem")
    api = RecordingServer(PASSWORD, USER, answer=answer)
    nginx, nginx_port = start_nginx(tmp, api.port)
    procs.append(nginx)
    base = "https://%s:%d" % (HOST, nginx_port)

    def run_cli(env, *args):
        cmd = [CLI, "--base-url", base, "--username", USER, "--password-stdin", "--timeout", "20", *args]
        if "--check-account" not in args:
            cmd += [CUSTOMER, TOKEN]
        # the system's trust store as the machine has it: the office root is not in it
        return run_in_office(tmp, cmd, env, with_root=False, stdin=PASSWORD + "\n")

    # 1. the office root not trusted: refused before anything is sent, the issuer named, and
    #    the way to trust it said in the command-line tool's words
    api.requests.clear()
    r = run_cli({})
    check("untrusted office root: refused, nothing reached the service",
          r.returncode != 0 and not r.stdout.startswith("VALID") and api.requests == [],
          "exit %d\n%s%s" % (r.returncode, r.stdout, r.stderr))
    check("untrusted office root: the issuer is named and --ca-file is offered",
          "Example Office" in r.stderr and "--ca-file" in r.stderr, r.stderr)

    # 2. --ca-file with the office root: through nginx's TLS, over HTTP/2, one request
    r = run_cli({}, "--ca-file", ca, "--verbose")
    check("--ca-file: the lookup through nginx's TLS is valid",
          r.returncode == 0 and r.stdout.startswith("VALID") and len(api.requests) == 1,
          "exit %d\n%s%s" % (r.returncode, r.stdout, r.stderr[-1500:]))
    check("--ca-file: nginx and the client agreed on HTTP/2", "HTTP/2" in r.stderr, r.stderr[-1500:])
    check("--ca-file: the service got its own credentials and the token",
          api.authorizations()[-1:] == [basic(USER, PASSWORD)] and api.tokens()[-1:] == [TOKEN], api.requests)

    # 3. SSL_CERT_FILE, as for curl
    api.requests.clear()
    r = run_cli({"SSL_CERT_FILE": ca}, "--json")
    try:
        verdict = json.loads(r.stdout).get("verdict")
    except ValueError:
        verdict = None
    check("SSL_CERT_FILE: the lookup is valid", r.returncode == 0 and verdict == "valid",
          "exit %d\n%s%s" % (r.returncode, r.stdout, r.stderr))

    # 4. the whole office: squid asking for a sign-in, then nginx's TLS with the office root
    squid = start_squid(tmp, "squid", nginx_port, {PROXY_USER: PROXY_PASSWORD})
    procs.append(squid[0])
    recorder = Recorder(squid[1])
    proxy = {"https_proxy": "http://%s:%s@127.0.0.1:%d" % (PROXY_USER, PROXY_PASSWORD, recorder.port)}
    api.requests.clear()
    r = run_cli(proxy, "--ca-file", ca)
    sent = recorder.take()
    check("through squid's sign-in and nginx's TLS: valid, one request",
          r.returncode == 0 and r.stdout.startswith("VALID") and len(api.requests) == 1,
          "exit %d\n%s%s" % (r.returncode, r.stdout, r.stderr))
    check("what crossed the proxy: the CONNECT with the proxy's sign-in, nothing of the service's",
          sent.startswith(b"CONNECT %s:%d HTTP/1.1\r\n" % (HOST.encode(), nginx_port))
          and PASSWORD.encode() not in sent and TOKEN.encode() not in sent
          and basic(USER, PASSWORD)[6:].encode() not in sent and CUSTOMER.encode() not in sent,
          sent[:400])
    with open(squid[2]) as f:
        log = f.read()
    check("squid logged the tunnel to the service, signed in as the proxy's user",
          "TCP_TUNNEL/200" in log and " %s " % PROXY_USER in log and PASSWORD not in log, log)

    # 5. Check Account the same way: the service's own validation answer passes through nginx
    api.requests.clear()
    r = run_cli(proxy, "--ca-file", ca, "--check-account", "--json")
    recorder.take()
    try:
        word = json.loads(r.stdout).get("check")
    except ValueError:
        word = None
    check("Check Account through squid and nginx: accepted by the service's own answer",
          r.returncode == 0 and word == "accepted" and len(api.requests) == 1,
          "exit %d\n%s%s" % (r.returncode, r.stdout, r.stderr))
finally:
    stop(procs)
    shutil.rmtree(tmp, ignore_errors=True)

finish()
