"""Real HTTP servers on 127.0.0.1 for the outbound guard and the link check."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CSV = b"departamento,total\n" + b"Guatemala,10\n" * 2000


# Fixed answers by path: status, headers, body.
FIXED: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/portal/": (200, {"Content-Type": "text/html"}, b"<h1>Portal</h1>"),
    "/no-head.csv": (405, {}, b""),  # HEAD refused; GET answers
    "/loop": (302, {"Location": "/loop"}, b""),
    "/to-private": (302, {"Location": "http://10.1.2.3/secret"}, b""),
    "/to-ok": (301, {"Location": "/ok.csv"}, b""),
    "/busy": (429, {"Retry-After": "120"}, b""),
    "/error": (503, {}, b""),
}
NOT_FOUND = (404, {"Content-Type": "text/plain"}, b"not found")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: dict[str, int] = {}

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _ok_csv(self) -> None:
        wanted = self.headers.get("Range", "")
        if wanted.startswith("bytes=0-"):
            end = min(int(wanted.split("-")[1]), len(CSV) - 1)
            self._send(
                206,
                {
                    "Content-Type": "text/csv",
                    "Content-Range": f"bytes 0-{end}/{len(CSV)}",
                },
                CSV[: end + 1],
            )
        else:
            self._send(200, {"Content-Type": "text/csv"}, CSV)

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(10 * 1024**3))
        self.end_headers()
        if self.command == "HEAD":
            return
        chunk = b"x" * 65536
        try:
            for _ in range(200_000):
                self.wfile.write(chunk)
        except OSError:
            pass

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        path = self.path.split("?")[0]
        if path == "/ok.csv" or (path == "/no-head.csv" and self.command == "GET"):
            self._ok_csv()
        elif path == "/huge":
            self._huge()
        else:
            self._send(*FIXED.get(path, NOT_FOUND))


@contextmanager
def http_server() -> Iterator[str]:
    """A threaded HTTP server; yields its base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def silent_server() -> Iterator[str]:
    """A host that accepts connections (the kernel does) and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()
