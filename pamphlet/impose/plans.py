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
    """Where one reader page lands on a sheet side."""

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
    """One side of a printed sheet and the pages placed on it."""

    label: str  # e.g. "sheet 1 front"
    width: float
    height: float
    placements: tuple[Placement, ...]
    folds: tuple[float, ...] = ()  # x positions of vertical folds
    rotate: int = 0  # 0 or 180: the whole side, marks included, turned about the sheet centre
    cut_slots: bool = False  # each slot is cut out on its own (crop marks per slot, bleed on all its sides)


@dataclass(frozen=True)
class Plan:
    """Every sheet side of an imposition, in printing order."""

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


def mirrored(plan: Plan) -> Plan:
    """The plan of a right-to-left pamphlet: every side turned left for
    right, each page keeping its slot's width and its place in the drawing
    order. A tri-fold's outside reads [cover, back, flap] and its inside
    spread starts on the right, behind the flap; a booklet is bound on the
    right (8 pages: sheet 1 front [1, 8], back [7, 2]), its creep pushing
    the pages toward that spine."""
    swap = {"left": "right", "right": "left"}

    def side_of(side: SheetSide) -> SheetSide:
        placements = tuple(replace(p, x=side.width - p.x - p.width, shift=-p.shift,
                                   bleed_edges=tuple(swap.get(edge, edge) for edge in p.bleed_edges))
                           for p in side.placements)
        return replace(side, placements=placements, folds=tuple(sorted(side.width - x for x in side.folds)))

    return replace(plan, sides=tuple(side_of(side) for side in plan.sides))


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


def booklet(pages: int, page_width: float, page_height: float, creep: float = 0.0, sheet_width: float | None = None) -> Plan:
    """Reader pages -> sheets two pages to a side, in saddle-stitch order.
    Padding to a multiple of four goes before the last page, which stays
    the back cover (as ``build`` pads); ``blank_pages_added`` says how many.

    ``creep`` is the paper thickness in points: folded inside the sheets
    around it, sheet k (0 the outermost) sticks out k thicknesses further at
    the fore-edge, so its pages are drawn k * creep closer to the spine and
    the margins still look even after trimming. ``sheet_width``: a sheet
    wider than two pages (A5 pages of 148 mm on A4 of 297 mm) has the pages
    centred on it, the fold in the middle."""
    total = padded(pages)
    sheet_width = sheet_width or 2 * page_width
    inset = (sheet_width - 2 * page_width) / 2

    def reader_page(position: int) -> int | None:  # 1-based position in the padded booklet -> page index
        if position < pages or pages < 2:
            return position - 1 if position <= pages else None
        return pages - 1 if position == total else None

    sides = []
    for n, (front, back) in enumerate(booklet_order(total)):
        for label, (left, right) in (("front", front), ("back", back)):
            placements = tuple(
                Placement(reader_page(p), x, 0.0, page_width, page_height,
                          ("top", "bottom", edge), shift=shift)
                for p, x, edge, shift in ((left, inset, "left", n * creep),
                                          (right, inset + page_width, "right", -n * creep))
            )
            sides.append(SheetSide(f"sheet {n + 1} {label}", sheet_width, page_height, placements, (sheet_width / 2,)))
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


def cut_apart(plan: Plan, sizes: list[tuple[float, float]], gutter: float) -> Plan | None:
    """For a print shop: the pages of each side (cut apart after printing,
    as in ``2up``) at 100%, in slots the size of the largest trim, ``gutter``
    apart (room for both neighbours' bleed) and centred on the sheet, each
    with bleed on all four sides and crop marks of its own. None when the
    sheet has no room for them (the pages then meet at their trim)."""
    placed = [sizes[p.page] for side in plan.sides for p in side.placements if p.page is not None]
    if not placed:
        return None
    width, height = max(w for w, _ in placed), max(h for _, h in placed)

    def side_of(side: SheetSide) -> SheetSide | None:
        count = len(side.placements)
        used = count * width + (count - 1) * gutter
        if used > side.width + 0.01 or height > side.height + 0.01:
            return None
        x0, y0 = (side.width - used) / 2, (side.height - height) / 2
        placements = tuple(replace(p, x=x0 + k * (width + gutter), y=y0, width=width, height=height, scale=1.0,
                                   bleed_edges=("left", "right", "top", "bottom"))
                           for k, p in enumerate(side.placements))
        return replace(side, placements=placements, folds=(), cut_slots=True)

    sides = [side_of(side) for side in plan.sides]
    return None if any(side is None for side in sides) else replace(plan, sides=tuple(sides))


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


def printable(plan: Plan, edge: float, sizes: list[tuple[float, float]]) -> tuple[Plan, float]:
    """The plan scaled about each sheet's centre, all sides by one factor,
    just enough that every placed trim (``sizes``: each page's trim size,
    drawn at its slot's scale, centred in it) clears ``edge`` (the printer's
    unprintable edge), and that factor (1.0 when nothing needed it). One
    factor for all sides keeps fronts and backs in register; folds move with
    the pages, so the fold ticks stay on the folds."""
    factor = 1.0
    for side in plan.sides:
        cx, cy = side.width / 2, side.height / 2
        for slot in side.placements:
            if slot.page is None:
                continue
            w, h = (slot.scale * v for v in sizes[slot.page])
            x0, y0 = slot.x + slot.shift + (slot.width - w) / 2, slot.y + (slot.height - h) / 2
            x1, y1 = x0 + w, y0 + h
            for low, high, centre in ((x0, x1, cx), (y0, y1, cy)):
                if low < edge:
                    factor = min(factor, (centre - edge) / (centre - low))
                if high > 2 * centre - edge:
                    factor = min(factor, (centre - edge) / (high - centre))
    if factor >= 1.0:
        return plan, 1.0

    def scaled(side: SheetSide) -> SheetSide:
        cx, cy = side.width / 2, side.height / 2
        placements = tuple(replace(p, x=cx + factor * (p.x - cx), y=cy + factor * (p.y - cy), width=p.width * factor,
                                   height=p.height * factor, scale=p.scale * factor, shift=p.shift * factor)
                           for p in side.placements)
        return replace(side, placements=placements, folds=tuple(cx + factor * (x - cx) for x in side.folds))

    return replace(plan, sides=tuple(scaled(side) for side in plan.sides)), factor


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
