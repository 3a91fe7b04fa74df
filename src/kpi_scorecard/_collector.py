"""Pausing Python's cyclic garbage collector while the library builds many objects.

Loading a large CSV file or rating every measure of a large scorecard makes millions of
small objects and no reference cycles, so the cycle collector finds nothing to free; yet
it runs every few hundred allocations and, once the scorecard is large, walks all of it
again and again (a third of the time and more, at a million observations). The work is
paused, as :mod:`timeit` pauses it, and resumed afterwards; objects are still freed by
reference counting as usual. The pause is process-wide, so overlapping pauses from
several threads are counted and the collector resumes when the last one ends, and only if
it was running when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _depth, _resume  # noqa: PLW0603 - one pause count for the whole process
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
