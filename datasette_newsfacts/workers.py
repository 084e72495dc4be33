"""Parsing in worker processes, robust to a worker that dies.

A worker killed from outside (the kernel's out-of-memory killer, a user's `kill`) breaks
the whole process pool, and every share of work it held is lost.  Each such share is
parsed again, one document at a time in a fresh pool: a document whose worker dies again
is the likely cause, and is reported as failed rather than tried for ever.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

WORKER_DIED = "the process parsing it was killed, twice (the kernel does that when memory runs out): it is left out"


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent alone answers it, once
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class Pool:
    """`workers` processes applying `parse` to documents; `start` hands out a batch,
    `results` gives its results in order.  With one worker, documents parse in this process."""

    def __init__(self, parse: Callable, workers: int):
        self.parse = parse
        self.workers = workers
        self.executor: ProcessPoolExecutor | None = self._new() if workers > 1 else None

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts)

    def start(self, jobs: list) -> list[tuple[list, Future | None]]:
        """Hand a batch of jobs to the workers, in a few shares each."""
        if self.executor is None:
            return [(jobs, None)]
        size = max(1, len(jobs) // (self.workers * 4))
        shares = [jobs[start : start + size] for start in range(0, len(jobs), size)]
        return [(share, self._submit(_parse_share, self.parse, share)) for share in shares]

    def results(self, started: list[tuple[list, Future | None]]) -> list:
        """The results of a batch `start` handed out, in the order of its jobs."""
        out: list = []
        for share, future in started:
            if future is None:
                out.extend(self.parse(job) for job in share)
                continue
            try:
                out.extend(future.result())
            except BrokenProcessPool:
                out.extend(self._one_by_one(share))
        return out

    def _one_by_one(self, share: list) -> list:
        results = []
        for job in share:
            try:
                results.append(self._submit(self.parse, job).result())
            except BrokenProcessPool:
                results.append(WORKER_DIED)
        return results

    def _submit(self, function: Callable, *args) -> Future:
        try:
            return self.executor.submit(function, *args)
        except BrokenProcessPool:  # broken by an earlier death: a fresh pool takes over
            self._stop()
            self.executor = self._new()
            return self.executor.submit(function, *args)

    def close(self) -> None:
        """Stop the workers at once (what they were doing is not wanted any more)."""
        if self.executor is not None:
            self._stop()
            self.executor = None

    def _stop(self) -> None:
        processes = list((self.executor._processes or {}).values())  # the executor offers no terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


def _parse_share(parse: Callable, share: list) -> list:
    return [parse(job) for job in share]
