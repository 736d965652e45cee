"""text: what shaping makes, as data: glyphs, runs of one face, a shaped text.

Kept apart from ``shaping`` (which makes them with HarfBuzz) so that the
disk cache of shaped texts (``shapecache``) can rebuild them without
importing the shaper.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import NamedTuple

from .breaks import Break
from .fontlibrary import FontFace


class Glyph(NamedTuple):
    """One positioned glyph (immutable; a tuple because a document has tens
    of thousands and a frozen dataclass is several times slower to make)."""

    gid: int
    cluster: int  # index of the first character it stands for
    advance: float  # em
    x_offset: float  # em
    y_offset: float  # em
    text: str  # the characters it stands for in copy/paste; '' if it shares a cluster
    source: int = -1  # index of the character it was made from; -1: the cluster's first


@dataclass(frozen=True)
class ShapedRun:
    """The glyphs HarfBuzz made of one run of text in one face and one
    bidirectional level, in the order they are drawn (left to right)."""

    face: FontFace
    start: int
    end: int
    glyphs: tuple[Glyph, ...]
    clusters: tuple[int, ...]  # ascending: glyphs[i].cluster, or -glyphs[i].cluster in a right-to-left run
    level: int = 0  # bidirectional level: odd is right to left, its clusters falling

    @property
    def rtl(self) -> bool:
        return self.level % 2 == 1

    def slice(self, start: int, end: int) -> tuple[Glyph, ...]:
        """The glyphs standing for characters start..end, in drawing order."""
        if end <= self.start or start >= self.end:
            return ()
        if self.rtl:  # clusters fall: the glyphs of end-1 come first
            return self.glyphs[bisect_right(self.clusters, -end):bisect_right(self.clusters, -start)]
        return self.glyphs[bisect_left(self.clusters, start):bisect_left(self.clusters, end)]


@dataclass(frozen=True)
class ShapedText:
    """A text shaped in its runs, with each character's advance and the places a line may break."""

    text: str
    runs: tuple[ShapedRun, ...]  # in logical order
    offsets: tuple[float, ...]  # cumulative advance (em) before each character; len(text) + 1
    breaks: tuple[Break, ...]
    rtl: bool = False  # the paragraph's base direction is right to left

    def width(self, start: int, end: int) -> float:
        return self.offsets[end] - self.offsets[start]

    def visual(self, start: int, end: int) -> list[tuple[ShapedRun, tuple[Glyph, ...]]]:
        """The glyphs of characters start..end (one line), run by run, in the
        order they are drawn from the left: runs of several levels reordered
        by the bidirectional algorithm (rule L2)."""
        pieces = [(run, glyphs) for run in self.runs if (glyphs := run.slice(start, end))]
        if not self.rtl and all(run.level == 0 for run, _ in pieces):
            return pieces
        from .bidi import visual_order

        return [pieces[k] for k in visual_order([run.level for run, _ in pieces])]

    def face_at(self, pos: int) -> FontFace:
        for run in self.runs:
            if run.start <= pos < run.end:
                return run.face
        return self.runs[-1].face
