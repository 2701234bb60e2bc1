"""Serve a folder (a built site) on 127.0.0.1, at a port known before anything is built
into it: a site's sitemap must name the address it is served from."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    """A static file server on 127.0.0.1 whose port is known before anything is built
    into its folder (the site's sitemap must name the address it is served from)."""

    daemon_threads = True

    def __init__(self, root: Path, handler: type = QuietHandler) -> None:
        self.root = root
        super().__init__(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"


@contextlib.contextmanager
def serve(root: Path, handler: type = QuietHandler) -> Iterator[Server]:
    """Serve root on 127.0.0.1 while the block runs (handler: a SimpleHTTPRequestHandler
    subclass, such as the benchmarks' gzip one)."""
    server = Server(root, handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
