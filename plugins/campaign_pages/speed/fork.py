"""Work done in a forked copy of this process, on machines with a core to spare.

MkDocs builds on one core. Where this plugin's work does not depend on MkDocs (reading the
news posts, rendering the generated pages), a forked copy of the process can do part of it
meanwhile: :class:`Forked` runs a function there and gives back what it returned or raised.
A fork is used where it is safe and pays (:func:`can_fork`): Linux (macOS's ``fork`` is
unsafe with its system libraries, Windows has none), no other thread running (a fork copies
only the calling thread, so ``mkdocs serve``'s threads rule it out), and a core for the
forked process (:func:`spare_core`; on one core a fork gives the same result, only later).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import IO, Any, Generic, NoReturn, TypeVar

from campaign_pages.speed import collector

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 256  # below this, forking costs more than the half it saves


def can_fork() -> bool:
    """True where a forked process is safe and has a core of its own."""
    return sys.platform.startswith("linux") and threading.active_count() == 1 and spare_core()


def spare_core() -> bool:
    """True if this process may run on two cores or more."""
    return len(os.sched_getaffinity(0)) > 1


class ForkFailed(RuntimeError):
    """The forked process ended without giving back a result or an exception."""


class Forked(Generic[R]):
    """``work()`` running in a forked copy of this process, from the moment this is made.

    The forked process pickles what ``work`` returns, or the exception it raises, into an
    unnamed temporary file and ends, without waiting to be asked (its memory is given back
    at once). The objects in ``shared``, which exist in both processes, come back as
    themselves rather than as copies, so a result may point into data made before the fork.
    """

    def __init__(self, work: Callable[[], R], shared: Sequence[object] = ()) -> None:
        self.shared = list(shared)
        self.answer = tempfile.TemporaryFile()  # noqa: SIM115  # closed by result() or stop()
        self.status: int | None = None  # exit code (minus the signal if killed), once ended
        self.outcome: tuple[bool, Any] | None = None  # (returned, value or exception)
        self.pid = os.fork()
        if self.pid == 0:
            _child(work, self.answer, {id(o): i for i, o in enumerate(self.shared)})

    def result(self) -> R:
        """Wait for the forked process, and return what ``work`` returned or raise what it
        raised (the forked traceback in a note); :class:`ForkFailed` if it gave neither."""
        if self.outcome is None:
            self.outcome = self._read()
        returned, value = self.outcome
        if not returned:
            raise value
        result: R = value
        return result

    def _read(self) -> tuple[bool, Any]:
        with self.answer:
            code = self._wait()
            if code != 0:
                how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
                return False, ForkFailed(f"the forked process {self.pid} {how}, with no answer")
            self.answer.seek(0)
            outcome: tuple[bool, Any] = _Unpickler(self.answer, self.shared).load()
            return outcome

    def stop(self) -> None:
        """Kill the forked process if it still runs: its result is not wanted."""
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            self._wait()
        self.answer.close()

    def _wait(self) -> int:
        if self.status is None:
            _, status = os.waitpid(self.pid, 0)
            self.status = os.waitstatus_to_exitcode(status)
        return self.status


def in_two_processes(
    items: Sequence[T],
    work: Callable[[Sequence[T]], R],
    shared: Sequence[object] = (),
    min_items: int = MIN_ITEMS,
) -> list[R]:
    """``work`` over the first half of ``items`` here and the second half in a forked process.

    Returns the two results in that order, or ``[work(items)]`` for fewer than ``min_items``.
    Whether forking is safe here is the caller's to decide (see :func:`can_fork`): a test
    may fork on one core or while another thread runs, a build should not. ``shared`` is as
    for :class:`Forked`. If the forked half fails for any reason, it is done again here: a
    bug then raises here, with its usual traceback.
    """
    if len(items) < min_items:
        return [work(items)]
    half = len(items) // 2
    forked = Forked(lambda: work(items[half:]), shared)
    try:
        mine = work(items[:half])
    except BaseException:
        forked.stop()
        raise
    try:
        theirs = forked.result()
    except Exception:
        theirs = work(items[half:])
    return [mine, theirs]


def _child(work: Callable[[], object], answer: IO[bytes], ids: dict[int, int]) -> NoReturn:
    """Do the work, write what came of it, and leave without the parent's exit handlers
    (code 0: the answer is complete)."""
    code = 1
    try:
        collector.freeze()  # the collector leaves the parent's objects alone: fewer pages copied
        try:
            outcome: tuple[bool, object] = (True, work())
        except Exception as exc:
            exc.add_note(f"in the forked process {os.getpid()}:\n{traceback.format_exc()}")
            outcome = (False, exc)
        _Pickler(answer, ids).dump(outcome)
        answer.flush()
        code = 0
    except BaseException:  # no answer (say, a result that cannot be pickled): say why here
        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(code)


class _Pickler(pickle.Pickler):
    def __init__(self, file: IO[bytes], ids: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.ids = ids

    def persistent_id(self, obj: Any) -> int | None:
        return self.ids.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: IO[bytes], objects: list[object]) -> None:
        super().__init__(file)
        self.objects = objects

    def persistent_load(self, pid: Any) -> object:
        return self.objects[pid]
