"""A real HTTP server on 127.0.0.1 serving the fixtures of each source type.

Routes map a path to a handler ``(query, request) -> Reply``. A handler may also
ask for misbehaviour: a reset connection, a slow answer, an endless body.
"""

import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False
    endless: bool = False  # stream bytes until the client stops reading

    @classmethod
    def json(cls, value: Any, status: int = 200) -> "Reply":
        return cls(status, json.dumps(value, ensure_ascii=False).encode())


Handler = Callable[[dict[str, str], "Request"], Reply]


class Request(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.requests.append(self.path)
        handler = site.routes.get(parts.path)
        reply = handler(query, self) if handler else Reply(404, b"{}")
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        if reply.reset:
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
            )
            self.connection.close()
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.endless:
            self.send_header("Connection", "close")
            self.end_headers()
            self._stream()
            return
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def _stream(self) -> None:
        chunk = b"[" + b"0," * 32768
        try:
            for _ in range(200_000):  # ~13 GB if nobody stops reading
                self.wfile.write(chunk)
        except OSError:
            pass
        self.close_connection = True


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Request)
        self.server.daemon_threads = True
        self.server.site = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "Site":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
