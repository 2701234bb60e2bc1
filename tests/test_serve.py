"""`make serve` on a busy port: a clear message and a way out, not a traceback."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

from scripts import serve_site

ROOT = Path(__file__).resolve().parent.parent


def test_a_busy_port_is_named_with_the_way_out() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_free_port_is_free() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert not serve_site.port_taken(port)
