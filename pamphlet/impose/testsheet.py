"""A duplex test sheet: which way does this printer turn the paper?

In:  a sheet name, ``letter`` or ``a4`` (landscape).
Out: PDF bytes, one sheet's two sides. Each side has a big arrow pointing
     to its top edge; the back says which setting to choose, depending on
     whether its arrow points the same way as the front's once the sheet is
     turned over on its short edge.

Text goes through the project's own typesetting and renderer (embedded
subset fonts, so the sheet passes preflight); the arrows are vector strokes.
All ink stays 0.25 in from the sheet edge.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Span, Text
from ..errors import Location, PamphletError, Problems
from ..languages import language
from ..layout.brand import load_brand
from ..layout.flow import Composition, PlacedPage
from ..layout.spec import ReaderPage, Rect
from ..layout.typeset import Dot, Item, Setter, Stroke, stack_rows
from ..render.draw import render
from ..text.fonts import bundled_library
from .sheets import SHEETS

MARGIN = 40.0  # points; the printer's unprintable edge is 18
ARROW_X = 96.0  # the arrow's centre line
ARROW_WIDTH = 14.0
HEAD = 44.0  # length of each side of the arrow head
COLUMN_X = 190.0  # the text column's left edge

FRONT = ("FRONT — printed first", "side 1 of 2",
         "Print this sheet two-sided with the setting “flip on short edge”. Then turn the sheet over on its short "
         "edge, left to right like the page of a book, and read the back.")
BACK = ("BACK — printed second", "side 2 of 2",
        "Turned over on its short edge, left to right, does this arrow point the same way as the arrow on the front?",
        "Yes: choose “flip on short edge” when you print pamphlets.",
        "No, it points the other way: choose “flip on long edge”.")


def duplex_test_sheet(sheet: str) -> bytes:
    if sheet not in SHEETS:
        raise PamphletError(f"unknown sheet '{sheet}'; expected one of: {', '.join(SHEETS)}")
    width, height = SHEETS[sheet]
    setter = Setter(language("en"), bundled_library(), 16.0, width, False, Problems())
    pages = tuple(PlacedPage(ReaderPage(name, width, height, "flow", Rect(0, 0, width, height)),
                             _arrow(setter, height) + _column(setter, lines, width - COLUMN_X - MARGIN))
                  for name, lines in (("front", FRONT), ("back", BACK)))
    setter.problems.raise_if_any()
    return render(Composition(None, "en", setter.body, pages), load_brand(),
                  title="Duplex test sheet")


def _arrow(setter: Setter, height: float) -> tuple[Item, ...]:
    """An upward arrow from the foot of the sheet to near its top edge, labelled."""
    tip, foot = MARGIN, height - MARGIN
    shaft = Stroke(ARROW_X, tip + ARROW_WIDTH, ARROW_X, foot, ARROW_WIDTH, "accent")
    head = tuple(Stroke(ARROW_X, tip, ARROW_X + side * HEAD, tip + HEAD, ARROW_WIDTH, "accent") for side in (-1, 1))
    label = _lines(setter, "top edge", 18.0, 200.0, ARROW_X + HEAD + 12, tip - 4, bold=True, colour="accent")[0]
    return (shaft, *head, Dot(ARROW_X, tip, ARROW_WIDTH / 2, "accent"), *label)


def _column(setter: Setter, lines: tuple[str, ...], width: float) -> tuple[Item, ...]:
    """The heading, the side number and the explanation, top to bottom."""
    items, y = [], MARGIN + 60.0
    for n, line in enumerate(lines):
        size = 36.0 if n == 0 else 18.0 if n == 1 else 16.0
        placed, y = _lines(setter, line, size, width, COLUMN_X, y, bold=n == 0)
        items += placed
        y += 14.0
    return tuple(items)


def _lines(setter: Setter, text: str, size: float, width: float, x: float, y: float,
           bold: bool = False, colour: str = "ink") -> tuple[list[Item], float]:
    """``text`` set in rows from ``y`` down; the items and the y below them."""
    rows = setter.text_rows(Text((Span(text),), Location(Path(__file__))), "test-sheet", size, colour, width, x, bold=bold)
    return stack_rows(rows, 0.0, y)
