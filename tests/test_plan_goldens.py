"""Golden imposition plans: each file in cases/plans holds how a plan is
made and a text dump of the plan, every sheet side and every slot; a
difference is shown as a unified diff. Plans are data (impose/plans.py), so
these run without any PDF.

Fields: make: trifold (widths: six reader widths in pt, height), booklet
(pages, page: W x H, creep, sheet_width), 2up (pages, page) or pages
(sizes); then: steps applied in order, separated by ';': manual_duplex
PATH, fit, printable EDGE, cut_apart GUTTER (fit, printable and cut_apart
read sizes: each reader page's trim, W x H, comma-separated).

Set PAMPHLET_REGEN=1 to rewrite the expected dumps after a deliberate change
(then read the diff before committing it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamphlet.impose import plans
from pamphlet.impose.plans import Plan

from .goldens import check_case, read_case

CASES = sorted((Path(__file__).parent / "cases" / "plans").glob("*.txt"))
MARKER = "--- expected plan ---"


def _size(text: str) -> tuple[float, float]:
    width, height = text.split("x")
    return float(width), float(height)


def make_plan(fields: dict[str, str]) -> Plan:
    kind = fields["make"]
    sizes = [_size(s) for s in fields["sizes"].split(",")] if "sizes" in fields else []
    if kind == "trifold":
        plan = plans.trifold([float(w) for w in fields["widths"].split()], float(fields["height"]))
    elif kind == "booklet":
        sheet_width = float(fields["sheet_width"]) if "sheet_width" in fields else None
        plan = plans.booklet(int(fields["pages"]), *_size(fields["page"]), creep=float(fields.get("creep", 0)),
                             sheet_width=sheet_width)
    elif kind == "2up":
        plan = plans.two_up(int(fields["pages"]), *_size(fields["page"]))
    else:
        assert kind == "pages", kind
        plan = plans.pages_only(sizes)
    for step in filter(None, (s.split() for s in fields.get("then", "").split(";"))):
        name, args = step[0], step[1:]
        if name == "manual_duplex":
            plan = plans.manual_duplex(plan, *args)
        elif name == "fit":
            plan = plans.fit(plan, sizes)
        elif name == "printable":
            plan = plans.printable(plan, float(args[0]), sizes)[0]
        else:
            assert name == "cut_apart", name
            plan = plans.cut_apart(plan, sizes, float(args[0]))
            assert plan is not None, "the pages fit the sheet"
    return plan


def _num(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def dump(plan: Plan) -> list[str]:
    """The plan as lines: one a sheet side, one an indented slot (pages numbered from 1)."""
    lines = [f"plan {plan.scheme}: {len(plan.sides)} side(s), {plan.blank_pages_added} blank page(s) added"]
    for side in plan.sides:
        extra = "".join([f", folds at {' '.join(_num(x) for x in side.folds)}" if side.folds else "",
                         f", turned {side.rotate}" if side.rotate else "", ", cut apart" if side.cut_slots else ""])
        lines.append(f"{side.label}: {_num(side.width)} x {_num(side.height)}{extra}")
        for slot in side.placements:
            what = "blank" if slot.page is None else f"page {slot.page + 1}"
            extra = "".join([f", bleed {' '.join(slot.bleed_edges)}" if slot.bleed_edges else "",
                             f", scale {_num(slot.scale)}" if slot.scale != 1 else "",
                             f", shift {_num(slot.shift)}" if slot.shift else ""])
            lines.append(f"  {what} at {_num(slot.x)}, {_num(slot.y)}: {_num(slot.width)} x {_num(slot.height)}{extra}")
    return lines


def test_there_are_plan_cases():
    assert len(CASES) >= 4


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_plan(path):
    fields, expected = read_case(path, MARKER)
    check_case(path, MARKER, expected, dump(make_plan(fields)))
