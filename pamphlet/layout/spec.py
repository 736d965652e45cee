"""A layout's geometry: LayoutSpec and the reader pages it defines.

A layout names an imposition scheme (``trifold`` or ``booklet``), the edition
of the content it sets, its sheet and page geometry, margins, bleed and the
body-size bounds of its fit search. The reader pages it defines (with one
text frame each) are derived here; ``pamphlet/layouts.py`` reads them from
``layouts/<name>.yaml``, so adding a layout needs only a new file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCHEMES = ("trifold", "booklet", "screen")  # screen: single pages for a phone, not imposed
HOME_UNPRINTABLE = 0.25 * 72  # points at the sheet's edge an office printer leaves blank (and its colour with it)
COLOUR_PADDING = 0.2 * 72  # points between text and the edge of the colour field it sits on


@dataclass(frozen=True)
class Rect:
    """A rectangle in page space: x from the left, y from the top, in points."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class ReaderPage:
    """One page as the reader sees it: a tri-fold panel or a booklet page."""

    name: str
    width: float
    height: float
    slot: str  # cover | flow | back | blank
    frame: Rect
    number: int | None = None  # printed page number, if any
    spine: str | None = None  # 'left' or 'right' for booklet pages


@dataclass(frozen=True)
class LayoutSpec:
    """A layout (layouts/*.yaml): the sheet, its pages, frames and type sizes."""

    name: str
    path: Path
    description: str
    scheme: str
    edition: str
    sheet: tuple[float, float]
    bleed: float
    body_min: float
    body_max: float
    hyphenate: bool
    panels: tuple[float, ...] = ()
    page: tuple[float, float] = (0.0, 0.0)
    margin: dict[str, float] | None = None
    max_pages: int = 0

    @property
    def text_width(self) -> float:
        """The width of every text frame: one width, so a block split between
        frames continues at the same measure."""
        if self.scheme == "trifold":
            return min(self.panels) - 2 * self.margin["all"]
        return self.page[0] - self.margin["inside"] - self.margin["outside"]

    def trifold_pages(self, rtl: bool = False) -> list[ReaderPage]:
        """The six panels in reading order; ``rtl``: named for a right-to-left
        pamphlet, whose inside spread is read from the right (the sheet is
        imposed mirrored, impose.plans.mirrored)."""
        wide_a, wide_b, fold_in = self.panels
        height = self.sheet[1]
        margin = self.margin["all"]
        frame_h = height - 2 * margin

        def page(name: str, width: float, slot: str) -> ReaderPage:
            x = (width - self.text_width) / 2
            return ReaderPage(name, width, height, slot, Rect(x, margin, self.text_width, frame_h))

        def coloured(name: str, width: float, slot: str, outer_edge: bool) -> ReaderPage:
            # A full colour field ends where a home printer stops printing:
            # text keeps its padding from there, at the sheet's edges; at a
            # fold the colour runs on and the panel's margin holds.
            edge = max(margin, HOME_UNPRINTABLE + COLOUR_PADDING)
            if outer_edge:
                x = edge if rtl else margin
                return ReaderPage(name, width, height, slot, Rect(x, edge, width - margin - edge, height - 2 * edge))
            x = (width - self.text_width) / 2
            return ReaderPage(name, width, height, slot, Rect(x, edge, self.text_width, height - 2 * edge))

        # Reading order: the cover, the flap seen on opening it, the inside
        # spread in reading direction, then the back. The cover's outer edge
        # is the sheet's (its left one in a right-to-left pamphlet, imposed
        # mirrored); the back lies between two folds.
        first, last = ("inside right", "inside left") if rtl else ("inside left", "inside right")
        return [
            coloured("front cover", wide_b, "cover", outer_edge=True),
            page("fold-in flap", fold_in, "flow"),
            page(first, wide_a, "flow"),
            page("inside middle", wide_b, "flow"),
            page(last, fold_in, "flow"),
            coloured("back", wide_b, "back", outer_edge=False),
        ]

    def booklet_page(self, number: int, slot: str, rtl: bool = False) -> ReaderPage:
        """Page ``number`` (1-based); odd pages are rectos with the spine on
        the left (on the right in a right-to-left booklet, bound on the right)."""
        width, height = self.page
        m = self.margin
        # A screen's pages are all alike: its numbers at the outer side as a recto's.
        spine = "left" if (number % 2 == 1 or self.scheme == "screen") != rtl else "right"
        x = m["inside"] if spine == "left" else m["outside"]
        frame = Rect(x, m["top"], self.text_width, height - m["top"] - m["bottom"])
        shown = number if slot == "flow" else None
        return ReaderPage(f"page {number}", width, height, slot, frame, shown, spine)
