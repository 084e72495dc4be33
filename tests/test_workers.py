"""The worker pool's warm-up: run once, in this process, before the workers fork."""

import os

from datasette_newsfacts.workers import Pool

_warmed: list = []


def _warm(jobs: list) -> None:
    _warmed.append((os.getpid(), list(jobs)))


def _report(job: int) -> tuple:
    # what a worker sees of the warm-up: inherited from the parent at fork, never run again
    return job * 10, os.getpid(), [pid for pid, _ in _warmed]


def test_warm_runs_once_before_the_workers_fork_and_they_inherit_it():
    _warmed.clear()
    pool = Pool(_report, 2, warm=_warm)
    try:
        assert pool.idle == [] and _warmed == []  # nothing forked, nothing warmed before a batch
        first = pool.results(pool.start([1, 2, 3, 4]))
        second = pool.results(pool.start([5, 6]))
    finally:
        pool.close()
    parent = os.getpid()
    assert _warmed == [(parent, [1, 2, 3, 4])]
    assert [value for value, _, _ in first + second] == [10, 20, 30, 40, 50, 60]
    assert all(pid != parent and seen == [parent] for _, pid, seen in first + second)


def test_one_worker_parses_here_and_never_warms_ahead():
    _warmed.clear()
    pool = Pool(_report, 1, warm=_warm)
    assert [value for value, _, _ in pool.results(pool.start([7]))] == [70]
    assert _warmed == []


def test_convert_warms_the_date_search_only_for_a_batch_of_enough_html_pages(monkeypatch):
    from datasette_newsfacts import convert, pagemeta
    from datasette_newsfacts.readers import Document

    calls = []
    monkeypatch.setattr(pagemeta, "warm_up_date_search", lambda: calls.append("warmed"))
    page = Document("a.html", None, b"<p>Invented.</p>", is_html=True)
    dump = Document("a.txt", None, "Invented.")
    enough = convert._WARM_PAGES_PER_WORKER * 2
    convert._warm_up([(page, None)] * (enough - 1) + [(dump, None)] * 100, 2)
    assert calls == []
    convert._warm_up([(page, None)] * enough, 2)
    assert calls == ["warmed"]
