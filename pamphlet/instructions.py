"""How to print and fold a built PDF, in words for the person at the printer."""

from __future__ import annotations

from .impose.plans import Plan
from .layout.spec import LayoutSpec
from .profiles import PrintProfile

_PAPER = {(792, 612): "US Letter", (842, 595): "A4"}


def paper_name(width: float, height: float) -> str:
    key = (round(max(width, height)), round(min(width, height)))
    return _PAPER.get(key, f"{width / 72:.2f} x {height / 72:.2f} in")


def print_instructions(spec: LayoutSpec, profile: PrintProfile, plan: Plan, booklet: str = "imposed",
                       first_page: int = 1) -> list[str]:
    """The steps, for a PDF whose pamphlet starts at ``first_page`` (3 after an instruction sheet)."""
    side = plan.sides[0]
    paper = paper_name(side.width, side.height)
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
    sheets = len(plan.sides) // 2 if len(plan.sides) > 1 else 1
    steps = [f"Paper: {paper}, landscape; scale 100% (\"Actual size\"), not \"Fit to page\"."]
    if profile.duplex == "manual":
        half, a = len(plan.sides) // 2, first_page
        steps.append(f"Two passes (printer without duplex): first print pages {a}-{a + half - 1} (the fronts).")
        steps.append("Take the printed stack from the output tray without turning it over or reordering it, and put it "
                     "back in the input tray the same way round, the edge that came out first going in first.")
        steps.append(f"Then print pages {a + half}-{a + 2 * half - 1} (the backs; they are already in reverse order and turned "
                     "to match). Try it first with the duplex test sheet: make_pamphlet.py test-sheet.")
    else:
        steps.append("Print two-sided, flip on the SHORT edge.")
    if spec.scheme == "trifold":
        steps.append("Fold: lay the sheet inside up (three columns of text); fold the right panel in along the fold ticks, "
                     "then fold the left panel over it so the cover is on top.")
    else:
        steps.append(f"Fold: keep the {sheets} sheet(s) in printed order, stack them, fold the stack in half along the "
                     "centre ticks, and staple twice on the fold (saddle stitch).")
    return steps
