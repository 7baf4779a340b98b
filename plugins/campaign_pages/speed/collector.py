"""The cyclic garbage collector, kept off what lives as long as the build.

The model is thousands of objects with no garbage cycles among them, made once and kept
until the build ends. The collector would only walk them again and again: it is paused while
they are made (:func:`paused`), and once they are made they are moved where full collections
no longer look (:func:`freeze`, undone by :func:`unfreeze`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_froze = False  # whether this module froze what gc.get_freeze_count() counts


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; the collector's state before is restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze() -> None:
    """Every object the collector tracks now is left out of later collections.

    Nothing is done if something else froze objects before: :func:`unfreeze` could not then
    give back ours without theirs.
    """
    global _froze
    if gc.get_freeze_count() == 0:
        gc.freeze()
        _froze = True


def unfreeze() -> None:
    """Collections see again what :func:`freeze` left out; nothing if it left nothing out."""
    global _froze
    if _froze:
        gc.unfreeze()
        _froze = False
