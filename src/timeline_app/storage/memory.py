"""How the app keeps a million events without stalls: the one place that steers the garbage
collector and the interpreter's thread switching.

Python's cyclic collector scans every container it tracks. A loaded file lives as long as it
is open, so scanning it again and again only costs: what a load made is frozen (``gc.freeze``)
and never scanned, and parsing runs with the collector off, as fresh dicts by the million
would trigger it over and over. While a worker thread parses, the GUI thread waits for the
interpreter at most a millisecond, so frames keep coming.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FREEZE_FROM_EVENTS = 50_000  # an index this large costs a collection tens of milliseconds to scan
# While a worker parses, the GUI thread waits this long at most for the interpreter: short
# enough that frames keep coming (the default 5 ms would halve the frame rate).
SHARED_SWITCH_INTERVAL = 0.001
_DEFAULT_SWITCH_INTERVAL = sys.getswitchinterval()
_running_workers = 0
_running_lock = threading.Lock()


@contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Parse without the collector: a million fresh dicts would trigger it again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_what_was_loaded() -> None:
    """What was just loaded lives as long as the file is open: the collector need never scan it."""
    gc.freeze()


def replace_what_was_loaded() -> None:
    """A file read on this thread replaces the one before: thaw and collect that one, freeze this.

    Without the thaw, closed windows and old files would stay frozen, and leak.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def keep_out_of_collections(event_count: int) -> None:
    """After building a large index on the GUI thread, spare later collections from scanning it.

    The index of a million events holds lists of millions of references; any collection that
    reaches them stalls a frame for 0.2 s. A background load freezes what it built on its
    worker; an index rebuilt here (a filter, the lanes) is frozen the same way, once the
    garbage made so far is collected, so that no garbage is frozen with it.
    """
    if event_count >= FREEZE_FROM_EVENTS:
        gc.collect()
        gc.freeze()


@contextmanager
def updating_out_of_collections(event_count: int) -> Iterator[None]:
    """Update a large index after an edit without the collector, then keep what was made from it.

    The update copies lists of up to a million references; each collection that meets them
    scans every reference, and one did stall an edit for 0.4 s. What the update made is frozen
    (without a full collection, which would take longer still), as a load's result is.
    """
    with garbage_collection_paused():
        yield
        if event_count >= FREEZE_FROM_EVENTS:
            gc.freeze()


def worker_started() -> None:
    """A worker thread begins to parse: the GUI thread is to get the interpreter every millisecond."""
    global _running_workers
    with _running_lock:
        _running_workers += 1
        sys.setswitchinterval(SHARED_SWITCH_INTERVAL)


def worker_ended() -> None:
    """A worker thread is done (whichever way): the last one gives the interpreter its usual switching."""
    global _running_workers
    with _running_lock:
        _running_workers -= 1
        if _running_workers == 0:
            sys.setswitchinterval(_DEFAULT_SWITCH_INTERVAL)
