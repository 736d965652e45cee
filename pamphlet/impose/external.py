"""Impose a PDF made elsewhere: any PDF -> printer sheets, written to a file.

In:  a PDF file, a scheme (``booklet``, ``trifold`` or ``2up``), a sheet
     (``letter`` or ``a4``, landscape), a print profile and the output path.
Out: the imposed PDF, written atomically, and an ImposeResult saying what
     was made and what the user must know (scaling, padding, annotations
     left out); or a PamphletError ("what is wrong; what was expected") for
     a file that is not a PDF, is encrypted, or has the wrong page count.

Each page's trim (its TrimBox; the page itself when it has none) is placed
in its slot, scaled to fit it keeping its proportions when the sizes differ
(at 100% when they match), and centred; its bleed shows past the sheet's
edges where the profile has bleed, never its own printer's marks. For a
print shop, ``2up`` pages (cut apart) are set at 100% with a gutter of twice
the bleed between them and crop marks of their own, when the sheet has room
(a press sheet such as tabloid or A3); otherwise they meet at the trim and
their bleed is clipped there, which the result says. For a print shop the
pages' colours are converted to CMYK (``render.pdfart``, as vector art is),
the file is labelled PDF/X as ``build`` labels its own, and it is written
only when it passes ``check``'s preflight for the profile. Fonts
and images come along unchanged; web links come along (for home print),
other annotations are listed as left out. For a home printer, sheets that
would lose ink to the unprintable edge are scaled down to clear it, and
the result says so; booklets are padded before the back cover.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, PamphletError, Problem
from ..layouts import load_layout
from ..limits import MAX_IMPOSE_PAGES
from ..output import check_writable, write_output
from ..pdfinput import read_pdf, reading
from ..profiles import PrintProfile, load_profile
from . import plans
from .apply import impose, is_web_link, page_sizes
from .sheetcache import PdfxLabel
from .sheets import IMPOSE_SHEETS, SCHEMES, SHEETS
from .style import SheetStyle

TRIFOLD_PANELS = "front cover, fold-in flap, inside left, inside middle, inside right, back"
SHEET_BLEED = {"letter": 9.0, "a4": 8.5, "tabloid": 9.0, "a3": 8.5}  # 0.125 in for US sizes, 3 mm for ISO sizes


@dataclass(frozen=True)
class ImposeResult:
    path: Path
    scheme: str
    pages: int  # sheet sides: pages of the written PDF
    input_pages: int
    blank_pages: int  # empty slots: booklet padding to a multiple of four, an odd last page in 2up
    sheet_size_pt: tuple[float, float]
    scale: float = 1.0  # the sheets scaled to clear a home printer's unprintable edge
    left_out: tuple[str, ...] = ()  # annotations not carried over, by page
    profile: str = "home"
    gutter: float | None = None  # 2up for a print shop: the gap left between pages for their bleed; 0: no room


def impose_file(input_pdf: Path, scheme: str, sheet: str, output: Path, profile: str = "home") -> ImposeResult:
    if scheme not in SCHEMES:
        raise PamphletError(f"unknown scheme '{scheme}'; expected one of: {', '.join(SCHEMES)}")
    if sheet not in IMPOSE_SHEETS:
        raise PamphletError(f"unknown sheet '{sheet}'; expected one of: {', '.join(IMPOSE_SHEETS)}")
    if scheme == "trifold" and sheet not in SHEETS:
        raise PamphletError(f"a tri-fold is laid out on its own sheet, not '{sheet}'; expected one of: {', '.join(SHEETS)}")
    print_profile = load_profile(profile)
    source = read_pdf(input_pdf, MAX_IMPOSE_PAGES)
    data, title = source.data, source.title or input_pdf.stem
    check_writable(output.parent)
    with reading(input_pdf):
        sizes = page_sizes(data)
    width, height = IMPOSE_SHEETS[sheet]
    if scheme == "trifold":
        if len(sizes) != 6:
            raise PamphletError(Problem(Location(input_pdf), f"has {len(sizes)} page(s)",
                                        f"expected 6 panel pages for a tri-fold ({TRIFOLD_PANELS})"))
        plan = plans.trifold([page.width for page in load_layout(f"trifold-{sheet}").trifold_pages()], height)
    elif scheme == "booklet":
        plan = plans.booklet(len(sizes), width / 2, height)
    else:
        plan = plans.two_up(len(sizes), width / 2, height)
    gutter = None
    shop_2up, gap = scheme == "2up" and print_profile.commercial, 2 * SHEET_BLEED[sheet]
    cut = plans.cut_apart(plan, sizes, gap) if shop_2up else None
    if cut is not None:  # each page at 100% with its bleed to the middle of the gutter
        plan, gutter = cut, gap
    else:
        plan = plans.fit(plan, sizes)
        if shop_2up:
            gutter = 0.0  # no room: the pages meet at their trim, their bleed clipped there
    scale = 1.0
    if print_profile.unprintable_edge:
        plan, scale = plans.printable(plan, print_profile.unprintable_edge, sizes)
    if print_profile.duplex == "manual" and scheme != "2up":
        plan = plans.manual_duplex(plan, print_profile.paper_path)

    style = _style(print_profile, sheet)
    keep_links = not print_profile.commercial  # a print file has no links over the page
    with reading(input_pdf):
        pdf = _imposed(input_pdf, data, plan, style, title, print_profile, keep_links)
    if print_profile.commercial:
        _preflight(input_pdf, pdf, print_profile)
    write_output(output, pdf)
    blank = sum(slot.page is None for side in plan.sides for slot in side.placements)
    return ImposeResult(output, scheme, len(plan.sides), len(sizes), blank, (width, height), scale,
                        dropped_annotations(data, keep_links), print_profile.name, gutter)


def _imposed(input_pdf: Path, data: bytes, plan: plans.Plan, style: SheetStyle, title: str, profile: PrintProfile,
             keep_links: bool) -> bytes:
    """The sheets; for CMYK output every page's colours converted as vector
    art's are (``render.pdfart``), and for PDF/X the file labelled as
    ``build`` labels its own (output intent, version, dates, XMP)."""
    colours = None
    if profile.colour == "cmyk":
        from ..render.vectorcolour import VectorColours

        colours = VectorColours(None, profile.output_profile, profile.no_transparency)
    finish = PdfxLabel(profile.pdfx, profile.output_intent, title).finish if profile.pdfx else None
    metadata = {"Title": title, "Creator": "pamphlet", "Producer": "pamphlet"}
    from ..render.vectorcolour import NotConvertible

    try:
        return impose(data, plan, style, 0.0, metadata, finish, keep_links=keep_links, colours=colours)
    except NotConvertible as refused:
        raise PamphletError(Problem(Location(input_pdf), f"page {refused.page} holds {refused}, which cannot be "
                                    f"converted to CMYK for '{profile.name}'", refused.expected)) from None


def _preflight(input_pdf: Path, pdf: bytes, profile: PrintProfile) -> None:
    """A file for a print shop is written only if it passes the preflight a
    build's own output passes: what converting colours cannot mend (fonts
    not embedded, coarse images, small coloured text on several plates, too
    much ink) is said, page by page, and nothing is written."""
    from ..check.preflight import failures, preflight

    failed = failures(preflight(pdf, profile))
    if failed:
        raise PamphletError([Problem(Location(input_pdf), f"imposed for '{profile.name}', it fails preflight: {f}")
                             for f in failed])


def _style(profile: PrintProfile, sheet: str) -> SheetStyle:
    bleed = SHEET_BLEED[sheet] if profile.bleed else 0.0
    marks = profile.crop_marks or profile.fold_marks == "marks"
    return SheetStyle(bleed=bleed, safe_edge=profile.unprintable_edge, mark_space=max(36.0, bleed + 27.0) if marks else bleed,
                      crop_marks=profile.crop_marks, fold_marks=profile.fold_marks, colour_model=profile.colour)


def dropped_annotations(data: bytes, keep_links: bool = True) -> tuple[str, ...]:
    """What the imposed sheets leave out, page by page: every annotation but
    the web links ``impose`` carries over (form fields, comments, links
    within the document, whose pages no longer exist as such)."""
    import io

    from pypdf import PdfReader

    left_out = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            kind = str(annotation.get("/Subtype", "/Unknown"))
            if kind in ("/Popup",) or (keep_links and is_web_link(annotation)):
                continue
            if kind == "/Widget":
                field = annotation.get("/T")
                if field is None and annotation.get("/Parent") is not None:
                    field = annotation["/Parent"].get_object().get("/T")
                what = f"form field '{field}'" if field else "a form field"
            elif kind == "/Link":
                what = "a web link (a print file has none)" if is_web_link(annotation) else "a link within the document"
            else:
                what = f"a {kind.lstrip('/')} annotation"
            left_out.append(f"page {number}: {what}")
    return tuple(left_out)

