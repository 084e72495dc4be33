"""Parsing in worker processes, robust to a worker that dies.

Each worker has a pipe of its own, and holds one share of work at a time.  A worker killed
from outside (the kernel's out-of-memory killer, a user's `kill`) costs only its share,
even killed half-way through sending a result (a pipe shared by all workers, as the
standard library's pools use, would wait for the rest of that message for ever).  Its share is
parsed again one document at a time by a fresh worker: a document whose worker dies again
is the likely cause, and is reported as failed rather than tried for ever.

Workers are forked when the first batch arrives, after the pool's `warm` has seen it: what
`warm` loads in this process (caches a library builds on first use) is then shared by every
worker, copy-on-write, instead of being built again in each.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import wait

WORKER_DIED = "the process parsing it was killed, twice (the kernel does that when memory runs out): it is left out"
_PR_SET_PDEATHSIG = 1


class _Share:
    """Some jobs, parsed by one worker; once split (its worker died), by its parts."""

    def __init__(self, jobs: list, retried: bool = False):
        self.jobs, self.retried = jobs, retried
        self.results: list | None = None
        self.parts: list[_Share] = []

    @property
    def done(self) -> bool:
        return all(part.done for part in self.parts) if self.parts else self.results is not None

    def collected(self) -> list:
        return [r for part in self.parts for r in part.collected()] if self.parts else self.results


class _Worker:
    def __init__(self, parse: Callable):
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(parse, child, os.getpid()), daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end: its death reads as the end of the pipe

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=5)


class Pool:
    """`workers` processes applying `parse` to jobs; `start` hands out a batch, `results`
    gives its results in order.  With one worker, jobs are parsed in this process.

    `warm(jobs)`, if given, runs once in this process with the first batch, before the workers
    are forked (so they inherit what it prepared); never with one worker, which warms as it goes."""

    def __init__(self, parse: Callable, workers: int, warm: Callable[[list], None] | None = None):
        self.parse = parse
        self.inline = workers <= 1
        self.warm = warm
        self.forked = False
        self.idle: list[_Worker] = []
        self.busy: dict[_Worker, _Share] = {}
        self.waiting: deque[_Share] = deque()
        self.workers = workers

    def start(self, jobs: list) -> list[_Share]:
        """Queue a batch of jobs for the workers, in a few shares (so they finish together)."""
        if self.inline:
            return [_Share(jobs)]
        if not self.forked:
            self.forked = True
            if self.warm is not None:
                self.warm(jobs)
            self.idle = [_Worker(self.parse) for _ in range(self.workers)]
        size = max(1, len(jobs) // (self.workers * 2))
        shares = [_Share(jobs[i : i + size]) for i in range(0, len(jobs), size)]
        self.waiting.extend(shares)
        self._hand_out()
        return shares

    def results(self, shares: list[_Share]) -> list:
        """The results of a batch `start` queued, in the order of its jobs."""
        if self.inline:
            return [self.parse(job) for share in shares for job in share.jobs]
        while not all(share.done for share in shares):
            self._hand_out()
            self._collect()
        self._hand_out()  # the next batch parses while the caller writes this one
        return [result for share in shares for result in share.collected()]

    def _hand_out(self) -> None:
        while self.idle and self.waiting:
            worker, share = self.idle.pop(), self.waiting.popleft()
            try:
                worker.conn.send(share.jobs)  # an idle worker is reading: this never waits long
            except OSError:  # it died while idle
                worker.stop()
                self.idle.append(_Worker(self.parse))
                self.waiting.appendleft(share)
                continue
            self.busy[worker] = share

    def _collect(self) -> None:
        ready = set(wait([w.conn for w in self.busy] + [w.process.sentinel for w in self.busy]))
        for worker, share in list(self.busy.items()):
            if worker.conn not in ready and worker.process.sentinel not in ready:
                continue
            try:
                share.results = worker.conn.recv()
                del self.busy[worker]
                self.idle.append(worker)
                continue
            except (EOFError, OSError):  # died, perhaps half-way through its answer
                pass
            del self.busy[worker]
            worker.stop()
            self.idle.append(_Worker(self.parse))
            self._lost(share)

    def _lost(self, share: _Share) -> None:
        if share.retried:
            share.results = [WORKER_DIED]
            return
        share.parts = [_Share([job], retried=True) for job in share.jobs]
        self.waiting.extendleft(reversed(share.parts))

    def close(self) -> None:
        """Stop the workers at once (whatever they hold is not wanted any more)."""
        for worker in [*self.idle, *self.busy]:
            worker.stop()
        self.idle, self.busy = [], {}


def _serve(parse: Callable, conn, parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent alone answers it, once
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a parent killed outright takes its workers with it (Linux)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above took effect
        return
    while True:
        try:
            jobs = conn.recv()
        except EOFError:
            return
        conn.send([parse(job) for job in jobs])
