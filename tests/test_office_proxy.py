#!/usr/bin/env python3
"""Through an office proxy that asks for a sign-in, and through proxies that fail.

Real parts only, in a private network namespace (unshare --net, as root) so nothing here can
reach or be reached from the machine's network:
  - an HTTPS server (Python's http.server with ssl) that answers the order-token endpoint
    and records what it got, with a certificate from a throw-away office root (openssl);
  - squid from Debian asking for Basic auth (basic_ncsa_auth with an htpasswd file made
    here), and for NTLM (Debian's ntlm_fake_auth helper), with a byte recorder in front so
    the test sees what crossed to the proxy, and squid's own access log;
  - small hostile proxies written here: one that answers in something other than HTTP, one
    that says 200 and then sends garbage, one whose tunnel ends in a TLS alert, one that
    never answers and one that closes;
  - ticket-lookup-cli under bwrap, where /etc/hosts names the service and the system trust
    store holds the office root.

Every child dies with this script (PR_SET_PDEATHSIG; the proxies in PID namespaces of
their own). TAP output. Usage: test_office_proxy.py CLI
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from recording_server import RecordingServer, basic  # noqa: E402
from office_network import (HOST, Recorder, check, die_with_parent, enter_private_network,  # noqa: E402
                            finish, make_pki, run_in_office, start_squid, stop)

CLI = sys.argv[1]
USER = "partner-user"
PASSWORD = "S3cret-service-pass"
CUSTOMER = "M11385"
TOKEN = "OfficeProxyToken+42/xyzA=="
PROXY_USER = "office"
PROXY_PASSWORD = "Pr0xy Pass/@:%x"           # needs percent-encoding in a URL
PROXY_PASSWORD_URL = "Pr0xy%20Pass%2F%40%3A%25x"
PROXY_PASSWORD_BASIC = basic(PROXY_USER, PROXY_PASSWORD)[6:]

enter_private_network(__file__, [CLI])


# --- hostile proxies ----------------------------------------------------------------------

class HostileProxy:
    """A proxy on loopback that reads the CONNECT and then misbehaves in one way:
    not-http, garbage (200 then bytes that are not TLS), tls-alert (200 then a fatal TLS
    alert in answer to the client's hello), hang (never answers), close (closes at once)."""

    def __init__(self, kind):
        self.kind = kind
        self.requests = []
        self.open = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def read_request(self, conn):
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
        self.requests.append(data)
        return data

    def serve(self, conn):
        self.open.append(conn)   # kept open (hang) until the test ends
        try:
            self.read_request(conn)
            if self.kind == "not-http":
                # what sshd says to a client that is not SSH, before it hangs up
                conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\nInvalid SSH identification string.\r\n")
                conn.shutdown(socket.SHUT_RDWR)
            elif self.kind == "garbage":
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                conn.recv(4096)  # the client's hello
                conn.sendall(b"<html>You are being watched</html>\r\n" * 4)
            elif self.kind == "tls-alert":
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                conn.recv(4096)
                # a fatal handshake_failure alert, TLS 1.2 record
                conn.sendall(b"\x15\x03\x03\x00\x02\x02\x28")
            elif self.kind == "close":
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
        except OSError:
            pass


tmp = tempfile.mkdtemp(prefix="tl-office-proxy-")
os.chmod(tmp, 0o755)  # squid runs as nobody when started by root and writes its log here
procs = []


def run_cli(env, *args, stdin=None, timeout="10"):
    cmd = [CLI, "--base-url", "https://%s:%d" % (HOST, API_PORT), "--username", USER,
           "--password-stdin", "--timeout", timeout, *args]
    if "--check-account" not in args:
        cmd += [CUSTOMER, TOKEN]
    return run_in_office(tmp, cmd, env, True, stdin=stdin if stdin is not None else PASSWORD + "\n")


def service_secrets_in(data):
    found = []
    for name, needle in (("service password", PASSWORD.encode()),
                         ("service Basic value", basic(USER, PASSWORD)[6:].encode()),
                         ("Authorization", b"\nauthorization:"), ("token", b"OfficeProxyToken"),
                         ("customer ID", CUSTOMER.encode()), ("service username", USER.encode())):
        if needle.lower() in data.lower():
            found.append(name)
    return found


def lines_of(log):
    with open(log) as f:
        return [line for line in f.read().splitlines() if " CONNECT " in line]


try:
    make_pki(tmp)
    api = RecordingServer(PASSWORD, USER, tls=(os.path.join(tmp, "server.pem"), os.path.join(tmp, "server.key")),
                          challenge='Basic realm="Vitec Express Connect"')
    API_PORT = api.port
    SERVER = "%s:%d" % (HOST, API_PORT)

    squid, squid_port, squid_log = start_squid(tmp, "squid", API_PORT, {PROXY_USER: PROXY_PASSWORD})
    procs.append(squid)
    recorder = Recorder(squid_port)
    PROXY = "127.0.0.1:%d" % recorder.port
    signed_in = {"https_proxy": "http://%s:%s@%s" % (PROXY_USER, PROXY_PASSWORD_URL, PROXY)}

    # 1. credentials in the proxy's URL, percent-decoded, answer squid's Basic challenge
    api.requests.clear()
    r = run_cli(signed_in, "--json", "--verbose")
    sent = recorder.take()
    try:
        verdict = json.loads(r.stdout).get("verdict")
    except ValueError:
        verdict = None
    check("URL credentials: the lookup gets through squid's sign-in", r.returncode == 0 and verdict == "valid",
          "exit %d\n%s%s" % (r.returncode, r.stdout, r.stderr))
    check("URL credentials: the service got one request, with its own credentials only",
          api.authorizations() == [basic(USER, PASSWORD)] and api.tokens() == [TOKEN], api.requests)
    check("squid was asked with the decoded password (Proxy-Authorization: Basic)",
          ("Proxy-Authorization: Basic %s\r\n" % PROXY_PASSWORD_BASIC).encode() in sent, sent[:600])
    check("nothing of the service's crossed the proxy in cleartext",
          sent.startswith(b"CONNECT %s HTTP/1.1\r\n" % SERVER.encode()) and not service_secrets_in(sent),
          service_secrets_in(sent) or sent[:300])
    check("the proxy's password never reached the output, even with --verbose",
          PROXY_PASSWORD not in r.stdout + r.stderr and PROXY_PASSWORD_URL not in r.stdout + r.stderr
          and PROXY_PASSWORD_BASIC not in r.stdout + r.stderr, r.stderr[-2000:])
    log = lines_of(squid_log)
    check("squid logged the tunnel, signed in as the proxy user, and nothing secret",
          any("TCP_TUNNEL/200" in line and " %s " % PROXY_USER in line and SERVER in line for line in log)
          and not any(PROXY_PASSWORD in line or USER in line for line in log), "\n".join(log))

    # 2. --proxy-user and --proxy-password-file, with the proxy's address alone
    pwfile = os.path.join(tmp, "proxy-password")
    with open(pwfile, "w") as f:
        f.write(PROXY_PASSWORD + "\n")
    os.chmod(pwfile, 0o600)
    api.requests.clear()
    r = run_cli({"https_proxy": "http://" + PROXY}, "--proxy-user", PROXY_USER, "--proxy-password-file", pwfile)
    recorder.take()
    check("--proxy-user with --proxy-password-file: the lookup gets through",
          r.returncode == 0 and r.stdout.startswith("VALID") and len(api.requests) == 1, r.stdout + r.stderr)

    # 2b. GNOME's proxy settings with their sign-in (the desktop's settings are used when
    #     https_proxy is not set), read through GSettings' keyfile backend
    config = os.path.join(tmp, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"), exist_ok=True)
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[system/proxy]\nmode='manual'\n"
                "[system/proxy/http]\nhost='127.0.0.1'\nport=%d\nuse-authentication=true\n"
                "authentication-user='%s'\nauthentication-password='%s'\n"
                "[system/proxy/https]\nhost='127.0.0.1'\nport=%d\n"
                % (recorder.port, PROXY_USER, PROXY_PASSWORD, recorder.port))
    desktop = {"XDG_CURRENT_DESKTOP": "GNOME", "GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config,
               "GIO_USE_PROXY_RESOLVER": "gnome"}
    api.requests.clear()
    r = run_cli(desktop)
    sent = recorder.take()
    check("GNOME's proxy settings with a sign-in: the lookup gets through",
          r.returncode == 0 and r.stdout.startswith("VALID") and len(api.requests) == 1
          and ("Proxy-Authorization: Basic %s\r\n" % PROXY_PASSWORD_BASIC).encode() in sent,
          "exit %d\n%s%s\n%r" % (r.returncode, r.stdout, r.stderr, sent[:400]))

    # 3. Check Account goes through the proxy the same way
    api.requests.clear()
    r = run_cli(signed_in, "--check-account", "--json")
    recorder.take()
    try:
        check_word = json.loads(r.stdout).get("check")
    except ValueError:
        check_word = None
    check("Check Account through the signed-in proxy reaches the service",
          len(api.requests) == 1 and check_word is not None and check_word != "failed"
          and "proxy" not in r.stdout.lower(), "exit %d %s %s" % (r.returncode, r.stdout, r.stderr))

    # 4. a wrong proxy password: the proxy's own error, naming it, with its own next step
    api.requests.clear()
    r = run_cli({"https_proxy": "http://%s:wrong@%s" % (PROXY_USER, PROXY)})
    recorder.take()
    out = r.stdout + r.stderr
    check("wrong proxy password: exit 12, the proxy named with host:port, its own next step",
          r.returncode == 12 and PROXY in out and "did not accept the sign-in" in out
          and "--proxy-user" in out and "wrong username or password" not in out.lower()
          and api.requests == [], out)
    r = run_cli({"https_proxy": "http://%s:wrong@%s" % (PROXY_USER, PROXY)}, "--check-account")
    recorder.take()
    out = r.stdout + r.stderr
    check("wrong proxy password in Check Account: the proxy's error, never NO ACCESS or REJECTED",
          r.returncode == 12 and PROXY in out and "sign-in" in out and "REJECTED" not in out
          and "NO ACCESS" not in out, out)

    # 5. no credentials at all
    r = run_cli({"https_proxy": "http://" + PROXY})
    recorder.take()
    out = r.stdout + r.stderr
    check("no proxy credentials: exit 12, says the proxy asks for a sign-in",
          r.returncode == 12 and PROXY in out and "asks for a sign-in" in out, out)

    # 6. the service's own 401 (with a Basic challenge) is never answered automatically
    api.requests.clear()
    r = run_cli(signed_in, stdin="not-the-password\n")
    recorder.take()
    check("the service's 401: exactly one request, with the given credentials, never retried",
          r.returncode == 3 and api.authorizations() == [basic(USER, "not-the-password")],
          "exit %d, requests %r\n%s" % (r.returncode, api.requests, r.stdout + r.stderr))

    # 7. NTLM: squid asking for NTLM only (any user accepted by Debian's fake helper)
    ntlm, ntlm_port, ntlm_log = start_squid(tmp, "ntlm", API_PORT, ntlm=True)
    procs.append(ntlm)
    api.requests.clear()
    r = run_cli({"https_proxy": "http://OFFICE%%5C%s:%s@127.0.0.1:%d" % (PROXY_USER, PROXY_PASSWORD_URL, ntlm_port)})
    check("NTLM: a proxy asking for NTLM is answered with the URL's credentials",
          r.returncode == 0 and len(api.requests) == 1
          and any("TCP_TUNNEL/200" in line for line in lines_of(ntlm_log)),
          "exit %d\n%s%s\n%s" % (r.returncode, r.stdout, r.stderr, "\n".join(lines_of(ntlm_log))))

    # 7b. Digest
    digest, digest_port, digest_log = start_squid(tmp, "digest", API_PORT, {PROXY_USER: "Digest-Pass-9"}, digest=True)
    procs.append(digest)
    api.requests.clear()
    r = run_cli({"https_proxy": "http://%s:Digest-Pass-9@127.0.0.1:%d" % (PROXY_USER, digest_port)})
    check("Digest: a proxy asking for Digest is answered with the URL's credentials",
          r.returncode == 0 and len(api.requests) == 1
          and any("TCP_TUNNEL/200" in line and " %s " % PROXY_USER in line for line in lines_of(digest_log)),
          "exit %d\n%s%s\n%s" % (r.returncode, r.stdout, r.stderr, "\n".join(lines_of(digest_log))))

    # 7c. Negotiate only: not answered, and said so, naming the proxy
    negotiate, negotiate_port, _ = start_squid(tmp, "negotiate", API_PORT, negotiate=True)
    procs.append(negotiate)
    api.requests.clear()
    r = run_cli({"https_proxy": "http://%s:%s@127.0.0.1:%d" % (PROXY_USER, PROXY_PASSWORD_URL, negotiate_port)})
    out = r.stdout + r.stderr
    check("Negotiate only: exit 7, the proxy named, a sign-in this app cannot give",
          r.returncode == 7 and "127.0.0.1:%d" % negotiate_port in out and "cannot give" in out
          and api.requests == [], out)

    # 8. proxies that fail: each one named, with what it did, and the profile's own server
    #    in the next step (never production's)
    cases = (
        ("not-http", "did not answer in HTTP", "2"),
        ("garbage", "no secure connection with the service could be set up through it", "10"),
        ("tls-alert", "no secure connection with the service could be set up through it", "10"),
        ("hang", "No answer through the proxy", "2"),
        ("close", "closed the connection", "10"),
    )
    for kind, words, timeout in cases:
        hostile = HostileProxy(kind)
        name = "127.0.0.1:%d" % hostile.port
        api.requests.clear()
        r = run_cli({"https_proxy": "http://" + name}, timeout=timeout)
        out = r.stdout + r.stderr
        check("a proxy that fails (%s): exit 7, the proxy %s named with what it did" % (kind, "host:port"),
              r.returncode == 7 and name in out and words in out and hostile.requests
              and hostile.requests[0].startswith(b"CONNECT %s " % SERVER.encode()) and api.requests == [], out)
        check("a proxy that fails (%s): the next step names the profile's server" % kind,
              "reach %s through the proxy" % SERVER in out and "connect.maklare.vitec.net" not in out, out)
        for conn in hostile.open:
            try:
                conn.close()
            except OSError:
                pass
        hostile.sock.close()
finally:
    stop(procs)
    if not os.environ.get("TL_KEEP"):
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print("# kept", tmp)

finish()
