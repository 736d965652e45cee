"""A progress line for long batches, and the summary line at their end.

The line is redrawn in place on a terminal (``[3/40] th trifold-letter home
2.1 s``) and cleared when the batch ends; it is never written when the stream
is not a terminal (a log file, a pipe, CI) or when asked to be quiet.
"""

from __future__ import annotations

import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO, quiet: bool = False, clock=time.monotonic):
        self.total = total
        self.stream = stream
        self.enabled = not quiet and total > 1 and _is_terminal(stream)
        self.clock = clock
        self.started = clock()
        self.width = 0

    def elapsed(self) -> float:
        return self.clock() - self.started

    def start(self, index: int, item: object) -> None:
        """Item ``index`` (0-based) is being built now."""
        if self.enabled:
            self._draw(f"[{index + 1}/{self.total}] {item}  {self.elapsed():.1f} s")

    def finish(self) -> None:
        if self.enabled and self.width:
            self._draw("")

    def _draw(self, text: str) -> None:
        # Pad over what the previous line left, then return to its start.
        self.stream.write("\r" + text.ljust(self.width) + "\r")
        self.stream.flush()
        self.width = len(text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def summary(results: list, elapsed: float) -> str:
    """One line: how many PDFs, over which dimensions, how long, how many warnings."""
    def count(values: set, word: str) -> str:
        return f"{len(values)} {word}{'' if len(values) == 1 else 's'}"

    printed = [r for r in results if r.print != "screen"]  # the screen edition has no print profile
    dims = [count({r.brand for r in results}, "brand"), count({r.lang for r in results}, "language")]
    if printed:
        dims += [count({r.layout for r in printed}, "layout"), count({r.print for r in printed}, "print profile")]
    screen = ", and the screen edition" if len(printed) < len(results) else ""
    # as the build says them: a translation file's warning once, not once per PDF made from it
    said_once = {w for r in results for w in r.warnings if w in r.content_warnings}
    warnings = len(said_once) + sum(1 for r in results for w in r.warnings if w not in r.content_warnings)
    return (f"built {len(results)} PDF{'' if len(results) == 1 else 's'} ({' x '.join(dims)}{screen}) in {elapsed:.1f} s"
            f"{f', {warnings} warning(s)' if warnings else ''}")
