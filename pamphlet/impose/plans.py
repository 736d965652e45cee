"""Imposition plans: which reader page goes where on which sheet side.

A plan is pure data (no PDF here): ``apply.py`` is the only module that
touches pages. Sheet coordinates are PDF points from the sheet's lower left.
Every side is meant to be printed upright; for two-sided printing the sheet
is turned on its short edge (the usual setting for landscape sheets).
``manual_duplex`` reorders and turns the sides for printers that cannot.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .paperpath import DEFAULT_PAPER_PATH, PAPER_PATHS


@dataclass(frozen=True)
class Placement:
    page: int | None  # reader page index (0-based); None leaves the slot blank
    x: float  # where the page's trim box lower-left lands on the sheet
    y: float
    width: float  # trim size of the slot
    height: float
    bleed_edges: tuple[str, ...] = ()  # slot edges that are sheet edges: left, right, top, bottom
    # The page is drawn at ``scale``, centred in the slot, then moved ``shift``
    # points to the right (booklet creep); the clip stays the slot.
    scale: float = 1.0
    shift: float = 0.0


@dataclass(frozen=True)
class SheetSide:
    label: str  # e.g. "sheet 1 front"
    width: float
    height: float
    placements: tuple[Placement, ...]
    folds: tuple[float, ...] = ()  # x positions of vertical folds
    rotate: int = 0  # 0 or 180: the whole side, marks included, turned about the sheet centre


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


def booklet(pages: int, page_width: float, page_height: float, creep: float = 0.0) -> Plan:
    """Reader pages -> sheets two pages to a side, in saddle-stitch order.
    Pages past ``pages`` (padding to a multiple of four) are left blank.

    ``creep`` is the paper thickness in points: folded inside the sheets
    around it, sheet k (0 the outermost) sticks out k thicknesses further at
    the fore-edge, so its pages are drawn k * creep closer to the spine and
    the margins still look even after trimming."""
    total = padded(pages)
    sides = []
    for n, (front, back) in enumerate(booklet_order(total)):
        for label, (left, right) in (("front", front), ("back", back)):
            placements = tuple(
                Placement(p - 1 if p <= pages else None, x, 0.0, page_width, page_height,
                          ("top", "bottom", edge), shift=shift)
                for p, x, edge, shift in ((left, 0.0, "left", n * creep), (right, page_width, "right", -n * creep))
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


def fit(plan: Plan, sizes: list[tuple[float, float]]) -> Plan:
    """Each placed page scaled to fit its slot, keeping its proportions (for
    PDFs made elsewhere, whose pages need not match the slots)."""
    def fitted(slot: Placement) -> Placement:
        if slot.page is None:
            return slot
        width, height = sizes[slot.page]
        return replace(slot, scale=min(slot.width / width, slot.height / height))

    return replace(plan, sides=tuple(replace(side, placements=tuple(fitted(p) for p in side.placements))
                                     for side in plan.sides))


def manual_duplex(plan: Plan, paper_path: str = DEFAULT_PAPER_PATH) -> Plan:
    """A two-sided plan (sides in pairs: sheet 1 front, sheet 1 back, ...)
    reordered for a printer that prints one side at a time: every front,
    sheet 1 first, then every back, each turned 180°, in the order the
    paper path brings the sheets back (``paperpath``): last sheet first for
    a stack put back as it lies, first sheet first for a stack turned over.

    Why 180°: the sheet goes in with the same edge first both times, and the
    printer sets each side the same way round relative to that edge, as
    seen from the side it prints. Seen from the back after turning the
    sheet on its short edge, that edge has moved to the other end, so an
    unturned back would stand on its head. One sheet (a tri-fold: outside,
    inside) becomes [front][back turned]."""
    if len(plan.sides) % 2:
        raise ValueError("manual duplex needs a two-sided plan (a front and a back for every sheet)")
    path = PAPER_PATHS[paper_path]
    fronts, backs = plan.sides[0::2], plan.sides[1::2]
    if path.backs_reversed:
        backs = tuple(reversed(backs))
    return replace(plan, sides=fronts + tuple(replace(side, rotate=180) for side in backs))
