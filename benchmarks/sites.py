"""The sites a benchmark compares, built and served side by side: ours (MkDocs, as
published), ours built by Zensical, and the baseline (baseline.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from scripts.core.build import build
from scripts.core.built_site import diagrams_on, site_pages
from scripts.core.serve import Server

from . import baseline
from .gzip_server import serve_gzip


@contextlib.contextmanager
def served_sites(
    tmp: Path, names: Sequence[str] = ("ours", "baseline")
) -> Iterator[dict[str, Server]]:
    """Our site, the baseline (baseline.py) and, when named, "zensical" (our site as
    Zensical builds it), each built for and served by its own gzip server;
    {name: server}, server.root the built site. A failed build raises
    scripts.core.build.BuildError."""
    with contextlib.ExitStack() as stack:
        servers = {}
        for name in names:
            root = tmp / f"{name}-site"
            root.mkdir()
            servers[name] = stack.enter_context(serve_gzip(root))
        for name, server in servers.items():
            if name == "baseline":
                baseline.build_site(tmp / "baseline-project", server.root, server.url)
            elif name == "zensical":
                build(server.root, site_url=server.url, builder="zensical")
            else:  # the repository as it is now, `mkdocs build --strict`
                build(server.root, site_url=server.url)
        yield servers


def heaviest_page(site: Path) -> str:
    """The page with the most diagrams (ties: the first in path order)."""
    pages = site_pages(site)
    return max(pages, key=lambda p: (diagrams_on(site, p), -pages.index(p)))
