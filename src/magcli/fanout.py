"""Work on many items at once, in parts: the first part in this process, each other part
in a forked copy of it (one per processor magcli may use, at most MAX_PARTS), and the
results in the items' own order, as one process working through them would give them.

Reading a folder of label files is such work: every file stands alone, and reading one
(parsing its JSON) keeps a processor busy. The parts are used only where that is safe
and worth it: os.fork exists, this process runs no other thread (a fork copies only the
thread that calls it, and any lock another one held), more than one processor is
magcli's, and there are at least MIN_PER_PART items a part. Otherwise the items are
worked here, one after another, with the same results.

A part's process writes nothing to stdout or stderr and never runs the exit handlers
of this one (it ends with os._exit). The signals that end magcli end it at once and
silently (their default action); it ends too when this process is gone (its parent
changes) or stops reading. This process waits for each part it started, and kills
those it no longer needs.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from magcli import ending, stream

T = TypeVar("T")
R = TypeVar("R")

MAX_PARTS = 8
MIN_PER_PART = 128  # fewer items a part are over before a fork has paid for itself


def processors() -> int:
    """The processors this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        try:
            return len(affinity(0))
        except OSError:  # pragma: no cover - a system that will not say
            pass
    return os.cpu_count() or 1


def parts_for(count: int) -> int:
    """How many parts `count` items are worked in."""
    wanted = min(processors(), MAX_PARTS, count // MIN_PER_PART)
    if wanted < 2 or not hasattr(os, "fork"):
        return 1
    import threading

    return wanted if threading.active_count() == 1 else 1


def in_parts(
    items: Sequence[T],
    work: Callable[[T], R],
    last: Callable[[R], bool] = lambda result: False,
    progress: Callable[[int], None] | None = None,
) -> Iterator[R]:
    """`work(item)` of every item, in order; after a result that is `last`, none of the
    items after it are worked or given. `progress` is told how many items are done. The
    results of other parts come back pickled: `work` must return what pickle can carry.
    An exception `work` raises in another part is raised here as a RuntimeError."""
    count = parts_for(len(items))
    bounds = [len(items) * part // count for part in range(count + 1)]
    others = [_start(items[bounds[n] : bounds[n + 1]], work, last) for n in range(1, count)]
    done = [0] * count

    def tell(finished: int = 0) -> None:
        done[0] += finished
        for index, part in enumerate(others, start=1):
            done[index] += part.ticks()
        if progress is not None:
            progress(sum(done))

    try:
        for item in items[bounds[0] : bounds[1]]:
            result = work(item)
            tell(1)
            yield result
            if last(result):
                return
        for part in others:
            for result in part.results(tell):
                yield result
                if last(result):
                    return
    finally:
        for part in others:
            part.end()


class _Part:
    """A part's process, seen from this one: its pid, the pipe its results come on and
    the one it ticks on for each item done."""

    def __init__(self, pid: int, results: int, ticks: int) -> None:
        self.pid, self.results_fd, self.ticks_fd = pid, results, ticks
        self.ended = False

    def ticks(self) -> int:
        """The items it has done since last asked (a byte each), without waiting."""
        if self.ticks_fd < 0:
            return 0
        try:
            return len(os.read(self.ticks_fd, 1 << 16))
        except BlockingIOError:
            return 0

    def results(self, tell: Callable[[int], None]) -> list[Any]:
        """Its results, once it has sent them all; the ticks of every part are counted
        meanwhile."""
        import pickle
        import select

        chunks = []
        while True:
            ready, _, _ = select.select([self.results_fd], [], [], 0.1)
            tell(0)
            if not ready:
                continue
            chunk = os.read(self.results_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        self._reap()
        try:
            kind, payload = pickle.loads(b"".join(chunks))
        except Exception:  # it ended before it said anything: killed, or out of memory
            raise RuntimeError("a part of the work ended without its results") from None
        if kind != "results":
            raise RuntimeError(f"a part of the work failed: {payload}")
        results: list[Any] = payload
        return results

    def _reap(self) -> None:
        if not self.ended:
            self.ended = True
            os.waitpid(self.pid, 0)

    def end(self) -> None:
        """Kill it if it still runs, wait for it, and close its pipes."""
        if not self.ended:
            ending.quietly(os.kill, self.pid, signal.SIGKILL)
            self._reap()
        for descriptor in (self.results_fd, self.ticks_fd):
            ending.quietly(os.close, descriptor)
        self.results_fd = self.ticks_fd = -1


def _start(items: Sequence[T], work: Callable[[T], R], last: Callable[[R], bool]) -> _Part:
    results_read, results_write = os.pipe()
    ticks_read, ticks_write = os.pipe()
    parent = os.getpid()
    stream.hold()  # no ending signal between the fork and the part's own handling of it
    try:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the part's process (its coverage is not collected)
            os.close(results_read)
            os.close(ticks_read)
            _work_part(parent, items, work, last, results_write, ticks_write)
    finally:
        stream.release()
    os.close(results_write)
    os.close(ticks_write)
    os.set_blocking(ticks_read, False)
    return _Part(pid, results_read, ticks_read)


def _work_part(  # pragma: no cover - runs in the part's process
    parent: int,
    items: Sequence[T],
    work: Callable[[T], R],
    last: Callable[[R], bool],
    results: int,
    ticks: int,
) -> None:
    import pickle

    code = 1
    try:
        for number in ending.ENDINGS:
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # this process gone: end silently
        stream.release()
        os.set_blocking(ticks, False)
        found: list[R] = []
        for item in items:
            if os.getppid() != parent:
                break
            result = work(item)
            found.append(result)
            ending.quietly(os.write, ticks, b".")  # a tick the pipe has no room for: unsaid
            if last(result):
                break
        message: tuple[str, object] = ("results", found)
        code = 0
    except BaseException as error:  # said to the process that waits for it
        message = ("failed", f"{type(error).__name__}: {error}")
    try:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(results, view) :]
    except BaseException:
        code = 1
    os._exit(code)
