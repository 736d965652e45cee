"""layout: the front cover, composed.

In:  the cover page, the rows of the edition's cover blocks (the marks,
     then the title), the Setter, a partner's credit.
Out: the cover's items: a full colour field, the organisation's mark at the
     top with a partner's beside it, the title a fifth of the way down, the
     publisher at the foot and a partner's credit under it.
"""

from __future__ import annotations

from dataclasses import replace

from ..content.model import Document, Span, Text
from ..errors import Location
from ..partner.edition import PARTNER_MARK
from .frames import DoesNotFit, Overflow, trimmed
from .spec import ReaderPage
from .typeset import Fill, Item, Picture, Row, Setter, Stroke, mirror_item, mirror_rows, move_item, stack_rows

_EPSILON = 0.01


def place(rows, page: ReaderPage, y: float = 0.0) -> list[Item]:
    """Rows set in the page's frame from ``y`` down (space at their top and foot dropped)."""
    return stack_rows(list(trimmed(rows)), page.frame.x, page.frame.y + y)[0]


def _stack(rows: list[Row], page: ReaderPage, where: dict, top: float = 0.0) -> list[Item]:
    """Rows that must fit in one frame, from ``top`` down."""
    rows = list(trimmed(rows))
    height = sum(r.height for r in rows)
    if rows and top + height > page.frame.h + _EPSILON:
        first = rows[0]
        raise DoesNotFit(Overflow(first.block_id, where.get(first.block_id), top + height - page.frame.h, page.name))
    return place(rows, page, top)


def _height(rows) -> float:
    return sum(r.height for r in trimmed(rows))


def compose_cover(doc: Document, page: ReaderPage, rows: list[Row], setter: Setter, where: dict,
           partner_credit: Text | None = None) -> list[Item]:
    """The front cover: a full colour field, the organisation's mark (image
    blocks before the title) at the top, flush left like the title, a
    partner's mark beside it, the title a fifth of the way down (lower if the
    marks need it), the publisher at the foot, and under it a partner's credit."""
    background = Fill(0, 0, page.width, page.height, "accent", bleed=True)
    items: list[Item] = [background]
    rows = list(trimmed(rows))
    marks = 0
    while marks < len(rows) and doc.block(rows[marks].block_id).type == "image":
        marks += 1
    top = page.frame.h * 0.22
    if marks:
        mark_rows = [replace(r, items=tuple(replace(i, background="accent", x=0.0) if isinstance(i, Picture) else i
                                            for i in r.items)) for r in rows[:marks]]
        own = [r for r in mark_rows if r.block_id != PARTNER_MARK]
        theirs = [r for r in mark_rows if r.block_id == PARTNER_MARK]
        marked, height = (_stack(own, page, where) if own else []), _height(own)
        if theirs:
            marked, height = _with_partner_mark(marked, height, theirs, page, setter)
        items += _mirrored(marked, page) if setter.lang.rtl else marked  # flush right, a partner's to the left
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
        foot += setter.text_rows(partner_credit, "partner", setter.small(0.95), "paper", page.frame.w)
    if foot:
        foot = mirror_rows(foot, page.frame.w) if setter.lang.rtl else foot
        items += place(foot, page, page.frame.h - sum(r.height for r in foot))
    return items


def _mirrored(items: list[Item], page: ReaderPage) -> list[Item]:
    """Items reflected across the page's frame (a right-to-left cover)."""
    frame = page.frame
    return [move_item(mirror_item(move_item(i, -frame.x, 0), frame.w), frame.x, 0) for i in items]


def _with_partner_mark(own: list[Item], own_height: float, rows: list[Row], page: ReaderPage,
                       setter: Setter) -> tuple[list[Item], float]:
    """The document's marks and a partner's to their right, after a thin
    rule, the two centred on each other; the partner's narrowed (never
    widened) to the room left in the frame. Alone (it took the place of the
    document's mark, or there is none) it stands where the mark does. The
    items, and the height the marks take."""
    frame = page.frame
    rows = list(trimmed(rows))
    pictures = [i for i in own if isinstance(i, Picture)]
    if not pictures:
        return place(rows, page), _height(rows)
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
