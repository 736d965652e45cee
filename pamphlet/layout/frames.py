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
    past_the_frames: bool = False  # the flow's own overflow: left over after its last frame
    on_the_back: bool = False  # the back page's: its mission, a partner's card and the contact do not fit it
    longest: tuple[str, Location | None, float] | None = None  # the flow's tallest block: (id, where, points)


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
                                  f"the frames up to {last}", after, past_the_frames=True,
                                  longest=_tallest_block(rows, where)))
    return framed


def _tallest_block(rows: list[Row], where: dict) -> tuple[str, Location | None, float]:
    """The block whose rows stand tallest: the one to shorten first when a
    flow does not fit."""
    heights: dict[str, float] = {}
    for row in rows:
        heights[row.block_id] = heights.get(row.block_id, 0.0) + row.height
    tallest = max(heights, key=heights.get)
    return tallest, where.get(tallest), heights[tallest]


def compose_frames(stream: Stream, pages: list[ReaderPage], rules: list[FrameRule]) -> list[Framed]:
    """The stream in exactly these frames, each ending where the total cost
    (see the module's docstring) is least. The text must fit (first_fit)."""
    return _Composer(stream, pages, rules).frames()


class _Composer:
    """The search behind compose_frames: the least cost of setting the rows
    from each break on in the frames from each frame on, remembered."""

    def __init__(self, stream: Stream, pages: list[ReaderPage], rules: list[FrameRule]):
        self.stream, self.pages, self.rules = stream, pages, rules
        rows, n = stream.rows, len(stream.rows)
        self.rows, self.n = rows, n
        self.heights = list(accumulate((r.height for r in rows), initial=0.0))
        self.first = list(range(n + 1))  # first non-spacer row at or after i
        for i in range(n - 1, -1, -1):
            self.first[i] = self.first[i + 1] if rows[i].spacer else i
        self.last = list(range(n + 1))  # end of the rows before e, trailing spacers dropped
        for e in range(1, n + 1):
            self.last[e] = self.last[e - 1] if rows[e - 1].spacer else e
        self.ends = [e for e in range(1, n + 1) if e == n or rows[e].can_break_before]
        self.opens = [self.first[i] >= n or self.first[i] in stream.section_starts for i in range(n + 1)]
        self.last_open = [-1] * (n + 1)  # the last row at or before i that opens a section
        for i in range(n + 1):
            self.last_open[i] = i if i < n and i in stream.section_starts else (self.last_open[i - 1] if i else -1)
        self.memo: dict[tuple[int, int], tuple[float, int]] = {}

    def frames(self) -> list[Framed]:
        if self.best(0, 0)[0] == float("inf"):
            raise AssertionError("compose_frames: the text does not fit; first_fit says so first")
        framed, b = [], 0
        for k, rule in enumerate(self.rules):
            e = self.best(k, b)[1]
            framed.append(_framed(self.stream, b, e, split=rule.whole_sections and e < self.n and not self.opens[e]))
            b = e
        return framed

    def cost(self, k: int, start: int, end: int) -> float:
        """What frame k holding rows[start:end] costs on its own."""
        rule, h = self.rules[k], self.pages[k].frame.h
        fill = (self.heights[end] - self.heights[start]) / h if end > start else 0.0
        below = _UNDER_FLOOR * (FILL_FLOOR - fill) if rule.floor and fill < FILL_FLOOR else 0.0
        opening = rule.open_cost if k and not self.opens[start] else 0.0
        empty = _EMPTY if fill <= 0 else 0.0  # a blank panel is never a designer's choice
        return rule.fill_weight * ((1 - fill) ** 2 + below) + opening + empty + self.stranded(k, start, end)

    def stranded(self, k: int, start: int, end: int) -> float:
        """What a section opening at the frame's foot and running on costs:
        a heading and a few lines left at the bottom of a panel."""
        s = self.last_open[end - 1] if end > start else -1
        if k == len(self.pages) - 1 or s <= start or end >= self.n or self.opens[end]:
            return 0.0
        share = (self.heights[end] - self.heights[s]) / self.pages[k].frame.h
        return _STRANDED if share < _STRANDED_SHARE else 0.0

    def best(self, k: int, b: int) -> tuple[float, int]:
        """Least cost of setting rows[b:] in frames k..; and where frame k ends."""
        if (k, b) not in self.memo:
            self.memo[k, b] = self._best(k, b)
        return self.memo[k, b]

    def _best(self, k: int, b: int) -> tuple[float, int]:
        n, heights, room = self.n, self.heights, self.pages[k].frame.h + _EPSILON
        start = self.first[b]
        if k == len(self.pages) - 1:
            end = self.last[n]
            return (self.cost(k, start, end) if heights[end] - heights[start] <= room else float("inf"), n)
        if start >= n:
            return (self.cost(k, start, start) + self.best(k + 1, n)[0], n)
        found = (float("inf"), n)
        for e in self.ends:
            if e <= start:
                continue
            end = self.last[e]
            if heights[end] - heights[start] > room:
                break
            total = self.cost(k, start, end) + self.best(k + 1, e)[0]
            if e < n:
                total += self.rows[e].break_cost
                if self.rules[k].whole_sections and not self.opens[e]:
                    total += _SPLIT_SECTION
            if total < found[0]:
                found = (total, e)
        return found


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
