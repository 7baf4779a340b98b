"""Work shared with a forked process, on machines with a core to spare.

MkDocs builds on one core. Where this plugin's work does not depend on MkDocs (reading the
news posts, rendering the generated pages), a forked copy of the process can do part of it
meanwhile. Forking is used only where it is safe and pays: Linux (macOS's ``fork`` is unsafe
with its system libraries, Windows has none), two or more cores, and no other thread running
(a fork copies only the calling thread, so ``mkdocs serve``'s threads rule it out).
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 256  # below this, forking costs more than the half it saves


def can_fork() -> bool:
    """True where a forked process is safe and has a core of its own."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return sys.platform.startswith("linux") and threading.active_count() == 1 and (cores or 1) > 1


def in_two_processes(
    items: Sequence[T],
    work: Callable[[Sequence[T]], R],
    shared: Iterable[object] = (),
    min_items: int = MIN_ITEMS,
) -> list[R]:
    """``work`` over the first half of ``items`` here and the second half in a forked process.

    Returns the two results in that order, or ``[work(items)]`` for fewer than ``min_items``.
    Whether forking is safe here is the caller's to decide (see :func:`can_fork`): a test
    may fork while another thread runs, a build should not. The forked half comes back
    pickled; the objects in ``shared``, which exist in both processes, come back as themselves
    rather than as copies, so results may point into a model built before the fork. If the
    forked half fails for any reason, it is done again here: a bug then raises here, with its
    usual traceback.
    """
    if len(items) < min_items:
        return [work(items)]
    half = len(items) // 2
    objects = list(shared)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the forked process: it never returns from _child
        os.close(read_end)
        _child(lambda: work(items[half:]), write_end, {id(o): i for i, o in enumerate(objects)})
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            mine = work(items[:half])
            data = pipe.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _, status = os.waitpid(pid, 0)
    theirs = _Unpickler(data, objects).load() if status == 0 else work(items[half:])
    return [mine, theirs]


def _child(work: Callable[[], object], write_end: int, ids: dict[int, int]) -> None:
    """Do the work, send the result, and leave without running the parent's exit handlers."""
    code = 1
    try:
        gc.freeze()  # the collector leaves the parent's objects alone: fewer pages copied
        with os.fdopen(write_end, "wb") as pipe:
            _Pickler(pipe, ids).dump(work())
        code = 0
    finally:
        os._exit(code)


class _Pickler(pickle.Pickler):
    def __init__(self, file: IO[bytes], ids: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.ids = ids

    def persistent_id(self, obj: Any) -> int | None:
        return self.ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, objects: list[object]) -> None:
        super().__init__(io.BytesIO(data))
        self.objects = objects

    def persistent_load(self, pid: Any) -> object:
        return self.objects[pid]
