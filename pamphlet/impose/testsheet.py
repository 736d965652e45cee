"""Duplex test sheets: which way does this printer turn the paper?

In:  a sheet name, ``letter`` or ``a4`` (landscape).
Out: PDF bytes, one sheet's two sides.

* ``duplex_test_sheet``, for printers that print both sides: each side has
  a big arrow pointing to its top edge; the back says which setting to
  choose, depending on whether its arrow points the same way as the
  front's once the sheet is turned over on its short edge.
* ``manual_duplex_test_sheet``, for printers that cannot: printed in two
  passes, the front asks two questions (is it printed on the side that
  faced up in the tray? did it come out printed side up or down?) whose
  answers name the printer's paper path (``paperpath``) and say how to put
  the sheet back; the back, printed the way ``--paper-path`` prints backs,
  confirms it. Everything sits in the top half of its side, so even a
  second pass printed over the first stays readable.

Text goes through the project's own typesetting and renderer (embedded
subset fonts, so the sheet passes preflight); the arrows are vector strokes.
All ink stays 0.25 in from the sheet edge.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Span, Text
from ..errors import Location, PamphletError, Problems
from ..languages import language
from ..partner.brand import load_brand
from ..layout.flow import Composition, PlacedPage
from ..layout.spec import ReaderPage, Rect
from ..layout.typeset import Dot, Item, Setter, Stroke, stack_rows
from ..render.draw import render_tagged
from ..text.fontlibrary import bundled_library
from .paperpath import PAPER_PATHS
from .apply import impose
from .plans import manual_duplex, pages_only
from .sheets import SHEETS
from .style import SheetStyle

MARGIN = 40.0  # points; the printer's unprintable edge is 18
ARROW_X = 96.0  # the arrow's centre line
ARROW_WIDTH = 14.0
HEAD = 44.0  # length of each side of the arrow head
COLUMN_X = 190.0  # the text column's left edge

FRONT = ("FRONT — printed first", "side 1 of 2",
         "Print this sheet two-sided with the setting “flip on short edge”. Then turn the sheet over on its short "
         "edge, left to right like the page of a book, and read the back.",
         "A printer that cannot print both sides: use make_pamphlet.py test-sheet --manual instead.")
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
    from .tagging import tagged_pdf

    return tagged_pdf(*render_tagged(Composition(None, "en", setter.body, pages), load_brand(), title="Duplex test sheet"))


def _path_rows() -> list[str]:
    """One line per paper path: the two answers, the path's name, what to do."""
    rows = []
    for path in PAPER_PATHS.values():
        side = "this side" if path.prints == "up" else "the other side"
        action = "turn the sheet over" if path.turn_over else "put it back as it lies"
        rows.append(f"Arrow on {side}, came out {path.delivers.replace('-', ' ')}: --paper-path {path.name}; {action}.")
    return rows


MANUAL_FRONT = ("MANUAL TWO-SIDED TEST — pass 1",
                "Before printing: put ONE sheet in the tray and draw a pencil arrow on the side facing up, pointing "
                "into the printer at the edge that goes in first. Print page 1 only. Then look: is the pencil arrow "
                "on this printed side? Did the sheet come out with this side facing up or down?",
                *_path_rows(),
                "To turn it over: side to side, like the page of a book. Either way, the arrow edge goes in first again. "
                "Then print page 2.")
MANUAL_BACK = ("MANUAL TWO-SIDED TEST — pass 2", "Turned over on its short edge, left to right, this arrow points the "
               "same way as the arrow on the front, and this text is on the back: the paper path you chose is right. "
               "Build with --print home-manual-duplex --paper-path NAME.",
               "Printed on top of pass 1 instead (upside down in the lower half)? The sheet was put back the other "
               "way up: check the answers, choose the other path of the pair, and try again.")


def manual_duplex_test_sheet(sheet: str) -> bytes:
    """Two pages, printed in two passes: the front, then the back turned 180°
    as every paper path prints backs (``plans.manual_duplex``)."""
    if sheet not in SHEETS:
        raise PamphletError(f"unknown sheet '{sheet}'; expected one of: {', '.join(SHEETS)}")
    width, height = SHEETS[sheet]
    half = height / 2
    setter = Setter(language("en"), bundled_library(), 12.0, width, False, Problems())
    sides = []
    for name, lines in (("front", MANUAL_FRONT), ("back", MANUAL_BACK)):
        items = _arrow(setter, half, foot=half - 14) + _column(setter, lines, width - COLUMN_X - MARGIN, first=22.0, rest=10.5,
                                                                top=MARGIN + 20.0, gap=6.0)
        sides.append(PlacedPage(ReaderPage(name, width, height, "flow", Rect(0, 0, width, height)), items))
    setter.problems.raise_if_any()
    pages, structure = render_tagged(Composition(None, "en", setter.body, tuple(sides)), load_brand(),
                                     title="Manual duplex test sheet")
    # Front, then the back turned as manual duplex turns every back.
    plan = manual_duplex(pages_only([(width, height)] * 2))
    return impose(pages, plan, SheetStyle(), 0.0, {"Title": "Manual duplex test sheet", "Creator": "pamphlet",
                                                   "Producer": "pamphlet"}, structure=structure)


def _arrow(setter: Setter, height: float, foot: float | None = None) -> tuple[Item, ...]:
    """An upward arrow from the foot of the sheet to near its top edge, labelled."""
    tip, foot = MARGIN, (height - MARGIN) if foot is None else foot
    shaft = Stroke(ARROW_X, tip + ARROW_WIDTH, ARROW_X, foot, ARROW_WIDTH, "accent")
    head = tuple(Stroke(ARROW_X, tip, ARROW_X + side * HEAD, tip + HEAD, ARROW_WIDTH, "accent") for side in (-1, 1))
    label = _lines(setter, "top edge", 18.0, 200.0, ARROW_X + HEAD + 12, tip - 4, bold=True, colour="accent")[0]
    return (shaft, *head, Dot(ARROW_X, tip, ARROW_WIDTH / 2, "accent"), *label)


def _column(setter: Setter, lines: tuple[str, ...], width: float, first: float = 36.0, rest: float | None = None,
            top: float = MARGIN + 60.0, gap: float = 14.0) -> tuple[Item, ...]:
    """The heading, then the other lines, top to bottom."""
    items, y = [], top
    for n, line in enumerate(lines):
        size = first if n == 0 else rest if rest is not None else 18.0 if n == 1 else 16.0
        placed, y = _lines(setter, line, size, width, COLUMN_X, y, bold=n == 0)
        items += placed
        y += gap
    return tuple(items)


def _lines(setter: Setter, text: str, size: float, width: float, x: float, y: float,
           bold: bool = False, colour: str = "ink") -> tuple[list[Item], float]:
    """``text`` set in rows from ``y`` down; the items and the y below them."""
    rows = setter.text_rows(Text((Span(text),), Location(Path(__file__))), "test-sheet", size, colour, width, x, bold=bold)
    return stack_rows(rows, 0.0, y)
