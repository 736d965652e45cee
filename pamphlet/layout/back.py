"""The back page (tri-fold back panel, booklet back cover), composed.

In:  the page, the rows of the edition's back blocks split into the head
     (the mission: every block before the trailing contact blocks) and the
     foot (those contact blocks), the Setter, and the partner's slot.
Out: ``BackPage``: the items, the height they take, or the part that does not fit.

The head is set from the top of the frame and the foot at its bottom, so the
page reads as one composed panel however much text a language needs; a
partner's card (logo and name, its contact block, its QR code) sits on a
paper-coloured field in the middle of the space between them; a brand that
has only a QR code (the publisher's own) gets it there alone, centred.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..content.model import Block
from ..partner.edition import PartnerSlot
from ..partner.qr import QUIET_MODULES
from .spec import ReaderPage
from .typeset import (PANEL_PADDING, Fill, Item, Picture, QRCode, Row, Setter, TextLine, mirror_item, move_item, run_in,
                      stack_rows)

if TYPE_CHECKING:  # a brand's logo is read only for a brand that has one (logo.py)
    from ..partner.logo import Logo

_EPSILON = 0.01


@dataclass(frozen=True)
class BackPage:
    """The back cover's items, and whether they fit."""

    items: tuple[Item, ...]
    used: float  # points of the frame's height taken by content
    overflow: tuple[str, float] | None = None  # (block id, points too much)


@dataclass(frozen=True)
class _Part:
    """One block of the back cover, set on its own."""

    block_id: str
    items: tuple[Item, ...]  # frame coordinates from the part's top
    height: float


def split_back(blocks: list[Block]) -> tuple[list[str], list[str]]:
    """The head (mission) and foot (the trailing contact blocks) of the back."""
    cut = len(blocks)
    while cut and blocks[cut - 1].type == "contact":
        cut -= 1
    return [b.id for b in blocks[:cut]], [b.id for b in blocks[cut:]]


def compose_back(page: ReaderPage, head: list[Row], foot: list[Row], setter: Setter,
                 slot: PartnerSlot | None = None, logo: Logo | None = None) -> BackPage:
    frame = page.frame
    gap = setter.lead * 1.2
    parts: list[_Part] = []
    head_part = _rows_part(head)
    if logo:  # the publisher's own logo heads the page
        width = min(logo.width, frame.w)
        height = width * logo.height / logo.width
        shifted = tuple(move_item(i, 0, height + setter.lead) for i in head_part.items) if head_part else ()
        head_part = _Part(head_part.block_id if head_part else "logo",
                          (Picture(frame.w - width if setter.lang.rtl else 0, 0, width, height, logo.path, "tint"),)
                          + shifted,
                          height + (setter.lead + head_part.height if head_part else 0.0))
    card = None
    if slot is not None and (slot.name or slot.contact):
        card = _card(slot, setter, frame.w)
    elif slot is not None and slot.qr:
        card = _code_alone(slot, setter, frame.w)
    if card and setter.lang.rtl:  # the card's words from the right, its code and logo to the left
        card = _Part(card.block_id, tuple(mirror_item(item, frame.w) for item in card.items), card.height)
    foot_part = _rows_part(foot)
    parts = [p for p in (head_part, card, foot_part) if p]

    total = sum(p.height for p in parts) + gap * (len(parts) - 1)
    if total > frame.h + _EPSILON:
        running = 0.0
        for part in parts:
            running += part.height
            if running > frame.h + _EPSILON:
                break
            running += gap
        return BackPage((), total, (part.block_id, total - frame.h))

    foot_top = frame.h - (foot_part.height if foot_part else 0.0)
    head_end = head_part.height if head_part else 0.0
    placed: list[tuple[_Part, float]] = []
    if head_part:
        placed.append((head_part, 0.0))
    if card:
        low = head_end + (gap if head_part else 0.0)
        high = foot_top - (gap if foot_part else 0.0) - card.height
        middle = (head_end + foot_top - card.height) / 2
        placed.append((card, max(low, high if card.block_id == "qr" else min(high, middle))))
    if foot_part:
        placed.append((foot_part, foot_top))

    items: list[Item] = [Fill(0, 0, page.width, page.height, "tint", bleed=True)]
    for part, y in placed:
        items += [move_item(item, frame.x, frame.y + y) for item in part.items]
    return BackPage(tuple(items), total)


def _rows_part(rows: list[Row]) -> _Part | None:
    while rows and rows[0].spacer:
        rows = rows[1:]
    while rows and rows[-1].spacer:
        rows = rows[:-1]
    if not rows:
        return None
    items, height = stack_rows(rows)
    return _Part(rows[0].block_id, tuple(items), height)


def _code_alone(slot: PartnerSlot, setter: Setter, width: float) -> _Part:
    """A QR code with nothing else to go with it: flush left, its caption
    and address beside it (under it where the column is too narrow); it is
    set just above the contact block, which it belongs with."""
    spec = slot.qr.spec
    gap = setter.lead * 0.8
    column = width - spec.box - gap

    def words(measure: float) -> list[Row]:
        rows: list[Row] = []
        if slot.qr.caption:
            rows += setter.text_rows(slot.qr.caption, "qr", setter.body, "ink", measure, bold=True, display=True)
        return rows + setter.text_rows(slot.qr.url, "qr", setter.small(0.9), "accent", measure, tight=True)

    beside = words(column) if column >= width * 0.35 else []
    if beside and _widest(beside) <= column + 0.01:  # an address with no break that runs into the code goes under it
        words_h = sum(r.height for r in beside)
        height = max(spec.box, words_h)
        code = QRCode(0, (height - spec.box) / 2, spec.module, spec.matrix.rows, QUIET_MODULES, "ink", alt=spec.url)
        items, _ = stack_rows(beside, spec.box + gap, (height - words_h) / 2)
        return _Part("qr", (code, *items), height)
    code = QRCode(0, 0, spec.module, spec.matrix.rows, QUIET_MODULES, "ink", alt=spec.url)
    items, bottom = stack_rows(words(width), 0, spec.box + setter.lead * 0.3)
    return _Part("qr", (code, *items), bottom)


def _card(slot: PartnerSlot, setter: Setter, width: float) -> _Part:
    """The partner's card on a paper field: its identity, contact lines and
    QR code, one under the other, each set from the card's top (frame
    coordinates inside the padding)."""
    pad = PANEL_PADDING  # the card is a paper field on the back's colour
    small = replace(setter, width=width - 2 * pad)
    gap = setter.lead * 0.6
    items: list[Item] = []
    y = 0.0
    for part, space in ((_identity(slot, small, gap), 0.0), (_card_contact(slot, small), gap * 0.6),
                        (_card_code(slot, small, gap), gap)):
        if part is None:
            continue
        y += space if items else 0.0
        items += [move_item(i, pad, pad + y) for i in part.items]
        y += part.height
    height = y + 2 * pad
    block_id = slot.contact.id if slot.contact else "partner"
    return _Part(block_id, (Fill(0, 0, width, height, "paper"),) + tuple(items), height)


def _identity(slot: PartnerSlot, small: Setter, gap: float) -> _Part | None:
    """The partner's logo, with its name beside it when there is room, else under it."""
    if not (slot.logo or slot.name):
        return None
    inner, items = small.width, []
    logo_w = logo_h = 0.0
    if slot.logo:
        logo_w = min(slot.logo.width, inner)
        logo_h = logo_w * slot.logo.height / slot.logo.width
    beside = slot.logo and slot.name and logo_w <= inner * 0.5
    name_rows: list[Row] = []
    if slot.name:
        measure = inner - logo_w - gap if beside else inner
        name_rows = small.text_rows(slot.name, "partner", small.body * 1.15, "accent", measure, bold=True, tight=True)
    name_h = sum(r.height for r in name_rows)
    if beside:
        row_h = max(logo_h, name_h)
        items.append(Picture(0, (row_h - logo_h) / 2, logo_w, logo_h, slot.logo.path, "paper"))
        items += stack_rows(name_rows, logo_w + gap, (row_h - name_h) / 2)[0]
        return _Part("partner", tuple(items), row_h)
    y = 0.0
    if slot.logo:
        items.append(Picture(0, 0, logo_w, logo_h, slot.logo.path, "paper"))
        y = logo_h + (gap * 0.5 if name_rows else 0.0)
    items += stack_rows(name_rows, 0, y)[0]
    return _Part("partner", tuple(items), y + name_h)


def _card_contact(slot: PartnerSlot, small: Setter) -> _Part | None:
    """The partner's contact block: its heading, then one labelled line an item."""
    if not slot.contact:
        return None
    rows: list[Row] = []
    if slot.contact.heading:
        rows += small.text_rows(slot.contact.heading, "partner", small.body, "accent", small.width, bold=True, tight=True)
    for line in slot.contact.lines:
        rows.append(small.space(small.lead * 0.15))
        rows += small.text_rows(run_in(line), "partner", small.small(0.95), "ink", small.width, tight=True)
    return _rows_part(rows)


def _widest(rows: list[Row]) -> float:
    """The width of the rows' longest line: an address with no break in it
    is one line wider than its measure."""
    return max((i.line.width * i.size for r in rows for i in r.items if isinstance(i, TextLine)), default=0.0)


def _card_code(slot: PartnerSlot, small: Setter, gap: float) -> _Part | None:
    """The partner's QR code at the card's right, its caption and address
    beside it (an address that would break goes under, whole); or, where the
    card is too narrow, the code with its words under it."""
    if not slot.qr:
        return None
    spec, inner = slot.qr.spec, small.width
    column = inner - spec.box - gap
    beside = column >= inner * 0.35
    measure = column if beside else inner
    words: list[Row] = []
    if slot.qr.caption:
        words += small.text_rows(slot.qr.caption, "partner", small.small(0.95), "ink", measure, bold=True, tight=True)
    address = small.text_rows(slot.qr.url, "partner", small.small(0.8), "muted", measure, tight=True)
    below: list[Row] = []
    if beside and (len(address) > 1 or _widest(address) > measure + 0.01):  # not broken, nor run into the code: under it, whole
        below, address = small.text_rows(slot.qr.url, "partner", small.small(0.8), "muted", inner, tight=True), []
    words += address
    words_h = sum(r.height for r in words)
    code = QRCode(0, 0, spec.module, spec.matrix.rows, QUIET_MODULES, "ink", alt=spec.url)
    if not beside:
        items = [code] + stack_rows(words, 0, spec.box + gap * 0.5)[0]
        return _Part("qr", tuple(items), spec.box + gap * 0.5 + words_h)
    row_h = max(spec.box, words_h)
    items = stack_rows(words, 0, (row_h - words_h) / 2)[0]
    items.append(replace(code, x=inner - spec.box, y=(row_h - spec.box) / 2))
    items += stack_rows(below, 0, row_h)[0]
    return _Part("qr", tuple(items), row_h + sum(r.height for r in below))
