"""How the benchmark and the browser tests launch Chromium: Debian's, headless, never downloaded.

A module of its own so that ``benchmarks/run.py`` and ``tests/browser/conftest.py`` start the
browser the same way; both load this file by its path (``benchmarks`` is not a package).
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
