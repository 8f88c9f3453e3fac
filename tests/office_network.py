"""An office network on loopback, for the proxy tests: a throw-away certificate authority and
a service certificate made with openssl, tinyproxy from Debian as the office proxy, a byte
recorder in front of it, and the children's lifetime tied to the test's.

Shared by test_proxy.py, test_office_proxy.py and test_office_tls.py.
"""

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

HOST = "connect.office.test"
SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"

libc = ctypes.CDLL(None, use_errno=True)
PR_SET_PDEATHSIG = 1


def die_with_parent():
    """In a child before exec: SIGKILL when this script ends, however it ends (a test timeout
    kills the script, and its servers must not outlive it)."""
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


# --- TAP ---------------------------------------------------------------------------------

results = []


def check(name, ok, detail=""):
    """One TAP line; DETAIL under it when it failed (always with TL_SHOW set)."""
    if os.environ.get("TL_SHOW"):
        print("#", name, "::", str(detail).replace("\n", "\n#   "))
    results.append(ok)
    print(("ok" if ok else "not ok"), len(results), "-", name)
    if not ok and detail:
        for line in str(detail).splitlines():
            print("#", line)
    sys.stdout.flush()


def skip_all(reason):
    print("1..0 # SKIP %s" % reason)
    sys.exit(0)


def finish():
    print("1..%d" % len(results))
    sys.exit(0 if all(results) else 1)


# --- a private network namespace ----------------------------------------------------------

def enter_private_network(script, args, needs=("bwrap", "openssl"), need_squid=True, interface=False):
    """Runs SCRIPT again with ARGS in a network namespace of its own (unshare --net, as root)
    with loopback up, and exits with its status; returns at once when already inside one.
    Skips the whole script, with the reason, where that cannot be done. With INTERFACE, one
    more interface with an IPv4 address (a veth pair, TEST-NET-1, routing nowhere): names are
    looked up with AI_ADDRCONFIG, which finds no IPv4 address in /etc/hosts on a machine whose
    only interface is loopback."""
    if os.environ.get("TL_OFFICE_NETNS") == "1":
        return
    for tool in (*needs, "unshare", "ip"):
        if shutil.which(tool) is None:
            skip_all("%s is not installed" % tool)
    if need_squid and not os.path.exists("/usr/sbin/squid"):
        skip_all("squid is not installed (build-aux/install-deps installs it)")
    if os.getuid() != 0:
        skip_all("a private network namespace needs root here (unshare --net); run as root")
    up = "ip link set lo up"
    if interface:
        up += (" && ip link add tl-a type veth peer name tl-b && ip addr add 192.0.2.1/24 dev tl-a"
               " && ip link set tl-a up && ip link set tl-b up")
    probe = subprocess.run(["unshare", "--net", "sh", "-c", up], capture_output=True, text=True)
    if probe.returncode != 0:
        skip_all("cannot make a private network namespace here (unshare --net: %s)" % probe.stderr.strip())
    # the script again, inside; it dies with this one, and its children die with it
    inner = subprocess.run(["unshare", "--net", "sh", "-c", up + ' && exec "$@"', "sh",
                            sys.executable, os.path.abspath(script), *args],
                           env=dict(os.environ, TL_OFFICE_NETNS="1"), preexec_fn=die_with_parent)
    sys.exit(inner.returncode)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port):
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_pki(d):
    """ca.pem (the office root), server.pem/server.key for HOST signed by it, bundle.pem (the
    system's trust store with the office root added) and a hosts file naming HOST."""
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
    """tinyproxy on a free port, allowing CONNECT to @api_port only; @extra is more of its
    configuration (e.g. "BasicAuth user password\\n"). Returns (process, port, log file)."""
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
    wait_for_port(port)
    return proc, port, log


def clean_environment(extra):
    """This process's environment without any proxy setting, plus @extra."""
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("https_proxy", "http_proxy", "all_proxy", "no_proxy")}
    env.update(extra)
    return env


def run_in_office(d, cmd, env_extra, with_root=True, stdin="", timeout=60):
    """Runs @cmd under bwrap, where /etc/hosts names the service and (with @with_root) the
    system trust store holds the office root."""
    wrapped = ["bwrap", "--dev-bind", "/", "/", "--die-with-parent",
               "--ro-bind", os.path.join(d, "hosts"), "/etc/hosts"]
    if with_root:
        wrapped += ["--ro-bind", os.path.join(d, "bundle.pem"), SYSTEM_BUNDLE]
    return subprocess.run(wrapped + cmd, input=stdin, capture_output=True, text=True,
                          env=clean_environment(env_extra), timeout=timeout,
                          preexec_fn=die_with_parent)


def stop(procs):
    for p in procs:
        p.terminate()
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()


def start_squid(d, name, api_port, users=None, ntlm=False, digest=False, negotiate=False):
    """squid on a free port, allowing CONNECT to @api_port only, asking for a sign-in: Basic
    against an htpasswd file made here from @users ({name: password}), Digest (@digest) against
    a password file made from @users, NTLM (any user, with Debian's ntlm_fake_auth helper), or
    Negotiate only (@negotiate: Kerberos, which nothing here can give). Runs in a PID namespace of its own, as tinyproxy does.
    Returns (process, port, access log), or None when squid is not installed."""
    if not os.path.exists("/usr/sbin/squid"):
        return None
    port = free_port()
    run = os.path.join(d, name)
    os.makedirs(run, exist_ok=True)
    os.chmod(run, 0o777)
    access = os.path.join(run, "access.log")
    if negotiate:
        auth = ("auth_param negotiate program /usr/lib/squid/negotiate_kerberos_auth\n"
                "auth_param negotiate children 1\n")
    elif ntlm:
        auth = ("auth_param ntlm program /usr/lib/squid/ntlm_fake_auth\n"
                "auth_param ntlm children 2\n")
    elif digest:
        passwd = os.path.join(run, "digest")
        with open(passwd, "w") as f:
            for user, password in (users or {}).items():
                f.write("%s:%s\n" % (user, password))
        os.chmod(passwd, 0o644)
        auth = ("auth_param digest program /usr/lib/squid/digest_file_auth %s\n"
                "auth_param digest children 2\nauth_param digest realm Office proxy\n" % passwd)
    else:
        passwd = os.path.join(run, "passwd")
        with open(passwd, "w") as f:
            for user, password in (users or {}).items():
                crypted = subprocess.run(["openssl", "passwd", "-apr1", password], check=True,
                                         capture_output=True, text=True).stdout.strip()
                f.write("%s:%s\n" % (user, crypted))
        os.chmod(passwd, 0o644)
        auth = ("auth_param basic program /usr/lib/squid/basic_ncsa_auth %s\n"
                "auth_param basic children 2\nauth_param basic realm Office proxy\n" % passwd)
    with open(os.path.join(run, "squid.conf"), "w") as f:
        f.write(auth)
        f.write("http_port 127.0.0.1:%d\n"
                "acl service_port port %d\n"
                "acl signed_in proxy_auth REQUIRED\n"
                "http_access deny !service_port\n"
                "http_access allow signed_in\n"
                "http_access deny all\n"
                "access_log stdio:%s squid\n"
                "cache_log %s/cache.log\n"
                "cache_store_log none\n"
                "pid_filename %s/squid.pid\n"
                "coredump_dir %s\n"
                "cache deny all\n"
                "shutdown_lifetime 0 seconds\n"
                "pinger_enable off\n" % (port, api_port, access, run, run, run))
        if os.getuid() == 0:
            f.write("cache_effective_user nobody\ncache_effective_group nogroup\n")
    open(access, "w").close()
    os.chmod(access, 0o666)
    proc = subprocess.Popen(["bwrap", "--dev-bind", "/", "/", "--unshare-pid", "--die-with-parent",
                             "--ro-bind", os.path.join(d, "hosts"), "/etc/hosts",
                             "/usr/sbin/squid", "-N", "-f", os.path.join(run, "squid.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            preexec_fn=die_with_parent)
    wait_for_port(port)
    return proc, port, access
