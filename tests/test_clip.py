"""What of a page shows in its slot (impose/clip.py), as pure geometry: no PDF is made or read."""

from __future__ import annotations

import subprocess
import sys

from pamphlet.impose.clip import shown_area
from pamphlet.impose.plans import Placement, SheetSide
from pamphlet.impose.style import SheetStyle

from .conftest import ROOT

# A letter sheet, two 5.5 x 8.5 in slots side by side; the left slot's outer edges are sheet edges.
LEFT = Placement(page=0, x=0.0, y=0.0, width=396.0, height=612.0, bleed_edges=("left", "top", "bottom"))
RIGHT = Placement(page=1, x=396.0, y=0.0, width=396.0, height=612.0, bleed_edges=("right", "top", "bottom"))
SIDE = SheetSide(label="sheet 1 front", width=792.0, height=612.0, placements=(LEFT, RIGHT))
EVERYWHERE = (-1000.0, -1000.0, 2000.0, 2000.0)  # a page whose BleedBox does not limit anything


def test_without_bleed_or_safe_edge_a_page_shows_exactly_its_slot():
    assert shown_area(LEFT, SIDE, SheetStyle(), EVERYWHERE) == (0.0, 0.0, 396.0, 612.0)
    assert shown_area(RIGHT, SIDE, SheetStyle(), EVERYWHERE) == (396.0, 0.0, 792.0, 612.0)


def test_bleed_grows_only_the_sides_that_are_sheet_edges():
    style = SheetStyle(bleed=9.0, mark_space=36.0)
    assert shown_area(LEFT, SIDE, style, EVERYWHERE) == (-9.0, -9.0, 396.0, 621.0)  # not into the right slot
    assert shown_area(RIGHT, SIDE, style, EVERYWHERE) == (396.0, -9.0, 801.0, 621.0)


def test_a_home_printers_unprintable_edge_keeps_ink_off_the_sheet_edge():
    style = SheetStyle(safe_edge=18.0)
    assert shown_area(LEFT, SIDE, style, EVERYWHERE) == (18.0, 18.0, 396.0, 594.0)
    assert shown_area(RIGHT, SIDE, style, EVERYWHERE) == (396.0, 18.0, 774.0, 594.0)


def test_a_pages_own_bleed_box_cuts_off_its_printers_marks():
    style = SheetStyle(bleed=9.0, mark_space=36.0)
    page_bleed = (-4.5, -4.5, 400.5, 616.5)  # a print-ready page with less bleed than the sheet's
    assert shown_area(LEFT, SIDE, style, page_bleed) == (-4.5, -4.5, 396.0, 616.5)


def test_the_geometry_loads_no_pdf_library():
    code = "import sys, pamphlet.impose.clip; print(sorted(m for m in ('pypdf', 'reportlab') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
