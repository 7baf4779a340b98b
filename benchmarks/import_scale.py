#!/usr/bin/env python3
"""How ``campaign import``'s reading grows with its input: each shape at n and 4n, and the
ratio of their times (about 4 when it grows in step; 16 would be a quadratic step).

    python3 benchmarks/import_scale.py [--n 5000]

The shapes are those a bad input takes: one sentence of thousands of units, thousands of
numbered items, one long paragraph without an end, a plan pasted many times.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from campaign_pages.core.imports.document import Block  # noqa: E402
from campaign_pages.core.imports.importer import NothingFound, import_blocks  # noqa: E402

PLAN = (
    "一、活动内容\n（一）召开新闻发布会。10月中旬，在市新闻中心召开。"
    "（市委宣传部、市扶贫局牵头，市农业局、市民政局配合）\n"
)
SHAPES: dict[str, Callable[[int], str]] = {
    "units in one sentence": lambda n: "由市委宣传部、" * n + "牵头。",
    "numbered items": lambda n: "".join(
        f"{i % 9 + 1}、活动{i}（市委宣传部牵头）" for i in range(n)
    ),
    "one paragraph": lambda n: "开展宣传，" * n,
    "a plan pasted": lambda n: PLAN * (n // 10),
}


def _seconds(text: str) -> float:
    lines = ["2017年活动方案", *text.split("\n")]
    blocks = [Block(line, f"第{i}行") for i, line in enumerate(lines, 1) if line]
    start = time.perf_counter()
    with contextlib.suppress(NothingFound):
        import_blocks(blocks, "scale.txt", ())
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000)
    args = parser.parse_args(argv)
    print(f"{'shape':24} {'n':>8} {'4n':>8} {'ratio':>6}")
    for name, make in SHAPES.items():
        small, large = _seconds(make(args.n)), _seconds(make(4 * args.n))
        print(f"{name:24} {small:7.2f}s {large:7.2f}s {large / small:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
