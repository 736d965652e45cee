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

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ..errors import Location, PamphletError, Problem
from ..layout.spec import load_layout
from ..output import write_atomic
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
    data, title = _read_pdf(input_pdf)
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
    write_atomic(output, pdf)
    blank = sum(slot.page is None for side in plan.sides for slot in side.placements)
    return ImposeResult(output, scheme, len(plan.sides), len(sizes), blank, (width, height))


def _read_pdf(path: Path) -> tuple[bytes, str]:
    """The bytes and title of a readable, unencrypted PDF with pages."""
    where = Location(path)
    if not path.is_file():
        raise PamphletError(Problem(None, f"{where} does not exist", "expected a PDF file"))
    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise PamphletError(Problem(None, f"{where} is not a PDF", "expected a PDF file (one starting with %PDF-)"))
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
        title = "" if encrypted else str((reader.metadata or {}).get("/Title") or "")
    except Exception as exc:  # whatever a damaged file breaks in the reader is the file's problem
        raise PamphletError(Problem(None, f"{where} is a damaged PDF ({exc})", "expected a PDF that opens")) from None
    if encrypted:
        raise PamphletError(Problem(None, f"{where} is encrypted",
                                    "expected a PDF without a password or restrictions (save an unlocked copy first)"))
    if not pages:
        raise PamphletError(Problem(None, f"{where} has no pages", "expected a PDF with at least one page"))
    return data, title or path.stem
