"""Impose a PDF made elsewhere: any PDF -> printer sheets, written to a file.

In:  a PDF file, a scheme (``booklet``, ``trifold`` or ``2up``), a sheet
     (``letter`` or ``a4``, landscape) and the output path.
Out: the imposed PDF, written atomically, and an ImposeResult saying what
     was made; or a PamphletError ("what is wrong; what was expected") for
     a file that is not a PDF, is encrypted, or has the wrong page count.

Each page is scaled to fit its slot, keeping its proportions, and centred;
its fonts and images come along unchanged. Sheets get fold ticks and no ink
within 0.25 in of the edge, as for a home printer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, PamphletError, Problem
from ..layout.spec import load_layout
from ..limits import MAX_IMPOSE_PAGES
from ..output import check_writable, write_output
from ..pdfinput import read_pdf
from . import plans
from .apply import SheetStyle, impose, page_sizes
from .sheets import SCHEMES, SHEETS

TRIFOLD_PANELS = "front cover, fold-in flap, inside left, inside middle, inside right, back"
HOME_EDGE = 18.0  # 0.25 in: what office printers cannot print


@dataclass(frozen=True)
class ImposeResult:
    path: Path
    scheme: str
    pages: int  # sheet sides: pages of the written PDF
    input_pages: int
    blank_pages: int  # empty slots: booklet padding to a multiple of four, an odd last page in 2up
    sheet_size_pt: tuple[float, float]


def impose_file(input_pdf: Path, scheme: str, sheet: str, output: Path) -> ImposeResult:
    if scheme not in SCHEMES:
        raise PamphletError(f"unknown scheme '{scheme}'; expected one of: {', '.join(SCHEMES)}")
    if sheet not in SHEETS:
        raise PamphletError(f"unknown sheet '{sheet}'; expected one of: {', '.join(SHEETS)}")
    source = read_pdf(input_pdf, MAX_IMPOSE_PAGES)
    data, title = source.data, source.title or input_pdf.stem
    check_writable(output.parent)
    sizes = page_sizes(data)
    width, height = SHEETS[sheet]
    if scheme == "trifold":
        if len(sizes) != 6:
            raise PamphletError(Problem(None, f"{Location(input_pdf)} has {len(sizes)} page(s)",
                                        f"expected 6 panel pages for a tri-fold ({TRIFOLD_PANELS})"))
        plan = plans.trifold([page.width for page in load_layout(f"trifold-{sheet}").trifold_pages()], height)
    elif scheme == "booklet":
        plan = plans.booklet(len(sizes), width / 2, height)
    else:
        plan = plans.two_up(len(sizes), width / 2, height)
    plan = plans.fit(plan, sizes)

    pdf = impose(data, plan, SheetStyle(safe_edge=HOME_EDGE, fold_marks="ticks"), 0.0,
                 {"Title": title, "Creator": "pamphlet", "Producer": "pamphlet"})
    write_output(output, pdf)
    blank = sum(slot.page is None for side in plan.sides for slot in side.placements)
    return ImposeResult(output, scheme, len(plan.sides), len(sizes), blank, (width, height))
