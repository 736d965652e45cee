"""Running a batch of builds on several cores, results in a stable order.

In:  the items of a batch, the function that builds one, how many worker
     processes to use.
Out: one outcome per item, in the items' order: its result, or the
     problems that stopped it (a ``PamphletError``'s).

One job, or one item, runs in this process. More start a pool of worker
processes (forked on Linux, so they begin with what this process has
loaded; from a fork server when this process runs other threads). Work is handed out in groups of items that share a brand and a
language, so each worker shapes a language's text once and reuses it
across layouts and print profiles; the heaviest groups go first (by the
weight the caller gives an item), so the last to finish is a light one,
and the heaviest is split when there are fewer groups than workers. Workers share the on-disk caches, whose writes are
atomic (``cache``); each flushes its pending cache entries after every
group, since a pool's worker ends without running exit handlers.

``on_start(index, item)`` is called in item order: in this process as each
item starts; with a pool, when every item before it has finished, so a
progress line counts up in order whatever the finishing order is.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import PamphletError, Problem


@dataclass(frozen=True)
class Outcome:
    """One item of a batch: its result, or the problems that stopped it."""

    result: Any = None
    problems: tuple[Problem, ...] = ()  # empty when the item was built


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def run(items: Sequence, build: Callable[[Any], Any], jobs: int = 1,
        on_start: Callable[[int, Any], None] | None = None, group_key: Callable[[Any], Any] | None = None,
        weight: Callable[[Any], float] | None = None) -> list[Outcome]:
    """Build every item; ``build`` must be a module-level function (a pool pickles it)."""
    jobs = max(1, min(jobs, len(items)))
    if jobs == 1:
        outcomes = []
        for index, item in enumerate(items):
            if on_start:
                on_start(index, item)
            outcomes.append(_attempt(build, item))
        return outcomes
    return _in_pool(items, build, jobs, on_start, group_key or (lambda item: None), weight or (lambda item: 1.0))


def _attempt(build: Callable[[Any], Any], item) -> Outcome:
    try:
        return Outcome(build(item))
    except PamphletError as exc:
        return Outcome(problems=tuple(exc.problems))


def _groups(keys: list, weights: list[float], jobs: int) -> list[list[int]]:
    """Item indexes grouped by key (in order), the heaviest halved until every
    worker has one; heaviest first."""
    groups: dict[Any, list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(key, []).append(index)
    found = list(groups.values())

    def heft(group: list[int]) -> float:
        return sum(weights[i] for i in group)

    while len(found) < jobs:
        splittable = [group for group in found if len(group) >= 2]
        if not splittable:
            break
        heaviest = max(splittable, key=heft)
        at = found.index(heaviest)
        half = len(heaviest) // 2
        found[at:at + 1] = [heaviest[:half], heaviest[half:]]
    # Heaviest first, so the last to finish is a light one (a stable sort: equal weights keep their order).
    return sorted(found, key=heft, reverse=True)


def _in_pool(items: Sequence, build, jobs: int, on_start, group_key, weight) -> list[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    groups = _groups([group_key(item) for item in items], [weight(item) for item in items], jobs)
    method = _start_method(multiprocessing.get_all_start_methods())
    outcomes: list[Outcome | None] = [None] * len(items)
    announced = 0

    def announce() -> None:
        nonlocal announced
        while announced < len(items) and (announced == 0 or outcomes[announced - 1] is not None):
            if on_start:
                on_start(announced, items[announced])
            announced += 1

    announce()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
        futures = {pool.submit(_build_group, build, [items[i] for i in group]): group for group in groups}
        try:
            for future in as_completed(futures):
                for index, outcome in zip(futures[future], future.result()):
                    outcomes[index] = outcome
                announce()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return outcomes


def _start_method(available: list[str]) -> str:
    """fork: the workers start with what this process has loaded, at no cost;
    but forking a process that runs other threads can leave a worker holding
    a lock no thread will release, so then a clean server process forks them."""
    import threading

    if "fork" in available and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in available else "spawn"


def _build_group(build, items: list) -> list[Outcome]:
    from .cache import flush

    try:
        return [_attempt(build, item) for item in items]
    finally:
        flush()
