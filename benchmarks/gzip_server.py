"""A static server that compresses like GitHub Pages, for the sites the benchmarks
compare (scripts.core.serve serves them; this is its request handler)."""

from __future__ import annotations

import email.utils
import gzip
import http.server
import io
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

from scripts.core.serve import QuietHandler, serve

COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/manifest+json",
    "image/svg+xml",
)


class GzipHandler(QuietHandler):
    """Static files as GitHub Pages serves them: HTTP/1.1 keep-alive, text types gzip
    compressed when the client accepts it, `Cache-Control: max-age=600`, the site's
    404.html for a missing path, a slash added to a folder's address by redirect."""

    protocol_version = "HTTP/1.1"
    extensions_map = {  # noqa: RUF012 (class attribute the base class reads)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html",
        ".css": "text/css",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".map": "application/json",
        ".xml": "application/xml",
        ".svg": "image/svg+xml",
        ".txt": "text/plain",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
        ".gz": "application/gzip",
    }
    _cache: dict = {}  # noqa: RUF012  ((path, mtime, gzip) -> bytes), shared by requests
    _lock = threading.Lock()

    def _body(self, path: str, compress: bool) -> bytes:
        key = (path, os.stat(path).st_mtime_ns, compress)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        data = Path(path).read_bytes()
        if compress:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        with self._lock:
            self._cache[key] = data
        return data

    def send_head(self):
        url = urlsplit(self.path)
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url.path.endswith("/"):
                self.send_response(301)
                location = url.path + "/" + (f"?{url.query}" if url.query else "")
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.join(path, "index.html")
        status = 200
        if not os.path.isfile(path):
            status = 404
            path = os.path.join(self.directory, "404.html")
            if not os.path.isfile(path):
                self.send_error(404)
                return None
        ctype = self.guess_type(path)
        accepts = self.headers.get("Accept-Encoding", "").lower()
        compress = "gzip" in accepts and ctype.startswith(COMPRESSIBLE)
        body = self._body(path, compress)
        self.send_response(status)
        text = ctype.startswith("text/") or ctype in ("application/javascript", "application/json")
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if text else ctype)
        self.send_header("Content-Length", str(len(body)))
        mtime = os.stat(path).st_mtime
        self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


def serve_gzip(root: Path):
    """scripts.core.serve.serve with the gzip handler: a server whose address is known
    before anything is built into its folder, since a site's sitemap must name it."""
    return serve(root, handler=GzipHandler)
