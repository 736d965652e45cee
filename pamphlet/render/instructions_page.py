"""An instruction sheet to put in front of a home-print PDF.

In:  the printing steps (the same words the console prints), a title, the
     sheet size and the brand.
Out: PDF bytes of two sheet sides: the steps, then a blank back, so the
     pamphlet's own fronts and backs stay paired when printed two-sided.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Span, Text
from ..errors import Location, Problems
from ..languages import language
from ..partner.brand import Brand
from ..layout.flow import Composition, PlacedPage
from ..layout.spec import ReaderPage, Rect
from ..layout.typeset import Dot, Setter, stack_rows
from ..text.fontlibrary import bundled_library
from .draw import render_tagged
from .tags import Structure

MARGIN = 54.0  # well inside any printer's unprintable edge


def instructions_pdf(steps: list[str], title: str, sheet: tuple[float, float], brand: Brand) -> tuple[bytes, Structure]:
    """The sheet of instructions (its front; its back blank), and its structure for tagging."""
    width, height = sheet
    measure = width - 2 * MARGIN
    setter = Setter(language("en"), bundled_library(), 12.0, measure, False, Problems())
    where = Location(Path("instructions"))

    def text(value: str, strong: bool = False) -> Text:
        return Text((Span(value, strong=strong),), where)

    rows = setter.text_rows(text("How to print this PDF", strong=True), "instructions", 20.0, "accent", measure, tight=True)
    rows += setter.text_rows(text(title), "instructions", 12.0, "muted", measure)
    rows.append(setter.space(12.0))
    for step in steps:  # the last says what to do with this sheet itself, in the PDF's page numbers
        item = setter.text_rows(text(step), "instructions", 12.0, "ink", measure - 18, x=18)
        first = item[0]
        item[0] = type(first)(first.height, first.items + (Dot(6, first.items[0].baseline - 4, 2.5, "warm"),), "instructions")
        rows += item + [setter.space(6.0)]

    items, _ = stack_rows(rows, MARGIN, MARGIN)
    page = ReaderPage("instructions", width, height, "flow", Rect(MARGIN, MARGIN, measure, height - 2 * MARGIN))
    blank = ReaderPage("instructions back", width, height, "blank", page.frame)
    composition = Composition(None, "en", 12.0, (PlacedPage(page, tuple(items)), PlacedPage(blank, ())))
    return render_tagged(composition, brand, "rgb", 0.0, title=f"Printing instructions: {title}")
