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
from typing import TYPE_CHECKING

from ..content.model import Document, Span, Text
from ..errors import Location, PamphletError, Problem, Problems
from ..languages import Language
from ..text.fonts import FontLibrary
from ..partner.edition import PARTNER_MARK, PartnerSlot
from .back import compose_back, split_back
from .spec import LayoutSpec, ReaderPage
from .fitcache import fit_key, known_size, remember_size
from .typeset import Fill, Item, Picture, Row, Setter, Stroke, TextLine, move_item, stack_rows

if TYPE_CHECKING:  # a brand's logo is read only for a brand that has one (logo.py)
    from .logo import Logo

_EPSILON = 0.01
SIZE_STEP = 0.25


@dataclass(frozen=True)
class PlacedPage:
    """A reader page with its items in place."""

    page: ReaderPage
    items: tuple[Item, ...]  # page coordinates: x from the left, y down from the top
    used: float = 0.0  # points of the frame's height taken by its content

    @property
    def fill(self) -> float:
        """How full the text frame is, 0 to 1."""
        return min(self.used / self.page.frame.h, 1.0) if self.page.frame.h > 0 else 0.0


@dataclass(frozen=True)
class Composition:
    """The edition laid out: every reader page, at the body size that fits."""

    layout: LayoutSpec | None  # None for pages outside any layout (an instruction sheet)
    lang: str
    body_size: float
    pages: tuple[PlacedPage, ...]
    blank_pages: int = 0  # booklet pages added to reach a multiple of four
    forced_breaks: tuple[str, ...] = ()  # blocks with a word wider than the line


@dataclass(frozen=True)
class Overflow:
    """A block that did not fit its frame, and by how much."""

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

    def finish(body: float) -> Composition:
        # The fit only asks whether the edition fits; at the chosen size its
        # frames are then finished (balanced, space spread between blocks).
        setter = Setter(lang, library, body, layout.text_width, layout.hyphenate, problems, shaped_cache)
        composition = _compose_at(doc, layout, setter, logo, partner, finished=True)
        problems.raise_if_any()
        return composition

    # An unchanged edition is set once, at the size the search chose before.
    hint_key = fit_key(doc, layout, lang, library, logo, partner)
    hint = known_size(hint_key)
    if hint in sizes:
        try:
            return finish(hint)
        except _DoesNotFit:
            pass  # cannot happen for the inputs the size was found for; search as if it were not known

    # Sizes are tried largest first and bisected, assuming a smaller size never
    # needs more room. A tri-fold takes the largest size that fits; a booklet
    # the largest size among those needing the fewest sheets (less paper,
    # fewer blank pages), which the smallest size tells.
    smallest = None
    if layout.scheme == "booklet":
        smallest = attempt(sizes[-1])
        if isinstance(smallest, Overflow):
            raise _too_much(smallest, layout, lang)

    def good(body: float) -> bool:
        result = attempt(body)
        return isinstance(result, Composition) and (smallest is None or len(result.pages) <= len(smallest.pages))

    lo, hi = 0, len(sizes) - 1  # sizes[hi] is good (a tri-fold's smallest: checked below); find the first good index
    if good(sizes[0]):
        hi = 0
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if good(sizes[mid]):
            hi = mid
        else:
            lo = mid
    chosen = attempt(sizes[hi])  # tried already, unless it is a tri-fold's smallest size
    if isinstance(chosen, Overflow):
        raise _too_much(chosen, layout, lang)
    composition = finish(sizes[hi])
    remember_size(hint_key, sizes[hi])
    return composition


def _too_much(o: Overflow, layout: LayoutSpec, lang: Language) -> PamphletError:
    """The error for an edition that does not fit at the layout's smallest body size."""
    return PamphletError(Problem(
        o.where,
        f"block '{o.block_id}'{f' and the {o.blocks_after} after it' if o.blocks_after else ''} do{'' if o.blocks_after else 'es'} "
        f"not fit in layout '{layout.name}' ({lang.code}): {o.amount:.1f} pt too much for {o.frame} "
        f"at the minimum body size {layout.body_min:g} pt",
        "expected the edition to fit; shorten the text, move blocks out of this edition, or use a layout with more room",
    ))


def _compose_at(doc: Document, layout: LayoutSpec, setter: Setter, logo: Logo | None = None,
                partner: PartnerSlot | None = None, finished: bool = False) -> Composition:
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
        frames = [p for p in pages if p.slot == "flow"]
        placed_flow = _flow(flow_rows, frames, where)
        if finished:
            placed_flow = _finish(flow_rows, frames, _spreadable(doc, flow_rows), setter.lead, exempt_last=False)
        blank = 0
    else:
        max_flow = layout.max_pages - 2
        candidates = [layout.booklet_page(n + 2, "flow") for n in range(max_flow)]
        placed_flow = _flow(flow_rows, candidates, where, stop_when_done=True)
        used = len(placed_flow)
        if finished:
            placed_flow = _finish(flow_rows, candidates[:used], _spreadable(doc, flow_rows), setter.lead, exempt_last=True)
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


KEEP_AFTER_HEADING = 2  # lines of text a heading keeps with it in its frame


def _stream(doc: Document, ids: tuple[str, ...], setter: Setter) -> list[Row]:
    """All rows of the given blocks. A heading keeps the first two lines of
    text after it in its frame, across blocks: a heading followed by a
    one-line paragraph moves with that line and the next one."""
    rows: list[Row] = []
    keep = 0.0  # lines still to keep with the last heading
    for block_id in ids:
        block = doc.block(block_id)
        block_rows = setter.rows(block)
        if keep > 0 and block.type != "heading":
            block_rows, keep = _glue_start(block_rows, keep, setter.lead)
        elif keep > 0:
            block_rows = _glue_start(block_rows, float("inf"), setter.lead)[0]
        rows += block_rows
        if block.type == "heading":
            keep = KEEP_AFTER_HEADING
    return rows


def _glue_start(rows: list[Row], lines: float, lead: float) -> tuple[list[Row], float]:
    """Forbid a frame break before the first ``lines`` lines of these rows;
    the rows, and the lines still to glue after them."""
    out = []
    for row in rows:
        if lines > 0:
            out.append(Row(row.height, row.items, row.block_id, can_break_before=False, spacer=row.spacer))
            if not row.spacer:
                lines -= _lines_of(row, lead)
        else:
            out.append(row)
    return out, max(lines, 0.0)


def _lines_of(row: Row, lead: float) -> int:
    """The lines of text a row holds: a panel (quote, callout) as many as it
    sets, so a one-line callout after a heading is one line, not two; a
    picture taller than one and a half lines counts as two."""
    baselines = {round(item.baseline, 2) for item in row.items if isinstance(item, TextLine)}
    if baselines:
        return len(baselines)
    return 2 if row.height > 1.5 * lead else 1


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


# -- finished frames ---------------------------------------------------------
#
# After the fit, the flow's frame breaks are chosen again so that no frame
# ends more than a fifth empty (FILL_FLOOR) where the keep rules allow it,
# and what a frame leaves at its foot is spread between its blocks, in
# proportion: the gap before a heading grows by at most one and a half body
# lines, a gap between other blocks by at most one line, between the items
# of a list by a quarter, and the gap after a heading never (it stays with
# its text). A booklet's last flow page is exempt: the
# text ends where it ends. Covers, backs and blank pages are not flow.

FILL_FLOOR = 0.8
GROWTH_BEFORE_HEADING = 1.5  # body lines the gap before a heading may grow by
GROWTH_BETWEEN_BLOCKS = 1.0  # ... a gap between two other blocks
GROWTH_BETWEEN_ITEMS = 0.25  # ... and the gap between two items of a list


def _spreadable(doc: Document, rows: list[Row]) -> list[float]:
    """For each row: how many body lines it may grow by (only the space that
    opens a block, not the block after a heading, or between list items)."""
    types = {b.id: b.type for b in doc.blocks}
    found, last = [], None
    for row in rows:
        opens = row.spacer and bool(row.block_id) and last is not None and row.block_id != last
        if opens and types.get(last) != "heading":
            found.append(GROWTH_BEFORE_HEADING if types.get(row.block_id) == "heading" else GROWTH_BETWEEN_BLOCKS)
        elif row.spacer and row.block_id == last and types.get(last) == "list":
            found.append(GROWTH_BETWEEN_ITEMS)
        else:
            found.append(0.0)
        if row.block_id:
            last = row.block_id
    return found


def _finish(rows: list[Row], pages: list[ReaderPage], spreadable: list[float], lead: float,
            exempt_last: bool) -> list[tuple[list[Item], float]]:
    """The flow in exactly these frames, broken where the frames come out
    fullest once space is spread (fills made even, none below the floor
    where the keep rules allow), then spread."""
    from functools import lru_cache
    from itertools import accumulate

    n = len(rows)
    heights = list(accumulate((r.height for r in rows), initial=0.0))
    gaps = list(accumulate(spreadable, initial=0.0))  # body lines of growth available before each row
    first = list(range(n + 1))  # first non-spacer row at or after i
    for i in range(n - 1, -1, -1):
        first[i] = first[i + 1] if rows[i].spacer else i
    last = list(range(n + 1))  # end of the rows before e, trailing spacers dropped
    for e in range(1, n + 1):
        last[e] = last[e - 1] if rows[e - 1].spacer else e
    ends = [e for e in range(1, n + 1) if e == n or rows[e].can_break_before]
    growth = lead

    def cost(k: int, start: int, end: int) -> float:
        if exempt_last and k == len(pages) - 1:
            return 0.0
        h = pages[k].frame.h
        content = heights[end] - heights[start] if end > start else 0.0
        spread = min(h, content + growth * (gaps[end] - gaps[start + 1] if end > start + 1 else 0))
        raw, fill = content / h, spread / h
        below = 10 + 100 * (FILL_FLOOR - fill) if fill < FILL_FLOOR else 0.0  # any frame above the floor first
        return below + (1 - fill) ** 2 + 0.25 * (1 - raw) ** 2

    @lru_cache(maxsize=None)
    def best(k: int, b: int) -> tuple[float, int]:
        """Least cost of setting rows[b:] in frames k..; and where frame k ends."""
        start = first[b]
        if k == len(pages) - 1:
            end = last[n]
            fits = heights[end] - heights[start] <= pages[k].frame.h + _EPSILON
            return (cost(k, start, end) if fits else float("inf"), n)
        if start >= n:
            return (cost(k, start, start) + best(k + 1, n)[0], n)
        found = (float("inf"), n)
        for e in ends:
            if e <= start:
                continue
            end = last[e]
            if heights[end] - heights[start] > pages[k].frame.h + _EPSILON:
                break
            total = cost(k, start, end) + best(k + 1, e)[0]
            if total < found[0]:
                found = (total, e)
        return found

    if best(0, 0)[0] == float("inf"):
        return _flow(rows, pages, {})  # cannot happen once the greedy flow fitted; keep its breaks
    placed, b = [], 0
    for k, page in enumerate(pages):
        e = best(k, b)[1]
        start, end = first[b], last[e] if e > first[b] else first[b]
        frame_rows = rows[start:end]
        if not (exempt_last and k == len(pages) - 1):
            frame_rows = _spread(frame_rows, spreadable[start:end], page.frame.h, growth)
        placed.append((_place(frame_rows, page), _height(frame_rows)))
        b = e
    return placed


def _spread(rows: list[Row], spreadable: list[float], height: float, lead: float) -> list[Row]:
    """Rows with the space left at the frame's foot shared between the
    spreadable gaps (not the first row) in proportion to how far each may
    grow, none beyond its limit."""
    indices = [i for i in range(1, len(rows)) if spreadable[i] > 0]
    slack = height - _height(rows)
    capacity = sum(spreadable[i] for i in indices)
    if not indices or slack <= _EPSILON:
        return rows
    per_line = min(lead, slack / capacity)
    out = list(rows)
    for i in indices:
        r = out[i]
        out[i] = Row(r.height + per_line * spreadable[i], r.items, r.block_id, r.can_break_before, r.spacer)
    return out


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
    blocks before the title) at the top, flush left like the title, a
    partner's mark beside it, the title a fifth of the way down (lower if the
    marks need it), the publisher at the foot, and under it a partner's credit."""
    background = Fill(0, 0, page.width, page.height, "accent", bleed=True)
    items: list[Item] = [background]
    rows = _without_leading_space(rows)
    marks = 0
    while marks < len(rows) and doc.block(rows[marks].block_id).type == "image":
        marks += 1
    top = page.frame.h * 0.22
    if marks:
        mark_rows = [Row(r.height, tuple(replace(i, background="accent", x=0.0) if isinstance(i, Picture) else i for i in r.items),
                         r.block_id, r.can_break_before, r.spacer) for r in rows[:marks]]
        own = [r for r in mark_rows if r.block_id != PARTNER_MARK]
        theirs = [r for r in mark_rows if r.block_id == PARTNER_MARK]
        marked, height = (_stack(own, page, where) if own else []), _height(own)
        if theirs:
            marked, height = _with_partner_mark(marked, height, theirs, page, setter)
        items += marked
        top = max(top, height + setter.lead * 1.5)
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


def _with_partner_mark(own: list[Item], own_height: float, rows: list[Row], page: ReaderPage,
                       setter: Setter) -> tuple[list[Item], float]:
    """The document's marks and a partner's to their right, after a thin
    rule, the two centred on each other; the partner's narrowed (never
    widened) to the room left in the frame. Alone (it took the place of the
    document's mark, or there is none) it stands where the mark does. The
    items, and the height the marks take."""
    frame = page.frame
    rows = _without_leading_space(rows)
    pictures = [i for i in own if isinstance(i, Picture)]
    if not pictures:
        return _place(rows, page), _height(rows)
    art = next(i for r in rows for i in r.items if isinstance(i, Picture))
    gap = setter.lead * 1.2
    left = max(p.x + p.w for p in pictures) + 2 * gap  # page coordinates
    width = min(art.w, frame.x + frame.w - left)
    height = art.h * width / art.w
    tallest = max(own_height, height)
    own = [move_item(i, 0, (tallest - own_height) / 2) for i in own]
    theirs = replace(art, x=left, y=frame.y + (tallest - height) / 2, w=width, h=height)
    rule = Stroke(left - gap, frame.y + tallest * 0.1, left - gap, frame.y + tallest * 0.9, 0.75, "tint")
    return own + [rule, theirs], tallest


def _page_number(page: ReaderPage, setter: Setter, doc: Document) -> list[Item]:
    text = Text((Span(str(page.number)),), Location(doc.path))
    rows = setter.text_rows(text, "page-number", setter.body * 0.8, "muted", page.frame.w,
                            align="right" if page.spine == "left" else "left")
    y = page.frame.y + page.frame.h + setter.body * 1.2
    return stack_rows(rows[:1], page.frame.x, y)[0]
