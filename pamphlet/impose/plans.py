"""Imposition plans: which reader page goes where on which sheet side.

A plan is pure data (no PDF here): ``apply.py`` is the only module that
touches pages. Sheet coordinates are PDF points from the sheet's lower left.
Every side is meant to be printed upright; for two-sided printing the sheet
is turned on its short edge (the usual setting for landscape sheets).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    page: int | None  # reader page index (0-based); None leaves the slot blank
    x: float  # where the page's trim box lower-left lands on the sheet
    y: float
    width: float  # trim size of the slot
    height: float
    bleed_edges: tuple[str, ...] = ()  # slot edges that are sheet edges: left, right, top, bottom


@dataclass(frozen=True)
class SheetSide:
    label: str  # e.g. "sheet 1 front"
    width: float
    height: float
    placements: tuple[Placement, ...]
    folds: tuple[float, ...] = ()  # x positions of vertical folds


@dataclass(frozen=True)
class Plan:
    scheme: str
    sides: tuple[SheetSide, ...]
    blank_pages_added: int = 0


def trifold(reader_widths: list[float], height: float) -> Plan:
    """Six panels in reader order [cover, flap, inside left, inside middle,
    inside right, back] -> two sheet sides.

    Outside side, left to right: [flap, back, cover]; inside side: [inside
    left, middle, right]. Turned on the short edge, the inside right panel
    lies behind the flap and the inside left behind the cover."""
    if len(reader_widths) != 6:
        raise ValueError("a tri-fold has six panels")
    cover, flap, left, middle, right, back = range(6)

    def side(label: str, order: list[int]) -> SheetSide:
        x, placements, folds = 0.0, [], []
        for n, page in enumerate(order):
            w = reader_widths[page]
            edges = ("top", "bottom") + (("left",) if n == 0 else ()) + (("right",) if n == 2 else ())
            placements.append(Placement(page, x, 0.0, w, height, edges))
            x += w
            if n < 2:
                folds.append(x)
        return SheetSide(label, x, height, tuple(placements), tuple(folds))

    return Plan("trifold", (side("outside", [flap, back, cover]), side("inside", [left, middle, right])))


def booklet_order(pages: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Saddle-stitch order, 1-based: per sheet, (front left, front right),
    (back left, back right). ``pages`` must be a multiple of four."""
    if pages % 4:
        raise ValueError("a saddle-stitched booklet needs a multiple of four pages")
    order = []
    for sheet in range(pages // 4):
        outer, inner = pages - 2 * sheet, 1 + 2 * sheet
        order.append(((outer, inner), (inner + 1, outer - 1)))
    return order


def padded(pages: int) -> int:
    return -(-pages // 4) * 4


def booklet(pages: int, page_width: float, page_height: float) -> Plan:
    """Reader pages -> sheets two pages to a side, in saddle-stitch order.
    Pages past ``pages`` (padding to a multiple of four) are left blank."""
    total = padded(pages)
    sides = []
    for n, (front, back) in enumerate(booklet_order(total)):
        for label, (left, right) in (("front", front), ("back", back)):
            placements = tuple(
                Placement(p - 1 if p <= pages else None, x, 0.0, page_width, page_height,
                          ("top", "bottom", edge))
                for p, x, edge in ((left, 0.0, "left"), (right, page_width, "right"))
            )
            sides.append(SheetSide(f"sheet {n + 1} {label}", 2 * page_width, page_height, placements, (page_width,)))
    return Plan("booklet", tuple(sides), total - pages)


def pages_only(sizes: list[tuple[float, float]]) -> Plan:
    """Each reader page on its own sheet (single pages for a print shop)."""
    return Plan("pages", tuple(
        SheetSide(f"page {n + 1}", w, h, (Placement(n, 0.0, 0.0, w, h, ("left", "right", "top", "bottom")),))
        for n, (w, h) in enumerate(sizes)
    ))


def two_up(pages: int, page_width: float, page_height: float) -> Plan:
    """Two consecutive pages side by side on each sheet side."""
    sides = []
    for n in range(0, pages, 2):
        placements = tuple(
            Placement(p if p < pages else None, x, 0.0, page_width, page_height, ("top", "bottom", edge))
            for p, x, edge in ((n, 0.0, "left"), (n + 1, page_width, "right"))
        )
        sides.append(SheetSide(f"sheet side {n // 2 + 1}", 2 * page_width, page_height, placements, (page_width,)))
    return Plan("2up", tuple(sides))
