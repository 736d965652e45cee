"""A document and a brand -> the co-branded edition in one language.

In:  a Document (one language) and a Brand.
Out: the Document with the blocks the brand replaces (and its cover mark,
     ``partner-mark``, on every edition's cover), and a PartnerSlot: the
     partner's credit for the cover and its card for the back (logo, name,
     contact block, QR code), all in the document's language.

``check`` first compares the brand with what the document allows
(``partners:`` in en.yaml): a brand that changes locked text, or adds where
the document has no slot, is refused, each problem at its brand file line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..content.load import TEXT_KEYS
from ..content.model import Block, ContactLine, Document, ImageRef, Span, Text
from ..errors import Problem, Problems
from ..languages import Language, language, printed_words
from .parts import site_qr_spec

if TYPE_CHECKING:  # the partner parts' classes are loaded with a brand file that has them (partfile.py)
    from ..partner.brand import Brand
    from ..partner.logo import Logo
    from .parts import QRSpec
    from .parts import CoverMark, Replacement
    from .values import Translatable


@dataclass(frozen=True)
class PartnerQR:
    """A partner's QR code as printed in one language."""

    spec: QRSpec
    url: Text  # printed beside the code, for those who type it
    caption: Text | None


@dataclass(frozen=True)
class PartnerSlot:
    """What a partner adds to one edition, in its language."""

    name: Text | None  # the partner's name (None: the brand is the publisher's own)
    credit: Text | None  # the cover's line under the publisher's credit
    logo: Logo | None
    contact: Block | None
    qr: PartnerQR | None


def is_partner(brand: Brand, document: Document) -> bool:
    """A brand under another name than the publisher's is a partner's."""
    return brand.name.strip().casefold() != document.organisation.strip().casefold()


def check(document: Document, brand: Brand) -> list[Problem]:
    """Everything the brand changes that the document does not let it."""
    policy, parts = document.partners, brand.partner
    source = policy.where.path.name if policy.where else document.path.name
    problems = Problems()
    for key, slot in (("credit", "cover"), ("contact", "back"), ("qr", "back")):
        where = parts.given(key)
        if where and slot not in policy.add:
            problems.add(where, f"'{key}' adds to the {slot}, which {source} keeps locked",
                         f"expected additions only where the document lets partners add: {policy.describe('add')}")
    if parts.mark:
        _check_mark(document, parts.mark, parts.replace, source, problems)
    known = {b.id: b for b in document.blocks}
    for replacement in parts.replace:
        block = known.get(replacement.block_id)
        if replacement.block_id not in policy.replace:
            what = "is locked" if block else "is not a block of the document"
            problems.add(replacement.where, f"block '{replacement.block_id}' {what}",
                         f"expected one of the blocks {source} lets partners replace: {policy.describe('replace')}")
        elif block is not None:
            _check_keys(replacement, block, problems)
    return problems.items


PARTNER_MARK = "partner-mark"  # the id of a brand's mark on the cover (flow.py sets it beside the document's)


def cover_marks(document: Document) -> tuple[str, ...]:
    """The document's marks: the image blocks that open an edition's cover."""
    found: list[str] = []
    for edition in document.editions.values():
        for block_id in edition.cover:
            if document.block(block_id).type != "image":
                break
            found.append(block_id)
    return tuple(dict.fromkeys(found))


def _replaced_marks(document: Document) -> set[str]:
    """The document's cover marks a partner's mark takes the place of: those it lets partners replace."""
    return set(cover_marks(document)) & set(document.partners.replace)


def _check_mark(document: Document, mark: CoverMark, replacements: tuple[Replacement, ...], source: str,
                problems: Problems) -> None:
    """A brand's mark replaces the cover's mark where the document lets
    partners replace it, else stands beside it where they may add to the cover."""
    policy = document.partners
    replaced = _replaced_marks(document)
    if not replaced and "cover" not in policy.add:
        problems.add(mark.where, f"'mark' adds to the cover, which {source} keeps locked",
                     f"expected additions only where the document lets partners add: {policy.describe('add')}")
    for replacement in replacements:
        if replacement.block_id in replaced:
            problems.add(replacement.where, f"replace '{replacement.block_id}' and 'mark' both change the cover's mark",
                         "expected one of them ('mark' takes the place of the document's mark)")


def _check_keys(replacement: Replacement, block: Block, problems: Problems) -> None:
    keys = TEXT_KEYS[block.type]
    given = {key for key, _, _ in replacement.texts}
    for key, _, where in replacement.texts:
        if key not in keys:
            problems.add(where, f"replace '{block.id}' has '{key}'", f"expected the keys of a {block.type} block: {', '.join(keys)}")
    for key, required in keys.items():
        if required and key not in given:
            problems.add(replacement.where, f"replace '{block.id}' has no '{key}'", f"expected '{key}' for a {block.type} block")


def co_brand(document: Document, brand: Brand) -> tuple[Document, PartnerSlot]:
    """The edition with the brand's replacements and its slot (``check`` passed)."""
    lang = language(document.lang)
    parts = brand.partner
    blocks = document.blocks
    if parts.replace:
        by_id = {r.block_id: r for r in parts.replace}
        blocks = tuple(_replaced(b, by_id[b.id], lang) if b.id in by_id else b for b in blocks)
    partner = is_partner(brand, document)
    on_back = "back" in document.partners.add
    name = Text((Span(brand.name, strong=True),), brand.where) if partner and on_back else None
    credit = None
    if partner and "cover" in document.partners.add:
        credit = parts.credit.text(lang) if parts.credit else Text((Span(brand.name),), brand.where)
    contact = None
    if parts.contact:
        heading = parts.contact.heading.text(lang) if parts.contact.heading else None
        contact = Block(id="partner-contact", type="contact", where=parts.contact.where, heading=heading,
                        lines=_lines(parts.contact.lines, lang))
    qr = None
    spec = parts.qr
    caption = None
    if spec is None and document.site_qr and not (name or contact):  # the publisher's own, where no card is
        spec = site_qr_spec(document.site_qr.url, document.site_qr.where)
        caption = Text((Span(printed_words(lang.code)["scan"]),), document.site_qr.where)
    if spec:
        shown = re.sub(r"^https?://", "", spec.url)  # the scheme is for the phone; people type the rest
        qr = PartnerQR(spec, Text((Span(shown),), spec.where), spec.caption.text(lang) if spec.caption else caption)
    slot = PartnerSlot(name, credit, brand.logo if name else None, contact, qr)
    document = replace(document, blocks=blocks)
    if parts.mark:
        document = _with_mark(document, parts.mark, lang)
    return document, slot


def _with_mark(document: Document, mark: CoverMark, lang: Language) -> Document:
    """The brand's mark on every cover: in the place of the document's marks
    that partners may replace, else after the document's marks (set beside them)."""
    block = Block(id=PARTNER_MARK, type="image", where=mark.where, alt=mark.alt.text(lang),
                  image=ImageRef(mark.path, mark.width, relative=False, where=mark.file_where, aspect=mark.aspect))
    replaced = _replaced_marks(document)
    editions = {}
    for name, edition in document.editions.items():
        cover = list(edition.cover)
        count = 0
        while count < len(cover) and document.block(cover[count]).type == "image":
            count += 1
        marks, rest = cover[:count], cover[count:]
        if replaced & set(marks):
            first = next(i for i in marks if i in replaced)
            marks = [PARTNER_MARK if i == first else i for i in marks if i == first or i not in replaced]
        else:
            marks.append(PARTNER_MARK)
        editions[name] = replace(edition, cover=tuple(marks + rest))
    return replace(document, blocks=document.blocks + (block,), editions=editions)


def _lines(lines: tuple[tuple[Translatable, Translatable], ...], lang: Language) -> tuple[ContactLine, ...]:
    return tuple(ContactLine(label.text(lang), value.text(lang)) for label, value in lines)


def _replaced(block: Block, replacement: Replacement, lang: Language) -> Block:
    fields: dict = {}
    for key, value, _ in replacement.texts:
        if key == "lines":
            fields[key] = _lines(value, lang)
        elif key == "items":
            fields[key] = tuple(item.text(lang) for item in value)
        else:
            fields[key] = value.text(lang)
    # Keys the brand leaves out are left out of the block, not kept from the network's text.
    empty = {key: (() if key in ("items", "lines") else None) for key in TEXT_KEYS[block.type] if key not in fields}
    return replace(block, where=replacement.where, **empty, **fields)

