"""A tiny OAuth2 server on loopback: a token endpoint and a token introspection endpoint.

`POST /token` answers the refresh_token grant (RFC 6749 §6) with a new access token, or
400 invalid_grant while `failing` is set. `POST /introspect` (RFC 7662, as Dovecot's oauth2
passdb calls it) says whether a token is active and whose it is. Tests revoke tokens and
read the requests received.
"""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class TokenServer:
    def __init__(self, refresh_token="refresh-1", client_id="mailrouter-test",
                 client_secret="client-secret", username="conduct@example.org", rotate=False):
        self.refresh_token, self.client_id, self.client_secret = refresh_token, client_id, client_secret
        self.username, self.rotate = username, rotate
        self.active = set()
        self.issued = []
        self.token_requests = []
        self.failing = False
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def revoke_all(self):
        with self.lock:
            self.active.clear()

    def refused(self):
        return [r for r in self.token_requests if r["answer"] != 200]

    def _token(self, form):
        with self.lock:
            record = dict(form)
            self.token_requests.append(record)
            good = (form.get("grant_type") == "refresh_token" and form.get("refresh_token") == self.refresh_token
                    and form.get("client_id") == self.client_id
                    and form.get("client_secret") == self.client_secret)
            if self.failing or not good:
                record["answer"] = 400
                return 400, {"error": "invalid_grant", "error_description": "refused by the test"}
            token = f"access-{len(self.issued) + 1}"
            self.issued.append(token)
            self.active.add(token)
            record["answer"] = 200
            answer = {"access_token": token, "token_type": "Bearer", "expires_in": 3600}
            if self.rotate:
                self.refresh_token = f"refresh-{len(self.issued) + 1}"
                answer["refresh_token"] = self.refresh_token
            return 200, answer

    def _introspect(self, form):
        with self.lock:
            active = form.get("token") in self.active
        return 200, ({"active": True, "username": self.username} if active else {"active": False})

    def _handler(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                route = {"/token": owner._token, "/introspect": owner._introspect}.get(self.path)
                status, answer = route(form) if route else (404, {"error": "not_found"})
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler
