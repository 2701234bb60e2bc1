#!/usr/bin/env python3
"""`make serve`: MkDocs' live-reloading server on 127.0.0.1, with a clear word
when the port is taken.

    python -m scripts.serve_site              # http://127.0.0.1:8000/
    python -m scripts.serve_site --port 8001  # what `make serve PORT=8001` runs

MkDocs meets a busy port with a Python traceback; this looks first and says which
port is busy and how to pick another, then hands over to `mkdocs serve`.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def port_taken(port: int, host: str = HOST) -> bool:
    """True when something already listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return True
            raise
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (8000)")
    args = parser.parse_args(argv)
    if port_taken(args.port):
        print(
            f"make serve: port {args.port} on {HOST} is already in use (another"
            f" `make serve`?). Stop it, or pick another port: make serve PORT={args.port + 1}",
            file=sys.stderr,
        )
        return 2
    address = f"{HOST}:{args.port}"
    os.chdir(ROOT)
    os.environ.update(SITE_URL=f"http://{address}/", NO_MKDOCS_2_WARNING="1")
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address])


if __name__ == "__main__":
    raise SystemExit(main())
