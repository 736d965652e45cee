"""layout: a Document edition + a LayoutSpec -> placed reader pages.

In:  the document in one language, the layout, the brand palette names.
Out: ``Composition``: reader pages with every item at its final position and
     the body size the fit search chose; or a PamphletError naming the block
     that did not fit at the smallest allowed size, and by how much.

The fit search bisects the body sizes between the layout's maximum and
minimum (quarter points) for the largest at which the whole edition fits;
for a booklet, the largest among those needing the fewest sheets. Flowing stops where a frame is full and resumes at the next row, so a
paragraph split across panels continues where it stopped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..content.model import Document, Span, Text
from ..errors import Location, PamphletError, Problem, Problems
from ..languages import Language
from ..text.fonts import FontLibrary
from ..partner.edition import PartnerSlot
from .back import compose_back, split_back
from .spec import LayoutSpec, ReaderPage
from .brand import Logo
from .typeset import Fill, Item, Picture, Row, Setter, TextLine, stack_rows

_EPSILON = 0.01
SIZE_STEP = 0.25


@dataclass(frozen=True)
class PlacedPage:
    page: ReaderPage
    items: tuple[Item, ...]  # page coordinates: x from the left, y down from the top
    used: float = 0.0  # points of the frame's height taken by its content

    @property
    def fill(self) -> float:
        """How full the text frame is, 0 to 1."""
        return min(self.used / self.page.frame.h, 1.0) if self.page.frame.h > 0 else 0.0


@dataclass(frozen=True)
class Composition:
    layout: LayoutSpec | None  # None for pages outside any layout (an instruction sheet)
    lang: str
    body_size: float
    pages: tuple[PlacedPage, ...]
    blank_pages: int = 0  # booklet pages added to reach a multiple of four
    forced_breaks: tuple[str, ...] = ()  # blocks with a word wider than the line


@dataclass(frozen=True)
class Overflow:
    block_id: str
    where: Location | None
    amount: float  # points that did not fit
    frame: str
    blocks_after: int = 0  # further blocks that did not fit either


class _DoesNotFit(Exception):
    def __init__(self, overflow: Overflow):
        self.overflow = overflow


def compose(doc: Document, layout: LayoutSpec, lang: Language, library: FontLibrary, logo: Logo | None = None,
            partner: PartnerSlot | None = None) -> Composition:
    """Fit the layout's edition at the largest body size that holds it; a
    partner's slot goes on the back (and its credit on the cover)."""
    if layout.edition not in doc.editions:
        raise PamphletError(Problem(Location(doc.folder / "en.yaml"), f"no edition '{layout.edition}' for layout '{layout.name}'",
                                    f"expected an 'editions: {layout.edition}:' entry"))
    problems = Problems()
    shaped_cache: dict = {}
    sizes = [layout.body_max - k * SIZE_STEP for k in range(int(round((layout.body_max - layout.body_min) / SIZE_STEP)) + 1)]
    tried: dict[float, Composition | Overflow] = {}

    def attempt(body: float) -> Composition | Overflow:
        if body not in tried:
            setter = Setter(lang, library, body, layout.text_width, layout.hyphenate, problems, shaped_cache)
            try:
                tried[body] = _compose_at(doc, layout, setter, logo, partner)
            except _DoesNotFit as exc:
                tried[body] = exc.overflow
            problems.raise_if_any()  # a character no font has is reported before any fitting
        return tried[body]

    # Sizes are tried largest first and bisected, assuming a smaller size never
    # needs more room. A tri-fold takes the largest size that fits; a booklet
    # the largest size among those needing the fewest sheets (less paper,
    # fewer blank pages).
    smallest = attempt(sizes[-1])
    if isinstance(smallest, Overflow):
        o = smallest
        raise PamphletError(Problem(
            o.where,
            f"block '{o.block_id}'{f' and the {o.blocks_after} after it' if o.blocks_after else ''} do{'' if o.blocks_after else 'es'} "
            f"not fit in layout '{layout.name}' ({lang.code}): {o.amount:.1f} pt too much for {o.frame} "
            f"at the minimum body size {layout.body_min:g} pt",
            "expected the edition to fit; shorten the text, move blocks out of this edition, or use a layout with more room",
        ))

    def good(body: float) -> bool:
        result = attempt(body)
        return isinstance(result, Composition) and len(result.pages) <= len(smallest.pages)

    lo, hi = 0, len(sizes) - 1  # sizes[hi] is good; find the first good index
    if good(sizes[0]):
        hi = 0
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if good(sizes[mid]):
            hi = mid
        else:
            lo = mid
    return tried[sizes[hi]]


def _compose_at(doc: Document, layout: LayoutSpec, setter: Setter, logo: Logo | None = None,
                partner: PartnerSlot | None = None) -> Composition:
    edition = doc.editions[layout.edition]
    where = {b.id: b.where for b in doc.blocks}
    if partner and partner.contact:
        where[partner.contact.id] = partner.contact.where
    flow_rows = _stream(doc, edition.flow, setter)
    cover_rows = _stream(doc, edition.cover, setter)
    head_ids, foot_ids = split_back([doc.block(i) for i in edition.back])
    head_rows, foot_rows = _stream(doc, tuple(head_ids), setter), _stream(doc, tuple(foot_ids), setter)
    back_rows = head_rows + foot_rows

    if layout.scheme == "trifold":
        pages = layout.trifold_pages()
        placed_flow = _flow(flow_rows, [p for p in pages if p.slot == "flow"], where)
        blank = 0
    else:
        max_flow = layout.max_pages - 2
        candidates = [layout.booklet_page(n + 2, "flow") for n in range(max_flow)]
        placed_flow = _flow(flow_rows, candidates, where, stop_when_done=True)
        used = len(placed_flow)
        total = -(-(used + 2) // 4) * 4
        blank = total - used - 2
        pages = [layout.booklet_page(1, "cover"), *candidates[:used],
                 *[layout.booklet_page(used + 2 + n, "blank") for n in range(blank)],
                 layout.booklet_page(total, "back")]

    placed: list[PlacedPage] = []
    flow_iter = iter(placed_flow)
    for page in pages:
        used = 0.0
        if page.slot == "flow":
            items, used = next(flow_iter)
        elif page.slot == "cover":
            items = _cover(doc, page, cover_rows, setter, where, partner.credit if partner else None)
            used = _height(cover_rows)
        elif page.slot == "back":
            back = compose_back(page, head_rows, foot_rows, setter, partner, logo)
            if back.overflow:
                block_id, amount = back.overflow
                raise _DoesNotFit(Overflow(block_id, where.get(block_id), amount, page.name))
            items, used = list(back.items), back.used
        else:
            items = []
        if page.number is not None:
            items = items + _page_number(page, setter, doc)
        placed.append(PlacedPage(page, tuple(items), used))
    forced = tuple(sorted({row.block_id for row in flow_rows + cover_rows + back_rows
                           for item in row.items if isinstance(item, TextLine) and item.line.forced}))
    return Composition(layout, setter.lang.code, setter.body, tuple(placed), blank, forced)


def _stream(doc: Document, ids: tuple[str, ...], setter: Setter) -> list[Row]:
    """All rows of the given blocks; a heading keeps with the start of what follows."""
    rows: list[Row] = []
    keep_next = False
    for block_id in ids:
        block = doc.block(block_id)
        block_rows = setter.rows(block)
        if keep_next:
            block_rows = _glue_start(block_rows)
        rows += block_rows
        keep_next = block.type == "heading"
    return rows


def _glue_start(rows: list[Row], lines: int = 2) -> list[Row]:
    """Forbid a frame break before this block's first two rows (after a heading)."""
    out, seen = [], 0
    for row in rows:
        if seen < lines:
            out.append(Row(row.height, row.items, row.block_id, can_break_before=False, spacer=row.spacer))
            seen += not row.spacer
        else:
            out.append(row)
    return out


def _flow(rows: list[Row], pages: list[ReaderPage], where: dict, stop_when_done=False) -> list[tuple[list[Item], float]]:
    """Fill each page's frame in turn: each page's items and the height they
    take; raise _DoesNotFit with what was left over."""
    placed: list[tuple[list[Item], float]] = []
    i, n = 0, len(rows)
    for page in pages:
        if stop_when_done and i >= n:
            break
        while i < n and rows[i].spacer:
            i += 1  # no space at the top of a frame
        start, y = i, 0.0
        while i < n and y + rows[i].height <= page.frame.h + _EPSILON:
            y += rows[i].height
            i += 1
        if i < n:
            j = i
            while j > start and not rows[j].can_break_before:
                j -= 1
            if j == start:
                # An unbreakable run taller than an empty frame can never fit.
                end = i + 1
                while end < n and not rows[end].can_break_before:
                    end += 1
                height = sum(r.height for r in rows[start:end])
                raise _DoesNotFit(Overflow(rows[start].block_id, where.get(rows[start].block_id), height - page.frame.h, page.name))
            i = j
        placed.append((_place(rows[start:i], page), _height(rows[start:i])))
    rest = _without_leading_space(rows[i:])  # space left over after the last frame is no overflow
    if rest:
        last = pages[-1].name if pages else "the layout"
        after = len(dict.fromkeys(r.block_id for r in rest)) - 1
        raise _DoesNotFit(Overflow(rest[0].block_id, where.get(rest[0].block_id), sum(r.height for r in rest),
                                   f"the frames up to {last}", after))
    return placed


def _height(rows: list[Row]) -> float:
    """The height rows take in a frame (space at its top and foot dropped)."""
    rows = _without_leading_space(rows)
    while rows and rows[-1].spacer:
        rows = rows[:-1]
    return sum(r.height for r in rows)


def _without_leading_space(rows: list[Row]) -> list[Row]:
    while rows and rows[0].spacer:
        rows = rows[1:]
    return rows


def _place(rows: list[Row], page: ReaderPage, y: float = 0.0) -> list[Item]:
    """Rows set in the page's frame from ``y`` down (trailing space dropped)."""
    while rows and rows[-1].spacer:
        rows = rows[:-1]
    return stack_rows(rows, page.frame.x, page.frame.y + y)[0]


def _stack(rows: list[Row], page: ReaderPage, where: dict, top: float = 0.0) -> list[Item]:
    """Rows that must fit in one frame, from ``top`` down."""
    rows = _without_leading_space(rows)
    height = sum(r.height for r in rows)
    if top + height > page.frame.h + _EPSILON:
        first = rows[0]
        raise _DoesNotFit(Overflow(first.block_id, where.get(first.block_id), top + height - page.frame.h, page.name))
    return _place(rows, page, top)


def _cover(doc: Document, page: ReaderPage, rows: list[Row], setter: Setter, where: dict,
           partner_credit: Text | None = None) -> list[Item]:
    """The front cover: a full colour field, the organisation's mark (image
    blocks before the title) at the top, the title a fifth of the way down
    (lower if the mark needs it), the publisher at the foot, and under it a
    partner's credit."""
    background = Fill(0, 0, page.width, page.height, "accent", bleed=True)
    items: list[Item] = [background]
    rows = _without_leading_space(rows)
    marks = 0
    while marks < len(rows) and doc.block(rows[marks].block_id).type == "image":
        marks += 1
    top = page.frame.h * 0.22
    if marks:
        mark_rows = [Row(r.height, tuple(replace(i, background="accent") if isinstance(i, Picture) else i for i in r.items),
                         r.block_id, r.can_break_before, r.spacer) for r in rows[:marks]]
        items += _stack(mark_rows, page, where)
        top = max(top, _height(mark_rows) + setter.lead * 1.5)
    items += _stack(rows[marks:], page, where, top=top)
    foot: list[Row] = []
    if doc.organisation:
        org = Text((Span(doc.organisation, strong=True),), Location(doc.path))
        foot += setter.text_rows(org, "document", setter.body * 1.1, "tint", page.frame.w)
    if partner_credit:
        foot.append(setter.space(setter.lead * 0.3))
        foot.append(Row(0.8, (Fill(0, 0, setter.body * 2, 0.8, "tint"),), "partner"))
        foot.append(setter.space(setter.lead * 0.3))
        foot += setter.text_rows(partner_credit, "partner", setter.body * 0.95, "paper", page.frame.w)
    if foot:
        items += _place(foot, page, page.frame.h - sum(r.height for r in foot))
    return items


def _page_number(page: ReaderPage, setter: Setter, doc: Document) -> list[Item]:
    text = Text((Span(str(page.number)),), Location(doc.path))
    rows = setter.text_rows(text, "page-number", setter.body * 0.8, "muted", page.frame.w,
                            align="right" if page.spine == "left" else "left")
    y = page.frame.y + page.frame.h + setter.body * 1.2
    return stack_rows(rows[:1], page.frame.x, y)[0]
