"""The build context: everything a process keeps in memory between builds, and its one reset.

In:  the in-memory caches the stages fill (``memo``: shaped texts and runs,
     broken lines, glyph ink, opened font faces, file digests ...), the
     loaders of files declared ``@remembered`` (layouts, profiles, brands,
     languages, documents, fonts, art), and what else must forget on a
     reset (``on_reset``: the segmenters' word lists).
Out: ``reset()``: all of it forgotten at once, as a new process would start:
     watch after a layout, brand, profile or art file changed, and the tests
     between cases. There is no other list of what to clear.

The disk caches (``cache.py``) are apart: keyed by content and by the code
that made them, they are never stale, and they are what makes a new process
fast. Pure functions of constants (a character's script class, the package's
code fingerprint) keep ``functools.cache``: nothing they remember can change.
A memo is a dict that empties itself past its limit, so a long watch session
stays bounded; lookups are plain dict lookups, as fast as the module dicts
they replace.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache


class Memo(dict):
    """One in-memory cache of the build context: a dict that empties itself
    when it holds more than ``limit`` entries (None: no limit)."""

    def __init__(self, limit: int | None = None):
        super().__init__()
        self.limit = limit

    def keep(self, key, value):
        """``value`` kept under ``key`` (the memo emptied first when full); returned."""
        if self.limit is not None and len(self) > self.limit:
            self.clear()
        self[key] = value
        return value


class BuildContext:
    """What a process remembers between builds: named memos, remembered
    loaders and reset hooks, all forgotten by ``reset``."""

    def __init__(self) -> None:
        self.memos: dict[str, Memo] = {}
        self.loaders: list = []  # functools caches: each has cache_clear and cache_info
        self.hooks: list[Callable[[], None]] = []

    def memo(self, name: str, limit: int | None = None) -> Memo:
        """The memo called ``name``, made on first use."""
        found = self.memos.get(name)
        if found is None:
            found = self.memos[name] = Memo(limit)
        return found

    def reset(self) -> None:
        for found in self.memos.values():
            found.clear()
        for loader in self.loaders:
            loader.cache_clear()
        for hook in self.hooks:
            hook()

    def held(self) -> dict[str, int]:
        """How many entries each memo and loader holds (what a reset empties)."""
        sizes = {f"memo {name}": len(found) for name, found in self.memos.items()}
        sizes.update({f"loader {loader.__module__}.{loader.__qualname__}": loader.cache_info().currsize
                      for loader in self.loaders})
        return sizes


CONTEXT = BuildContext()  # the process's context: a worker process starts its own


def memo(name: str, limit: int | None = None) -> Memo:
    """The process context's memo called ``name``."""
    return CONTEXT.memo(name, limit)


def remembered(function=None, *, maxsize: int | None = None):
    """``functools.cache`` (or ``lru_cache(maxsize)``) whose memory the build
    context forgets on ``reset``: for loaders of files and settings."""
    def wrap(inner):
        cached = cache(inner) if maxsize is None else lru_cache(maxsize=maxsize)(inner)
        CONTEXT.loaders.append(cached)
        return cached

    return wrap(function) if function is not None else wrap


def on_reset(hook: Callable[[], None]) -> None:
    """``hook()`` runs on every reset (state that is neither a memo nor a loader)."""
    CONTEXT.hooks.append(hook)


def reset() -> None:
    """Forget everything the process remembers in memory; the disk caches stay."""
    CONTEXT.reset()
