"""layout: a stream of rows -> the flow frames of a layout, composed.

In:  a ``Stream`` (rows, where sections start), the flow's reader pages and
     a ``FrameRule`` for each.
Out: per frame, the rows it holds (``Framed``); or ``DoesNotFit`` naming the
     block that did not fit and by how much.

Two passes. ``first_fit`` fills each frame as far as the keep rules allow:
the fit search asks only whether the text fits at a size. ``compose_frames``
then chooses where each frame ends, as a designer would, by the least
total cost over all frames:

- a frame that opens inside a section costs its rule's ``open_cost`` (a
  panel after a fold reads best when it starts a section), and one whose
  rule keeps sections whole (the tri-fold's flap) may not end inside one
  where any other way fits;
- each frame's emptiness costs the square of the part left empty, and a
  frame under ``FILL_FLOOR`` more (so the panels come out evenly full);
- ending a frame inside a short list costs what its rows say, and a
  section that opens at a frame's foot and runs on (a heading and a few
  lines stranded there) costs ``_STRANDED``.

Gaps are never stretched: what a frame leaves at its foot stays there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ..errors import Location
from .spec import ReaderPage
from .stream import Stream
from .typeset import Row

_EPSILON = 0.01
FILL_FLOOR = 0.6  # a frame that is not the last is at least this full where the text allows
_UNDER_FLOOR = 4.0  # cost per unit of fill below the floor
_SPLIT_SECTION = 40.0
_EMPTY = 2.0
_STRANDED, _STRANDED_SHARE = 0.5, 0.3  # a section opening in the last 30 % of a frame and running on  # a whole-sections frame ending inside one: only when nothing else fits


@dataclass(frozen=True)
class FrameRule:
    """How the composer treats one flow frame."""

    whole_sections: bool = False  # ends only where a section ends (the tri-fold's flap)
    open_cost: float = 0.0  # what starting inside a section costs (a frame after a fold)
    fill_weight: float = 1.0  # how much its emptiness counts (0: a booklet's last page ends where the text does)
    floor: bool = True  # held to FILL_FLOOR


@dataclass(frozen=True)
class Overflow:
    """A block that did not fit its frame, and by how much."""

    block_id: str
    where: Location | None
    amount: float  # points that did not fit
    frame: str
    blocks_after: int = 0  # further blocks that did not fit either


class DoesNotFit(Exception):
    """The text does not fit the frames; ``overflow`` says which block and by how much."""

    def __init__(self, overflow: Overflow):
        super().__init__(overflow.block_id)
        self.overflow = overflow


@dataclass(frozen=True)
class Framed:
    """One frame's rows (leading and trailing space dropped), and how the composer judged it."""

    rows: tuple[Row, ...]
    height: float  # points of the frame's height the rows take
    opens_section: bool  # its first row opens a section
    split_section: bool = False  # a whole-sections frame that had to end inside one


def first_fit(stream: Stream, pages: list[ReaderPage], where: dict, stop_when_done=False) -> list[Framed]:
    """Fill each page's frame in turn, as far as the keep rules allow; raise
    DoesNotFit with what was left over."""
    rows = stream.rows
    framed: list[Framed] = []
    i, n = 0, len(rows)
    for page in pages:
        if stop_when_done and i >= n:
            break
        while i < n and rows[i].spacer:
            i += 1  # no space at the top of a frame
        start, y = i, 0.0
        while i < n and y + rows[i].height <= page.frame.h + _EPSILON:
            y += rows[i].height
            i += 1
        if i < n:
            j = i
            while j > start and not rows[j].can_break_before:
                j -= 1
            if j == start:
                # An unbreakable run taller than an empty frame can never fit.
                end = i + 1
                while end < n and not rows[end].can_break_before:
                    end += 1
                height = sum(r.height for r in rows[start:end])
                raise DoesNotFit(Overflow(rows[start].block_id, where.get(rows[start].block_id),
                                          height - page.frame.h, page.name))
            i = j
        framed.append(_framed(stream, start, i))
    rest = trimmed(rows[i:])
    if rest:
        last = pages[-1].name if pages else "the layout"
        after = len(dict.fromkeys(r.block_id for r in rest)) - 1
        raise DoesNotFit(Overflow(rest[0].block_id, where.get(rest[0].block_id), sum(r.height for r in rest),
                                  f"the frames up to {last}", after))
    return framed


def compose_frames(stream: Stream, pages: list[ReaderPage], rules: list[FrameRule]) -> list[Framed]:
    """The stream in exactly these frames, each ending where the total cost
    (see the module's docstring) is least. The text must fit (first_fit)."""
    rows, n = stream.rows, len(stream.rows)
    heights = list(accumulate((r.height for r in rows), initial=0.0))
    first = list(range(n + 1))  # first non-spacer row at or after i
    for i in range(n - 1, -1, -1):
        first[i] = first[i + 1] if rows[i].spacer else i
    last = list(range(n + 1))  # end of the rows before e, trailing spacers dropped
    for e in range(1, n + 1):
        last[e] = last[e - 1] if rows[e - 1].spacer else e
    ends = [e for e in range(1, n + 1) if e == n or rows[e].can_break_before]
    opens = [first[i] >= n or first[i] in stream.section_starts for i in range(n + 1)]
    last_open = [-1] * (n + 1)  # the last row at or before i that opens a section
    for i in range(n + 1):
        last_open[i] = i if i < n and i in stream.section_starts else (last_open[i - 1] if i else -1)

    def cost(k: int, start: int, end: int) -> float:
        rule, h = rules[k], pages[k].frame.h
        fill = (heights[end] - heights[start]) / h if end > start else 0.0
        below = _UNDER_FLOOR * (FILL_FLOOR - fill) if rule.floor and fill < FILL_FLOOR else 0.0
        opening = rule.open_cost if k and not opens[start] else 0.0
        empty = _EMPTY if fill <= 0 else 0.0  # a blank panel is never a designer's choice
        return rule.fill_weight * ((1 - fill) ** 2 + below) + opening + empty + stranded(k, start, end)

    def stranded(k: int, start: int, end: int) -> float:
        """What a section opening at the frame's foot and running on costs:
        a heading and a few lines left at the bottom of a panel."""
        s = last_open[end - 1] if end > start else -1
        if k == len(pages) - 1 or s <= start or end >= n or opens[end]:
            return 0.0
        return _STRANDED if (heights[end] - heights[s]) / pages[k].frame.h < _STRANDED_SHARE else 0.0

    @lru_cache(maxsize=None)
    def best(k: int, b: int) -> tuple[float, int]:
        """Least cost of setting rows[b:] in frames k..; and where frame k ends."""
        start = first[b]
        if k == len(pages) - 1:
            end = last[n]
            fits = heights[end] - heights[start] <= pages[k].frame.h + _EPSILON
            return (cost(k, start, end) if fits else float("inf"), n)
        if start >= n:
            return (cost(k, start, start) + best(k + 1, n)[0], n)
        found = (float("inf"), n)
        for e in ends:
            if e <= start:
                continue
            end = last[e]
            if heights[end] - heights[start] > pages[k].frame.h + _EPSILON:
                break
            total = cost(k, start, end) + best(k + 1, e)[0]
            if e < n:
                total += rows[e].break_cost
                if rules[k].whole_sections and not opens[e]:
                    total += _SPLIT_SECTION
            if total < found[0]:
                found = (total, e)
        return found

    if best(0, 0)[0] == float("inf"):
        raise AssertionError("compose_frames: the text does not fit; first_fit says so first")
    framed, b = [], 0
    for k in range(len(pages)):
        e = best(k, b)[1]
        framed.append(_framed(stream, b, e, split=rules[k].whole_sections and e < n and not opens[e]))
        b = e
    best.cache_clear()
    return framed


def _framed(stream: Stream, start: int, end: int, split: bool = False) -> Framed:
    rows = trimmed(stream.rows[start:end])
    return Framed(rows, sum(r.height for r in rows), stream.opens_section(start), split)


def trimmed(rows) -> tuple[Row, ...]:
    """The rows without space at their top or foot."""
    rows = tuple(rows)
    a, b = 0, len(rows)
    while a < b and rows[a].spacer:
        a += 1
    while b > a and rows[b - 1].spacer:
        b -= 1
    return rows[a:b]
