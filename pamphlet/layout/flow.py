"""layout: a Document edition + a LayoutSpec -> placed reader pages.

In:  the document in one language, the layout, the brand's logo and a
     partner's slot.
Out: ``Composition``: reader pages with every item at its final position and
     the body size the fit search chose; or a PamphletError naming the block
     that did not fit at the smallest allowed size, and by how much.

The stages: the slots' blocks become streams of rows in sections
(stream.py); the fit search finds the largest body size at which the flow
fits its frames (frames.first_fit), for a booklet the largest among those
needing the fewest sheets; at that size the composer chooses where each
frame ends (frames.compose_frames), and the cover (cover.py) and back
(back.py) are composed around it. Where the composer must break a rule at
that size (the tri-fold's flap ending inside a section, a panel under the
fill floor), a few smaller sizes are tried for one that keeps them all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from ..content.model import Document, Span, Text
from ..errors import Location, PamphletError, Problem, Problems
from ..languages import Language
from ..text.fontlibrary import FontLibrary
from ..partner.edition import PartnerSlot
from .back import compose_back, split_back
from .cover import compose_cover
from .frames import FILL_FLOOR, DoesNotFit, FrameRule, Framed, Overflow, compose_frames, first_fit
from .spec import LayoutSpec, ReaderPage
from .stream import Stream, stream
from .typeset import Item, Setter, TextLine, stack_rows

if TYPE_CHECKING:  # a brand's logo is read only for a brand that has one (logo.py)
    from ..partner.logo import Logo


class SizeMemory(Protocol):
    """Where the size a fit search chose is kept between builds (fitcache.FitMemory)."""

    def known(self) -> float | None: ...

    def remember(self, body: float) -> None: ...

SIZE_STEP = 0.25
SMALLER_TRIES = 4  # sizes below the largest that fits tried for a composition that keeps every rule

# The tri-fold's flow frames, in reading order: the flap holds whole
# sections (the reader sees it beside the inside-left panel, which must open
# a section); the inside three are seen together, so text may run on
# between them, though a panel that opens a section reads better.
TRIFOLD_RULES = (
    FrameRule(whole_sections=True),
    FrameRule(),
    FrameRule(open_cost=0.3),
    FrameRule(open_cost=0.3, floor=False),
)
BOOKLET_PAGE = FrameRule(open_cost=0.05)
BOOKLET_LAST = FrameRule(fill_weight=0.0, floor=False)


@dataclass(frozen=True)
class PlacedPage:
    """A reader page with its items in place."""

    page: ReaderPage
    items: tuple[Item, ...]  # page coordinates: x from the left, y down from the top
    used: float = 0.0  # points of the frame's height taken by its content
    first_block: str = ""  # the block the page's frame starts with ('' for none)
    opens_section: bool = True  # a flow frame that starts a section (or holds nothing)
    gaps: tuple[tuple[str, float], ...] = ()  # the spacing scale's gaps in its frame: (name, points)
    blocks: tuple[str, ...] = ()  # the blocks its flow frame holds (a part of them), in order

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
    flaws: tuple[str, ...] = ()  # composition rules the text made it break (see frames.py)
    rtl: bool = False  # a right-to-left language: imposed mirrored (impose.plans.mirrored)


@dataclass(frozen=True)
class _Edition:
    """The edition's blocks as streams at one body size."""

    flow: Stream
    head: Stream  # the back's mission
    foot: Stream  # the back's contact blocks
    cover_ids: tuple[str, ...]  # set at the cover frame's own measure, when the cover is placed
    where: dict


def compose(doc: Document, layout: LayoutSpec, lang: Language, library: FontLibrary, logo: Logo | None = None,
            partner: PartnerSlot | None = None, memory: SizeMemory | None = None) -> Composition:
    """Fit the layout's edition at the largest body size that holds it; a
    partner's slot goes on the back (and its credit on the cover). With a
    ``memory`` (the pipeline keeps one on disk, fitcache.py), an edition set
    before is set once, at the size the search chose then."""
    if layout.edition not in doc.editions:
        raise PamphletError(Problem(Location(layout.path), f"no edition '{layout.edition}' in document '{doc.id}'",
                                    f"expected an 'editions: {layout.edition}:' entry in {doc.folder.name}/en.yaml"))
    problems = Problems()
    shaped_cache: dict = {}
    sizes = [layout.body_max - k * SIZE_STEP for k in range(int(round((layout.body_max - layout.body_min) / SIZE_STEP)) + 1)]
    fitted: dict[tuple, int | Overflow] = {}  # (body size, back parts in the flow) -> flow frames used, or what did not fit
    streams: dict[tuple, tuple[Setter, _Edition]] = {}  # ... -> the edition's rows, set once
    # Where the back page cannot hold its mission beside a partner's card, the
    # mission ends the text instead; a screen's small page keeps only the
    # card, or the code, and the contact ends the text too.
    placements = [("head", "foot")] if layout.scheme == "screen" else [(), ("head",)]
    moved = placements[0]

    def edition(body: float) -> tuple[Setter, _Edition]:
        if (body, moved) not in streams:
            setter = Setter(lang, library, body, layout.text_width, layout.hyphenate, problems, shaped_cache)
            streams[body, moved] = (setter, _edition(doc, layout, setter, partner, moved))
        return streams[body, moved]

    def fits(body: float) -> int | Overflow:
        if (body, moved) not in fitted:
            fitted[body, moved] = _fit(doc, layout, *edition(body), logo, partner)
            problems.raise_if_any()  # a character no font has is reported before any fitting
        return fitted[body, moved]

    def composed(body: float) -> Composition:
        composition = _compose_at(doc, layout, *edition(body), logo, partner)
        problems.raise_if_any()
        return composition

    hint = memory.known() if memory else None
    for moved in placements:
        if hint in sizes:
            try:
                return _remembered(composed(hint), memory)
            except DoesNotFit:
                pass  # the back does not hold its parts beside the card at that size: as if it were not known
    capacity = sum(page.frame.h for page in _flow_pages(layout))
    for moved in placements:
        index = _largest_fitting(sizes, fits, booklet=layout.scheme == "booklet", capacity=capacity)
        result = fits(sizes[index])
        if not (isinstance(result, Overflow) and result.on_the_back):
            break
    if isinstance(result, Overflow):
        raise _too_much(result, layout, lang)
    composition = _keeping_the_rules(composed(sizes[index]), sizes[index + 1:index + 1 + SMALLER_TRIES], composed)
    return _remembered(composition, memory)


def _keeping_the_rules(composition: Composition, smaller: list[float], composed) -> Composition:
    """The composition, or where it breaks a composition rule the first of the
    smaller sizes whose composition keeps them all (a booklet no longer for it)."""
    for size in smaller:
        if not composition.flaws:
            break
        try:
            candidate = composed(size)
        except DoesNotFit:  # the back or cover: the search stepped past such sizes
            continue
        if not candidate.flaws and (composition.layout.scheme != "booklet" or len(candidate.pages) == len(composition.pages)):
            composition = candidate
    return composition


def _remembered(composition: Composition, memory: SizeMemory | None) -> Composition:
    if memory:
        memory.remember(composition.body_size)
    return composition


def _largest_fitting(sizes: list[float], fits, booklet: bool, capacity: float = 0.0) -> int:
    """The index of the largest size at which the flow fits; for a booklet,
    the largest among those needing the fewest frames (less paper, fewer
    blank pages), which the smallest size tells. Assumes a smaller size never
    needs more room. A tri-fold's or screen's search starts where the
    largest size's overflow says the text would fit (its height grows about
    as the square of the size) and steps from there; a booklet's bisects."""
    if not booklet:
        return _stepped(sizes, fits, capacity)
    fewest = fits(sizes[-1])
    if isinstance(fewest, Overflow):
        return len(sizes) - 1

    def good(body: float) -> bool:
        result = fits(body)
        return not isinstance(result, Overflow) and (fewest is None or _sheets(result) <= _sheets(fewest))

    lo, hi = 0, len(sizes) - 1  # sizes[hi] is good (a tri-fold's smallest: checked by the caller)
    if good(sizes[0]):
        return 0
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if good(sizes[mid]):
            hi = mid
        else:
            lo = mid
    return hi


def _stepped(sizes: list[float], fits, capacity: float) -> int:
    """Down from the largest size, each step to where the last overflow says
    the text would fit (at least one size smaller), then up again while a
    larger size fits."""
    k, result = 0, fits(sizes[0])
    while isinstance(result, Overflow) and k < len(sizes) - 1:
        nxt = k + 1
        if result.past_the_frames and capacity > 0:  # the flow's own overflow: how much too long
            guess = sizes[k] * (capacity / (capacity + result.amount)) ** 0.5
            nxt = max(nxt, next((i for i, size in enumerate(sizes) if size <= guess + 1e-9), len(sizes) - 1))
        k, result = nxt, fits(sizes[nxt])
    while k > 0 and not isinstance(result, Overflow) and not isinstance(fits(sizes[k - 1]), Overflow):
        k -= 1
    return k


def _sheets(flow_pages: int) -> int:
    """The sheets a booklet of this many flow pages takes (with its covers, in fours)."""
    return -(-(flow_pages + 2) // 4)


def _too_much(o: Overflow, layout: LayoutSpec, lang: Language) -> PamphletError:
    """The error for an edition that does not fit at the layout's smallest
    body size; where the flow is too long, its tallest block is named too (the
    block that no longer fits is seldom the one that grew)."""
    longest = ""
    if o.longest and o.longest[0] != o.block_id:
        block_id, where, height = o.longest
        longest = f" (its tallest block is '{block_id}'{f' at {where}' if where else ''}, {height:.0f} pt)"
    return PamphletError(Problem(
        o.where,
        f"block '{o.block_id}'{f' and the {o.blocks_after} after it' if o.blocks_after else ''} do{'' if o.blocks_after else 'es'} "
        f"not fit in layout '{layout.name}' ({lang.code}): {o.amount:.1f} pt too much for {o.frame} "
        f"at the minimum body size {layout.body_min:g} pt{longest}",
        "expected the edition to fit; shorten the text, move blocks out of this edition, or use a layout with more room",
    ))


def _edition(doc: Document, layout: LayoutSpec, setter: Setter, partner: PartnerSlot | None,
             back_in_flow: tuple[str, ...] = ()) -> _Edition:
    """The edition's streams; ``back_in_flow``: the parts of the back ('head',
    the mission, and 'foot', the contact blocks) set at the end of the flow
    instead, where the back page cannot hold them with a partner's card."""
    edition = doc.editions[layout.edition]
    head_ids, foot_ids = split_back([doc.block(i) for i in edition.back])
    where = {b.id: b.where for b in doc.blocks}
    if partner and partner.contact:
        where[partner.contact.id] = partner.contact.where
    flow = edition.flow
    if "head" in back_in_flow:
        flow, head_ids = flow + tuple(head_ids), []
    if "foot" in back_in_flow:
        flow, foot_ids = flow + tuple(foot_ids), []
    return _Edition(stream(doc, flow, setter), stream(doc, tuple(head_ids), setter),
                    stream(doc, tuple(foot_ids), setter), edition.cover, where)


def _flow_pages(layout: LayoutSpec, rtl: bool = False) -> list[ReaderPage]:
    """Every frame the flow may take: a tri-fold's four panels, a booklet's
    pages between its covers up to its largest size."""
    if layout.scheme == "trifold":
        return [p for p in layout.trifold_pages(rtl) if p.slot == "flow"]
    return [layout.booklet_page(n + 2, "flow", rtl) for n in range(layout.max_pages - 2)]


def _fit(doc: Document, layout: LayoutSpec, setter: Setter, edition: _Edition, logo: Logo | None,
         partner: PartnerSlot | None) -> int | Overflow:
    """How many flow frames the edition takes at this size, or what does
    not fit (in the flow, on the cover or on the back)."""
    try:
        rtl = setter.lang.rtl
        used = len(first_fit(edition.flow, _flow_pages(layout, rtl), edition.where,
                             stop_when_done=layout.scheme != "trifold"))
        pages = layout.trifold_pages(rtl) if layout.scheme == "trifold" else [layout.booklet_page(1, "cover", rtl),
                                                                              layout.booklet_page(4, "back", rtl)]
        for page in pages:
            if page.slot in ("cover", "back"):
                _placed_page(page, doc, setter, edition, [], [], logo, partner)
    except DoesNotFit as exc:
        return exc.overflow
    return used


def _compose_at(doc: Document, layout: LayoutSpec, setter: Setter, edition: _Edition, logo: Logo | None = None,
                partner: PartnerSlot | None = None) -> Composition:
    """The edition at one body size: the flow composed in its frames, then every page."""
    rtl = setter.lang.rtl  # reader pages named and bound for a right-to-left pamphlet (spec.py)
    candidates = _flow_pages(layout, rtl)
    used = len(first_fit(edition.flow, candidates, edition.where, stop_when_done=layout.scheme != "trifold"))
    if layout.scheme == "trifold":
        frames = candidates
        rules = list(TRIFOLD_RULES)
        pages, blank = layout.trifold_pages(rtl), 0
    else:
        frames = candidates[:used]
        rules = [BOOKLET_PAGE] * (used - 1) + [BOOKLET_LAST]
        # A booklet is padded to a multiple of four pages; a screen's pages are as many as the text takes.
        total = -(-(used + 2) // 4) * 4 if layout.scheme == "booklet" else used + 2
        blank = total - used - 2
        pages = [layout.booklet_page(1, "cover", rtl), *frames,
                 *[layout.booklet_page(used + 2 + n, "blank", rtl) for n in range(blank)],
                 layout.booklet_page(total, "back", rtl)]
    framed = compose_frames(edition.flow, frames, rules)
    placed = [_placed_page(page, doc, setter, edition, framed, frames, logo, partner) for page in pages]
    flaws = tuple(_flaws(framed, frames, rules))
    forced = tuple(sorted({row.block_id for s in (edition.flow, edition.head, edition.foot) for row in s.rows
                           for item in row.items if isinstance(item, TextLine) and item.line.forced}))
    return Composition(layout, setter.lang.code, setter.body, tuple(placed), blank, forced, flaws, rtl)


def _placed_page(page: ReaderPage, doc: Document, setter: Setter, edition: _Edition, framed: list[Framed],
                 frames: list[ReaderPage], logo: Logo | None, partner: PartnerSlot | None) -> PlacedPage:
    """One reader page with its items: a flow frame's rows, the cover, the back, or nothing."""
    used, first, opens, gaps, blocks = 0.0, "", True, (), ()
    if page.slot == "flow":
        frame = framed[frames.index(page)]
        items = stack_rows(list(frame.rows), page.frame.x, page.frame.y)[0]
        used, opens = frame.height, frame.opens_section
        first = frame.rows[0].block_id if frame.rows else ""
        gaps = tuple((r.gap, r.height) for r in frame.rows if r.spacer and r.gap)
        blocks = tuple(dict.fromkeys(r.block_id for r in frame.rows if r.block_id and not r.spacer))
    elif page.slot == "cover":
        cover_setter = replace(setter, width=page.frame.w)
        rows = stream(doc, edition.cover_ids, cover_setter).rows  # set at the cover's own measure
        items = compose_cover(doc, page, list(rows), cover_setter, edition.where, partner.credit if partner else None)
        used = sum(r.height for r in rows if not r.spacer)
    elif page.slot == "back":
        back = compose_back(page, list(edition.head.rows), list(edition.foot.rows), setter, partner, logo)
        if back.overflow:
            block_id, amount = back.overflow
            raise DoesNotFit(Overflow(block_id, edition.where.get(block_id), amount, page.name, on_the_back=True))
        items, used = list(back.items), back.used
    else:
        items = []
    if page.number is not None:
        items = items + _page_number(page, setter, doc)
    return PlacedPage(page, tuple(items), used, first, opens, gaps, blocks)


def _flaws(framed: list[Framed], frames: list[ReaderPage], rules: list[FrameRule]) -> list[str]:
    """The composition rules this composition breaks, in words."""
    found = []
    for frame, page, rule in zip(framed, frames, rules):
        if frame.split_section:
            found.append(f"{page.name} ends inside a section")
        if rule.floor and frame.height / page.frame.h < FILL_FLOOR - 1e-6:
            found.append(f"{page.name} is {frame.height / page.frame.h:.0%} full")
    return found


def _page_number(page: ReaderPage, setter: Setter, doc: Document) -> list[Item]:
    text = Text((Span(str(page.number)),), Location(doc.path))
    rows = setter.text_rows(text, "page-number", setter.small(0.8), "muted", page.frame.w,
                            align="right" if page.spine == "left" else "left")
    y = page.frame.y + page.frame.h + setter.body * 1.2
    return stack_rows(rows[:1], page.frame.x, y)[0]
