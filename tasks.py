#!/usr/bin/env python3
"""Developer tasks with nothing but Python 3.11 installed.

python3 tasks.py serve   # install into .venv, build and serve the demo site
python3 tasks.py test    # install into .venv, run ruff, mypy --strict and pytest
python3 tasks.py build   # install into .venv, mkdocs build --strict into site/
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def ensure_env() -> None:
    """Create .venv and (re)install the project when pyproject.toml changed."""
    if not (BIN / "python").exists():
        print("creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / ".installed"
    if not stamp.exists() or stamp.read_text() != wanted:
        print("installing dependencies into .venv …", flush=True)
        pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
        stamp.write_text(wanted)


def run(*args: str) -> int:
    print("$", " ".join(args), flush=True)
    return subprocess.run(args, cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    if task not in ("serve", "test", "build"):
        print(__doc__)
        return 2
    ensure_env()
    if task == "serve":  # not --strict: a file with errors keeps its last good pages and
        # every page shows the problems (docs/guide/preview.md); the build stays strict
        return run(str(BIN / "mkdocs"), "serve", *argv[1:])
    if task == "build":
        return run(str(BIN / "mkdocs"), "build", "--strict", *argv[1:])
    for step in (
        (str(BIN / "ruff"), "check", "."),
        (str(BIN / "ruff"), "format", "--check", "."),
        (str(BIN / "mypy"),),
        (str(BIN / "pytest"), *argv[1:]),
    ):
        code = run(*step)
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
