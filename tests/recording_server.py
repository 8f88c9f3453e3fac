"""A loopback stand-in for the order-token endpoint that records every request it receives
(path, customer ID, token, Authorization), so a test asserts on what reached the server, not
on what a program printed. Shared by the GUI, search-provider and proxy tests.

RecordingServer(password, username="demo", answer=None, tls=None, challenge=None):
  answer(request) -> (status, body): how to answer a request whose credentials are right
    (default: a valid ticket for the customer); wrong credentials always get 401.
  tls: (certificate file, key file) to serve HTTPS instead of HTTP.
  challenge: a WWW-Authenticate value sent with every 401 (default: none).
"""
import base64
import http.server
import json
import ssl
import threading


def basic(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def ticket(customer, **changes):
    """The documented OrderTicket, valid, for @customer; keyword arguments replace members."""
    t = {"orderId": "ORD-2026-118305", "userId": "anna.lindqvist", "orderUserId": "erik.sjoberg",
         "targetId": "OBJ11385_1395932274", "targetType": "HousingCooperative", "tenantId": "T1",
         "chainId": "G1", "customerId": customer, "hasExpired": False}
    t.update(changes)
    return t


class RecordingServer:
    def __init__(self, password, username="demo", answer=None, tls=None, challenge=None):
        self.requests = []
        expected = basic(username, password)
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                try:
                    token = json.loads(body).get("data")
                except (ValueError, AttributeError):
                    token = None
                request = {"path": self.path, "customer": self.path.rsplit("/", 1)[-1], "token": token,
                           "authorization": self.headers.get("Authorization"), "body": body}
                outer.requests.append(request)
                if request["authorization"] != expected:
                    status, data = 401, {"message": "Authorization has been denied for this request."}
                elif answer is not None:
                    status, data = answer(request)
                else:
                    status, data = 200, ticket(request["customer"])
                data = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                if status == 401 and challenge is not None:
                    self.send_header("WWW-Authenticate", challenge)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.port = self.server.server_address[1]
        self.base = f"{scheme}://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def authorizations(self):
        return [r["authorization"] for r in self.requests]

    def tokens(self):
        return [r["token"] for r in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
