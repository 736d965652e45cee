"""What of a page shows in its slot on a sheet: pure geometry, no PDF.

In:  a plan's slot and sheet side, the sheet style, and the page's own
     BleedBox already placed on the sheet.
Out: the rectangle (left, bottom, right, top) in sheet coordinates that the
     page is clipped to: the slot, grown by the sheet's bleed on the slot's
     sheet-edge sides, kept inside the printable area (a home printer's
     unprintable edge) and inside the page's own BleedBox, so a print-ready
     page's marks never come along and no ink lands where it must not.
"""

from __future__ import annotations

from .plans import Placement, SheetSide
from .style import SheetStyle

Rect = tuple[float, float, float, float]


def shown_area(slot: Placement, side: SheetSide, style: SheetStyle, page_bleed: Rect) -> Rect:
    """The part of the sheet the slot's page may ink; ``page_bleed`` is the
    page's BleedBox on the sheet (through its placement matrix)."""
    grow = {edge: (style.bleed if edge in slot.bleed_edges else 0.0) for edge in ("left", "right", "top", "bottom")}
    left, right = slot.x - grow["left"], slot.x + slot.width + grow["right"]
    bottom, top = slot.y - grow["bottom"], slot.y + slot.height + grow["top"]
    if style.safe_edge:
        left, bottom = max(left, style.safe_edge), max(bottom, style.safe_edge)
        right, top = min(right, side.width - style.safe_edge), min(top, side.height - style.safe_edge)
    bx0, by0, bx1, by1 = page_bleed
    return max(left, bx0), max(bottom, by0), min(right, bx1), min(top, by1)
