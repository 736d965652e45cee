"""The proof's pages: a summary, a row per block, a fit report.

Every text is set by the pamphlet's own Setter (the English with the
English setter, the translation with its language's), so the proof shows
the real fonts, sizes and styles, and its text copies out like the
pamphlet's. Pages are A4 portrait; rows never split unless a block is
taller than a page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..content.model import Block, Document, Span, Text
from ..errors import Location, Problems
from ..languages import language
from ..partner.brand import Brand, Colour
from ..layout.flow import Composition, PlacedPage
from ..layout.spec import Rect, ReaderPage
from ..layout.typeset import Fill, Item, Picture, Row, Setter, Stroke, move_item
from ..text.fontlibrary import library_with
from .fit import NEARLY_FULL, LayoutFit

PAGE = (595.28, 841.89)
MARGIN = 40.0
ID_W, GAP = 98.0, 12.0
BODY = 9.0
STATUS_COLOURS = {
    "stale": Colour((0.84, 0.38, 0.0), (0.0, 0.6, 1.0, 0.1)),
    "missing": Colour((0.78, 0.1, 0.12), (0.0, 0.95, 0.9, 0.15)),
    "draft": Colour((0.55, 0.55, 0.58), (0.0, 0.0, 0.0, 0.5)),
    "reviewed": Colour((0.1, 0.55, 0.25), (0.8, 0.0, 0.9, 0.25)),
    "rule": Colour((0.82, 0.82, 0.85), (0.0, 0.0, 0.0, 0.2)),
}
STATUS_WORDS = {"stale": "STALE", "missing": "MISSING", "draft": "draft", "reviewed": "reviewed"}


@dataclass(frozen=True)
class ProofBlock:
    source: Block  # the English now
    translated: Block  # the translation (the English itself when missing)
    was: Block | None  # a stale block's English when it was translated, if the history has it


def word_changes(was: Block, now: Block, most: int = 6) -> str:
    """The English's changes word by word: “result” → “consequence”; + “new words”; − “gone”."""
    import difflib

    old = " ".join(t.plain for _, t in was.fields()).split()
    new = " ".join(t.plain for _, t in now.fields()).split()
    found = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        gone, added = " ".join(old[a1:a2]), " ".join(new[b1:b2])
        if op == "replace":
            found.append(f"“{gone}” → “{added}”")
        elif op == "delete":
            found.append(f"− “{gone}”")
        elif op == "insert":
            found.append(f"+ “{added}”")
    shown = "; ".join(found[:most])
    return shown + (f"; and {len(found) - most} more" if len(found) > most else "")


def proof_brand(brand: Brand) -> Brand:
    return replace(brand, palette={**brand.palette, **STATUS_COLOURS})


class _Pages:
    """Stacks rows onto A4 pages, starting a new page (with its column heads) when full."""

    def __init__(self, head: "callable"):
        self.pages: list[list[Item]] = []
        self.head = head
        self.bottom = PAGE[1] - MARGIN - 14
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = MARGIN
        self.fresh = True
        self.head(self)

    def room(self) -> float:
        return self.bottom - self.y

    def add(self, items: list[Item], height: float) -> None:
        self.pages[-1].extend(move_item(item, 0.0, self.y) for item in items)
        self.y += height
        self.fresh = False


def _text(value: str, where: Location, strong=False, em=False) -> Text:
    return Text((Span(value, strong, em),), where, value)


def _trim(rows: list[Row]) -> list[Row]:
    while rows and rows[0].spacer:
        rows = rows[1:]
    while rows and rows[-1].spacer:
        rows = rows[:-1]
    return rows


def _stack(rows: list[Row], x: float) -> tuple[list[Item], float]:
    items, y = [], 0.0
    for row in rows:
        items += [move_item(item, x, y) for item in row.items]
        y += row.height
    return items, y


class ProofSetter:
    """Setters for the chrome (English), the source and the translation."""

    def __init__(self, doc: Document, brand: Brand, column: float):
        library = library_with(brand.fonts, doc.fonts)
        self.problems = Problems()
        self.ui = Setter(language("en"), library, BODY, column, False, self.problems)
        self.en = Setter(language("en"), library, BODY, column, True, self.problems)
        self.tr = Setter(language(doc.lang), library, BODY, column, True, self.problems)
        self.where = Location(doc.path)

    def label(self, value: str, size: float, colour: str, width: float, bold=False, italic=False) -> list[Row]:
        return self.ui.text_rows(_text(value, self.where), "proof", size, colour, width, bold=bold, italic=italic, tight=True)

    def block(self, setter: Setter, block: Block) -> list[Row]:
        rows = _trim(setter.rows(block))
        if block.type == "title":  # white on the cover colour in the pamphlet: give it its field here too
            height = sum(r.height for r in rows) + 10
            items, _ = _stack(rows, 0)
            field = Fill(-5, 0, setter.width + 10, height, "accent")
            rows = [Row(height, (field,) + tuple(move_item(i, 0, 5) for i in items), block.id)]
        if block.alt is not None:
            rows += [setter.space(3)] + setter.text_rows(block.alt, block.id, BODY * 0.84, "muted", setter.width, italic=True)
        return rows


def compose_proof(doc: Document, source: Document, blocks: list[ProofBlock], fits: list[LayoutFit], brand: Brand,
                  thumbs: dict[str, list[Path]] | None = None) -> Composition:
    width = PAGE[0] - 2 * MARGIN
    column = (width - ID_W - 2 * GAP) / 2
    x_en, x_tr = MARGIN + ID_W + GAP, MARGIN + ID_W + 2 * GAP + column
    s = ProofSetter(doc, brand, column)
    lang = language(doc.lang)

    def column_heads(pages: _Pages) -> None:
        if len(pages.pages) > 1 and not getattr(pages, "fitting", False):
            items: list[Item] = []
            for x, title in ((MARGIN, "block"), (x_en, f"English ({source.path.name})"), (x_tr, f"{lang.name} ({doc.path.name})")):
                items += _stack(s.label(title, 7.5, "muted", column, bold=True), x)[0]
            items.append(Stroke(MARGIN, 14, MARGIN + width, 14, 0.6, "muted"))
            pages.add(items, 20)

    pages = _Pages(column_heads)
    _summary(pages, s, doc, source, blocks, fits, width)
    column_heads(pages)
    for entry in blocks:
        _block_row(pages, s, entry, doc, x_en, x_tr, column, width)
    _fit_pages(pages, s, doc, fits, width, thumbs or {})

    placed = []
    for number, items in enumerate(pages.pages, start=1):
        foot = s.label(f"{doc.id} · {lang.name} ({doc.lang}) · translation proof · page {number} of {len(pages.pages)}",
                       7, "muted", width)
        items = items + [move_item(i, 0, PAGE[1] - MARGIN + 2) for i in _stack(foot, MARGIN)[0]]
        page = ReaderPage(f"proof page {number}", PAGE[0], PAGE[1], "flow", Rect(MARGIN, MARGIN, width, PAGE[1] - 2 * MARGIN))
        placed.append(PlacedPage(page, tuple(items)))
    s.problems.raise_if_any()
    return Composition(None, doc.lang, BODY, tuple(placed))


def _summary(pages: _Pages, s: ProofSetter, doc: Document, source: Document, blocks: list[ProofBlock],
             fits: list[LayoutFit], width: float) -> None:
    lang = language(doc.lang)
    rows = s.label("Translation proof", 18, "accent", width, bold=True)
    rows += s.label(f"{lang.name} ({doc.lang}) · {source.title} · {doc.path.name} beside {source.path.name}", 10, "ink", width)
    pages.add(*_stack(rows, MARGIN))
    pages.add([], 8)
    counts = {k: sum(1 for b in blocks if b.translated.status == k) for k in ("reviewed", "draft", "stale", "missing")}
    chips: list[Item] = []
    x = MARGIN
    for key in ("stale", "missing", "draft", "reviewed"):
        text = f"{counts[key]} {key}"
        label = s.label(text, 9, "paper" if counts[key] else "muted", 200, bold=True)
        w = label[0].items[0].line.width * 9 + 14
        chips.append(Fill(x, 0, w, 16, key if counts[key] else "rule"))
        chips += [move_item(i, x + 7, 2.5) for i in _stack(label, 0)[0]]
        x += w + 6
    chips += [move_item(i, x + 4, 2.5) for i in _stack(s.label(f"of {len(blocks)} blocks", 9, "muted", 200), 0)[0]]
    pages.add(chips, 24)

    todo: list[tuple[str, str, str]] = []  # (colour, heading, text)
    stale = [b.source.id for b in blocks if b.translated.status == "stale"]
    missing = [b.source.id for b in blocks if b.translated.status == "missing"]
    if stale:
        todo.append(("stale", "Stale: the English changed since these were translated",
                     ", ".join(stale) + ". Their rows show the English as it was and as it is now."))
    if missing:
        todo.append(("missing", "Missing: printed in English until translated", ", ".join(missing)))
    for fit in fits:
        if fit.body_size is None:
            todo.append(("missing", f"Does not fit in {fit.layout}", fit.problem))
        elif fit.near_overflow:
            nearly = [f"{p.name} {p.fill:.0%}" for p in fit.tight_pages]
            small = " at the smallest body size: shorten, or the next change overflows" if fit.body_size <= fit.body_min else ""
            todo.append(("stale", f"Close to overflowing in {fit.layout}{small}",
                         f"{', '.join(nearly)}: {', '.join(fit.near_overflow)}"))
    for fit in fits:
        if fit.shrunk:
            todo.append(("draft", f"Shrunk to fit in {fit.layout}",
                         f"body set at {fit.body_size:g} pt (the layout allows {fit.body_min:g}–{fit.body_max:g} pt)"))
    if not todo:
        todo.append(("reviewed", "Nothing stale or missing, and every layout fits with room to spare", ""))
    pages.add(*_stack(s.label("What to check", 11, "accent", width, bold=True), MARGIN))
    for colour, heading, text in todo:
        rows = s.label(heading, 9, "ink", width - 14, bold=True)
        if text:
            rows += s.ui.text_rows(_text(text, s.where), "proof", 8.5, "ink", width - 14)
        items, height = _stack(rows, MARGIN + 12)
        pages.add([Fill(MARGIN, 2, 4, height - 2, colour)] + items, height + 5)
    legend = ("Each row: the block's id and status, the English as en.yaml has it, and the translation, both set "
              "as the pamphlet sets them. draft = awaiting review; reviewed = checked by a translator; stale = the "
              "English changed since; missing = not translated (the English is printed). Mark blocks reviewed with "
              "make_pamphlet.py mark, or bring them back from a CAT tool with make_pamphlet.py import.")
    pages.add([], 6)
    pages.add(*_stack(s.ui.text_rows(_text(legend, s.where), "proof", 7.5, "muted", width), MARGIN))
    pages.add([], 10)


def _block_row(pages: _Pages, s: ProofSetter, entry: ProofBlock, doc: Document, x_en: float, x_tr: float,
               column: float, width: float) -> None:
    status = entry.translated.status
    src = entry.source
    meta = s.label(src.id, 8.5, "ink", ID_W - 4, bold=True)
    badge_text = s.label(STATUS_WORDS[status], 7, "paper", ID_W, bold=True)
    badge_w = badge_text[0].items[0].line.width * 7 + 8
    badge = Row(13, (Fill(0, 2, badge_w, 11, status),) + tuple(move_item(i, 4, 2.2) for i in badge_text[0].items), src.id)
    meta += [s.ui.space(2), badge, s.ui.space(2)]
    meta += s.label(f"{src.type}, {src.where.path.name}:{src.where.line}", 6.5, "muted", ID_W - 4)
    if status not in ("missing",):
        meta += s.label(f"{doc.path.name}:{entry.translated.where.line}", 6.5, "muted", ID_W - 4)

    english = s.block(s.en, src)
    if status == "stale":
        english = s.label("The English now:", 7, status, column, bold=True) + [s.en.space(2)] + english + [s.en.space(6)]
        if entry.was is not None:
            english += s.label("The English when it was translated:", 7, "muted", column, bold=True) + [s.en.space(2)]
            english += s.block(s.en, entry.was) + [s.en.space(4)]
            changes = word_changes(entry.was, src)
            if changes:
                english += s.label("What changed:", 7, status, column, bold=True)
                english += s.ui.text_rows(_text(changes, s.where), "proof", 7.5, "ink", column)
        else:
            english += s.label("The English it was translated from was never recorded.", 7, "muted", column, italic=True)
    if status == "missing":
        translation = s.label("Not translated: the English is printed in its place.", 8.5, "missing", column, bold=True)
    else:
        translation = s.block(s.tr, entry.translated)

    cells = [(meta, MARGIN), (english, x_en), (translation, x_tr)]
    pad = 5.0
    full = max(sum(r.height for r in rows) for rows, _ in cells) + 2 * pad
    if full > pages.room() and not pages.fresh:
        pages.new_page()
    while any(rows for rows, _ in cells):
        room = pages.room() - 2 * pad
        items: list[Item] = []
        height = 0.0
        rest = []
        for rows, x in cells:
            taken, used = [], 0.0
            while rows and (used + rows[0].height <= room or (not taken and pages.fresh)):
                used += rows[0].height
                taken.append(rows.pop(0))
            items += [move_item(i, 0, pad) for i in _stack(taken, x)[0]]
            height = max(height, used)
            rest.append((rows, x))
        cells = rest
        height += 2 * pad
        pages.add([Fill(MARGIN - 9, 0, 3, height, status)] + items + [Stroke(MARGIN, height, MARGIN + width, height, 0.4, "rule")], height)
        if any(rows for rows, _ in cells):
            pages.new_page()


def _fit_pages(pages: _Pages, s: ProofSetter, doc: Document, fits: list[LayoutFit], width: float,
               thumbs: dict[str, list[Path]]) -> None:
    pages.fitting = True
    pages.new_page()
    pages.add(*_stack(s.label("How it fits", 14, "accent", width, bold=True), MARGIN))
    intro = (f"For each layout: the body size the fit search chose, and how full each panel or page is, with the blocks "
             f"set in it. Text runs on from one flow frame to the next; a cover, a back or the last flow frame at least "
             f"{NEARLY_FULL:.0%} full (in orange) has no room for a longer text.")
    pages.add(*_stack(s.ui.text_rows(_text(intro, s.where), "proof", 8, "muted", width), MARGIN))
    bar_x, bar_w = MARGIN + 110, 170
    for fit in fits:
        pages.add([], 10)
        if fit.body_size is None:
            head = f"{fit.layout}: does not fit at the smallest body size ({fit.body_min:g} pt)"
            rows = s.label(head, 10, "missing", width, bold=True)
            rows += s.ui.text_rows(_text(fit.problem, s.where), "proof", 8.5, "ink", width)
            if rows and sum(r.height for r in rows) > pages.room():
                pages.new_page()
            pages.add(*_stack(rows, MARGIN))
            continue
        section = 30 + 20 * len(fit.pages) + _thumbnail_height(fit, width) if thumbs.get(fit.layout) else 0
        if pages.room() < section < pages.bottom - MARGIN:
            pages.new_page()  # keep a layout's bars and pictures together
        shrunk = f"; shrunk from {fit.body_max:g} pt to fit" if fit.shrunk else ""
        head = s.label(f"{fit.layout}: body {fit.body_size:g} pt (the layout allows {fit.body_min:g}–{fit.body_max:g} pt{shrunk})",
                       10, "ink", width, bold=True)
        needed = sum(r.height for r in head) + 15 * min(len(fit.pages), 4)
        if needed > pages.room():
            pages.new_page()
        pages.add(*_stack(head, MARGIN))
        for page in fit.pages:
            colour = "stale" if page in fit.tight_pages else "accent"
            name = s.label(page.name + (" (blank)" if page.slot == "blank" else ""), 8, "ink", 106)
            pct = s.label(f"{page.fill:.0%}", 8, "ink", 40, bold=colour == "stale")
            ids = s.ui.text_rows(_text(", ".join(page.block_ids) or "—", s.where), "proof", 7, "muted", width - (bar_x + bar_w + 40 - MARGIN))
            items: list[Item] = _stack(name, MARGIN)[0]
            items += [Fill(bar_x, 3, bar_w, 8, "rule"), Fill(bar_x, 3, bar_w * page.fill, 8, colour)]
            items += _stack(pct, bar_x + bar_w + 6)[0]
            ids_items, ids_h = _stack(ids, bar_x + bar_w + 36)
            height = max(14.0, ids_h + 2)
            if height > pages.room():
                pages.new_page()
            pages.add(items + ids_items, height)
        if thumbs.get(fit.layout):
            pages.add([], 6)
            _thumbnail_rows(pages, s, fit, thumbs[fit.layout], width)


THUMB_H = 120.0
THUMB_GAP, THUMB_LABEL = 8.0, 11.0


def _thumbnail_height(fit: LayoutFit, width: float) -> float:
    rows, x = 1, 0.0
    for placed in fit.composition.pages:
        w = THUMB_H * placed.page.width / placed.page.height
        if x + w > width:
            rows, x = rows + 1, 0.0
        x += w + THUMB_GAP
    return rows * (THUMB_H + THUMB_LABEL + 6)


def _thumbnail_rows(pages: _Pages, s: ProofSetter, fit: LayoutFit, paths: list[Path], width: float) -> None:
    """The layout's pages as they will print, small, in reading order, each with its name."""
    composed = fit.composition.pages
    gap, x, row_items = THUMB_GAP, MARGIN, []
    label_h = THUMB_LABEL

    def flush() -> None:
        nonlocal x, row_items
        if row_items:
            if THUMB_H + label_h > pages.room():
                pages.new_page()
            pages.add(row_items, THUMB_H + label_h + 6)
        x, row_items = MARGIN, []

    for placed, path in zip(composed, paths):
        w = THUMB_H * placed.page.width / placed.page.height
        if x + w > MARGIN + width:
            flush()
        row_items.append(Picture(x, 0, w, THUMB_H, path))
        row_items += [Stroke(x, 0, x + w, 0, 0.4, "rule"), Stroke(x + w, 0, x + w, THUMB_H, 0.4, "rule"),
                      Stroke(x, THUMB_H, x + w, THUMB_H, 0.4, "rule"), Stroke(x, 0, x, THUMB_H, 0.4, "rule")]
        row_items += [move_item(i, 0, THUMB_H + 1) for i in _stack(s.label(placed.page.name, 6.5, "muted", w + gap), x)[0]]
        x += w + gap
    flush()
