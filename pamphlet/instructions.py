"""How to print and fold a built PDF, in words for the person at the printer."""

from __future__ import annotations

from .impose.paperpath import PAPER_PATHS
from .impose.plans import Plan
from .layout.spec import LayoutSpec
from .profiles import PrintProfile

_PAPER = {(792, 612): "US Letter", (842, 595): "A4", (612, 396): "half letter (5.5 x 8.5 in)", (595, 420): "A5",
          (1224, 792): "tabloid (11 x 17 in)", (1191, 842): "A3"}


def paper_name(width: float, height: float) -> str:
    key = (round(max(width, height)), round(min(width, height)))
    return _PAPER.get(key, f"{width / 72:.2f} x {height / 72:.2f} in")


def print_instructions(spec: LayoutSpec, profile: PrintProfile, plan: Plan, booklet: str = "imposed",
                       first_page: int = 1) -> list[str]:
    """The steps, for a PDF whose pamphlet starts at ``first_page`` (3 after an instruction sheet)."""
    side = plan.sides[0]
    paper = paper_name(side.width, side.height)
    if spec.scheme == "screen":
        return ["For a phone or a screen: share this file (a messaging app, a website); its addresses, e-mails and "
                "phone numbers open when touched, and its bookmarks list the sections.",
                "Not for printing: print the tri-fold or the booklet."]
    if profile.commercial:
        marks = " and crop marks" if profile.crop_marks else ", no marks"
        steps = [f"Send to the print shop: {len(plan.sides)} page(s), trim {side.width / 72:.4g} x {side.height / 72:.4g} in "
                 f"({side.width * 25.4 / 72:.0f} x {side.height * 25.4 / 72:.0f} mm), {spec.bleed / 72:.3g} in bleed{marks}, "
                 f"{profile.pdfx or profile.colour.upper()}."]
        if spec.scheme == "trifold":
            steps.append("Ask for: two-sided on one sheet, roll (letter) fold at the fold marks; "
                         "the narrow inside panel folds in first.")
        elif booklet == "pages":
            steps.append("Single pages in reading order: ask for saddle-stitch binding (the shop imposes them).")
        else:
            steps.append("Imposed sheets in saddle-stitch order: two-sided, flip on the short edge, fold and staple.")
        return steps
    if spec.scheme == "booklet" and booklet == "pages":
        return _single_pages(spec, profile, plan, paper)
    sheets = len(plan.sides) // 2 if len(plan.sides) > 1 else 1
    steps = [f"Paper: {paper}, landscape; scale 100% (\"Actual size\"), not \"Fit to page\"."]
    if profile.duplex == "manual":
        steps += manual_duplex_steps(profile.paper_path, len(plan.sides) // 2, first_page)
    else:
        steps.append("Print two-sided, flip on the SHORT edge.")
    if spec.scheme == "trifold":
        tucked, over = ("left", "right") if _cover_on_left(plan) else ("right", "left")
        steps.append(f"Fold: lay the sheet inside up (three columns of text); fold the {tucked} panel in along the fold "
                     f"ticks, then fold the {over} panel over it so the cover is on top.")
    else:
        steps.append(f"Fold: keep the {_sheets(sheets)} in printed order, stack them, fold the stack in half along the "
                     "centre ticks, and staple twice on the fold (saddle stitch).")
    if first_page > 1:  # said before the steps that print, so nobody wonders whether to print this sheet too
        steps.insert(1, instruction_sheet_step(profile.duplex == "manual", first_page))
    return steps


def _cover_on_left(plan: Plan) -> bool:
    """Whether the cover is the outside's left panel (a right-to-left tri-fold, imposed mirrored)."""
    side = plan.sides[0]
    return any(p.page == 0 and p.x + p.width / 2 < side.width / 2 for p in side.placements)


def instruction_sheet_step(manual: bool, first_page: int) -> str:
    """What to do with the instruction sheet itself, in the page numbers of the PDF that holds it."""
    own = f"{pages_named(1, first_page - 1)} of this PDF are these instructions and their blank back"
    if manual:
        return (f"{own[0].upper()}{own[1:]}: the two passes below leave them out; print {pages_named(1, 1)} on its own "
                "if you want the instructions on paper.")
    return (f"{own[0].upper()}{own[1:]}, a sheet of their own: print the whole PDF two-sided, or start at page {first_page} "
            "to leave them out.")


def pages_said(scheme: str, reader_pages: int, sheet_sides: int, single_pages: bool, instruction_sheet: bool) -> str:
    """What a built PDF holds, in words that cannot be misread: '12 pages on 3
    sheets, two-sided', '6 panels on 1 sheet, two-sided', '12 single pages'."""
    if single_pages:
        said = f"{reader_pages} single pages, in reading order"
    else:
        sheets = max(1, sheet_sides // 2)
        what = "panels" if scheme == "trifold" else "pages"
        said = f"{reader_pages} {what} on {_sheets(sheets)}, two-sided"
    return said + (", after a sheet of printing instructions" if instruction_sheet else "")


def _sheets(count: int) -> str:
    return f"{count} sheet{'s' if count != 1 else ''}"


def pages_named(first: int, last: int) -> str:
    """'page 3' or 'pages 3-5'."""
    return f"page {first}" if first == last else f"pages {first}-{last}"


def manual_duplex_steps(paper_path: str, sheets: int, first_page: int = 1) -> list[str]:
    """The two passes for a printer without duplex, for its paper path."""
    path = PAPER_PATHS[paper_path]
    a, fronts_end = first_page, first_page + sheets - 1
    delivers = path.delivers.replace("-", " ")
    order = ("last sheet first, " if path.backs_reversed else "first sheet first, ") if sheets > 1 else ""
    return [
        f"Two passes (printer without duplex; paper path '{path.name}': it prints the side facing {path.prints} in the "
        f"tray and delivers it {delivers}): first print {pages_named(a, fronts_end)} (the front{'s' if sheets > 1 else ''}).",
        f"Then {path.handling}.",
        f"Then print {pages_named(fronts_end + 1, fronts_end + sheets)} (the back{'s' if sheets > 1 else ''}, {order}"
        "turned to match).",
        "Before printing many copies, check one: every back should stand the same way up as its front. If a back is "
        "upside down or on the same face as its front, this printer moves paper another way. Optional, for whoever "
        "made this PDF: make_pamphlet.py test-sheet --manual finds the printer's paper path, and building again with "
        "--paper-path orders the pages for it.",
    ]


def _single_pages(spec: LayoutSpec, profile: PrintProfile, plan: Plan, page_paper: str) -> list[str]:
    """Booklet pages one to a PDF page, for a home printer: not imposed."""
    sheet = paper_name(*spec.sheet)
    steps = [f"Pages: {len(plan.sides)} single pages of {page_paper}, portrait, in reading order (not imposed); "
             "scale 100% (\"Actual size\")."]
    if profile.duplex == "manual":
        steps.append(f"For a booklet without duplex, build with --booklet imposed (the sheets of {sheet} are laid out for you).")
    else:
        steps.append(f"For a booklet on {sheet}: choose your printer's \"Booklet\" setting (two pages to a side, two-sided, "
                     "flip on the short edge), or build with --booklet imposed, which lays out the sheets for you.")
    steps.append("Then stack the sheets in printed order, fold the stack in half, and staple twice on the fold "
                 "(saddle stitch).")
    return steps


def impose_instructions(result) -> list[str]:
    """How to print, cut or fold what ``impose`` made (an ImposeResult)."""
    from .profiles import load_profile

    profile = load_profile(result.profile)
    paper = paper_name(*result.sheet_size_pt)
    steps = []
    if result.scale < 0.9995:
        steps.append(f"The sheets are scaled to {result.scale:.1%} so nothing falls in the printer's unprintable edge "
                     f"({profile.unprintable_edge / 72:g} in); print at 100% (\"Actual size\").")
    if result.scheme == "booklet" and result.blank_pages:
        steps.append(f"{result.blank_pages} blank page(s) added before the back cover, so page {result.input_pages} "
                     "stays the back cover, to make a multiple of four.")
    if profile.commercial:
        marks = "crop and fold marks" if profile.crop_marks else "no marks"
        cut = ("one-sided; cut each page out at its own crop marks (bleed on every side, a "
               f"{result.gutter / 72 * 25.4:.0f} mm gutter between the pages)" if result.gutter
               else "one-sided; cut along the centre fold marks")
        if result.scheme == "2up" and result.gutter:
            marks = "crop marks for each page" if profile.crop_marks else "no marks"
        elif result.scheme == "2up":
            marks = "crop marks at the sheet's corners" if profile.crop_marks else "no marks"
            steps.append(f"No room on {paper} for a gutter between the pages: they meet at their trim and their bleed "
                         "is clipped there (a press sheet, --sheet tabloid or --sheet a3, gives each page its bleed "
                         "on every side).")
        finish = {"booklet": "two-sided, flip on the short edge; fold at the fold marks and saddle-stitch",
                  "trifold": "two-sided on one sheet; roll (letter) fold at the fold marks, the narrow inside panel first",
                  "2up": cut}[result.scheme]
        return steps + [f"Send to the print shop: {result.pages} sheet side(s) of {paper}, bleed and {marks}. Ask for: "
                        f"{finish}."]
    if result.scheme == "2up":
        halves = " (the last half sheet is blank)" if result.blank_pages else ""
        return steps + [f"Paper: {paper}, landscape. Print one-sided, at 100% (\"Actual size\").",
                        f"Cut each sheet in half along the centre ticks; stack the halves left then right, sheet by sheet: "
                        f"the pages then read in order{halves}."]
    steps.append(f"Paper: {paper}, landscape; scale 100% (\"Actual size\"), not \"Fit to page\".")
    if profile.duplex == "manual":
        steps += manual_duplex_steps(profile.paper_path, result.pages // 2)
    else:
        steps.append("Print two-sided, flip on the SHORT edge.")
    if result.scheme == "trifold":
        steps.append("Fold: lay the sheet inside up (three columns); fold the right panel in along the fold ticks, "
                     "then fold the left panel over it so the cover is on top.")
    else:
        steps.append(f"Fold: keep the {_sheets(result.pages // 2)} in printed order, stack them, fold the stack in half "
                     "along the centre ticks, and staple twice on the fold (saddle stitch).")
    return steps
