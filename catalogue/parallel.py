"""Independent pieces of work on every core, when that is safe; one after another otherwise.

Page generation (per language) and validation (per product folder) are pure Python and hold the
GIL, so threads would not help; they run in forked worker processes. Fork, not spawn: a forked
worker starts in milliseconds with the catalogue already in memory, and only its result travels
back (pickled). Fork is used only when this process has a single thread — fork copies just the
calling thread, and a lock another thread held (the dev server's, a thread pool's) would stay
locked in the child — and when the machine has more than one core. Results are the same either
way, in the same order: the functions are pure, and the tests run both paths.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")

# The calls of the current run_all, read by forked workers (only an index is sent to them, so
# the calls and their arguments, e.g. a whole catalogue, are never pickled).
_CALLS: Sequence[Callable[[], object]] = ()


def _run(index: int):
    return _CALLS[index]()


def can_fork() -> bool:
    return ((os.cpu_count() or 1) > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods()
            and os.environ.get("OPOP_SERIAL") != "1")


def run_all(calls: Sequence[Callable[[], T]]) -> list[T]:
    """[call() for call in calls]: the first in this process, the others in forked workers
    when can_fork(). An exception in any call is raised here."""
    global _CALLS
    if len(calls) < 2 or not can_fork():
        return [call() for call in calls]
    _CALLS = calls
    try:
        with ProcessPoolExecutor(max_workers=len(calls) - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run, i) for i in range(1, len(calls))]
            first = calls[0]()
            return [first, *(f.result() for f in futures)]
    finally:
        _CALLS = ()


def chunks(items: Sequence[T], n: int) -> list[Sequence[T]]:
    """`items` cut into at most n consecutive, nearly equal runs (order kept)."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (i < extra)
        out.append(items[start:end])
        start = end
    return out
