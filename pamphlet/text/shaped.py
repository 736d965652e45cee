"""text: what shaping makes, as data: glyphs, runs of one face, a shaped text.

Kept apart from ``shaping`` (which makes them with HarfBuzz) so that the
disk cache of shaped texts (``shapecache``) can rebuild them without
importing the shaper.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from .breaks import Break
from .fonts import FontFace


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
    """The glyphs HarfBuzz made of one run of text in one face."""

    face: FontFace
    start: int
    end: int
    glyphs: tuple[Glyph, ...]
    clusters: tuple[int, ...]  # glyphs[i].cluster, ascending (left-to-right text)

    def slice(self, start: int, end: int) -> tuple[Glyph, ...]:
        """The glyphs standing for characters start..end."""
        if end <= self.start or start >= self.end:
            return ()
        return self.glyphs[bisect_left(self.clusters, start):bisect_left(self.clusters, end)]


@dataclass(frozen=True)
class ShapedText:
    """A text shaped in its runs, with each character's advance and the places a line may break."""

    text: str
    runs: tuple[ShapedRun, ...]
    offsets: tuple[float, ...]  # cumulative advance (em) before each character; len(text) + 1
    breaks: tuple[Break, ...]

    def width(self, start: int, end: int) -> float:
        return self.offsets[end] - self.offsets[start]

    def face_at(self, pos: int) -> FontFace:
        for run in self.runs:
            if run.start <= pos < run.end:
                return run.face
        return self.runs[-1].face
