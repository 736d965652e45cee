"""Blocks -> rows: the type scale and the look of each block type.

A block becomes a list of Rows of known height. A row is drawn as a unit;
the flow may end a frame only before a row that allows it, which is how
quotes stay whole, headings stay with what follows, and paragraphs never
leave a single line behind (widows and orphans).

Coordinates inside a row: x from the frame's left edge, y down from the
row's top, in points.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.model import Block, ContactLine, Span, Text
from ..errors import Location, Problems
from ..content.load import SOURCE_LANG
from ..languages import Language, language
from ..text.fontlibrary import FontLibrary
from ..text.lines import Line, break_lines, widest_piece
from ..text.shaping import ShapedText, shape_text


@dataclass(frozen=True)
class TextLine:
    """A line of shaped text placed at its baseline."""

    x: float
    baseline: float
    size: float
    shaped: ShapedText
    line: Line
    colour: str
    tag: str = ""  # 'block id#part' (text, subtitle, heading, item.N, ...): the structure element it belongs to


@dataclass(frozen=True)
class Fill:
    """A filled rectangle."""

    x: float
    y: float
    w: float
    h: float
    colour: str
    bleed: bool = False  # extends past the page edges into the bleed


@dataclass(frozen=True)
class Stroke:
    """A straight rule."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: str


@dataclass(frozen=True)
class Dot:
    """A filled circle (a list bullet)."""

    x: float
    y: float
    r: float
    colour: str
    tag: str = ""  # a list bullet's 'block id#bullet.N' (its Lbl in the structure)


@dataclass(frozen=True)
class Picture:
    """An image placed in a frame."""

    x: float
    y: float  # top
    w: float
    h: float
    path: Path
    background: str = "paper"  # the palette colour it sits on (transparent pixels take it)
    alt: str = ""  # the text alternative screen readers are given
    where: Location | None = field(default=None, compare=False)  # the content line naming the art (for its errors)
    tag: str = ""  # an image block's 'block id#figure'


@dataclass(frozen=True)
class QRCode:
    """A QR code drawn as vector squares, on a light square that holds its quiet zone."""

    x: float
    y: float  # top of the light square
    module: float  # points per module
    rows: tuple[str, ...]  # '1' dark
    quiet: int  # modules of quiet zone on each side
    colour: str
    background: str = "paper"
    alt: str = ""  # the address it encodes, said to screen readers

    @property
    def box(self) -> float:
        return (len(self.rows) + 2 * self.quiet) * self.module


Item = TextLine | Fill | Stroke | Dot | Picture | QRCode


@dataclass(frozen=True)
class Row:
    """A horizontal slice of a block, the unit the flow fits into frames."""

    height: float
    items: tuple[Item, ...] = ()
    block_id: str = ""
    can_break_before: bool = True
    spacer: bool = False  # vertical space, dropped at the top or bottom of a frame
    gap: str = ""  # a spacer's name in the spacing scale ('' inside a block)
    break_cost: float = 0.0  # what ending a frame before this row costs the composer (a short list split)


@dataclass(frozen=True)
class Spacing:
    """The edition's spacing scale: the few gaps between blocks, in points,
    derived from the body's leading and the same on every page. Pages are
    balanced by where sections break, never by stretching these."""

    section: float  # before a heading of level 1: a new section
    subsection: float  # before a heading of a lower level
    after_heading: float  # between a heading and what it heads
    panel: float  # around a quote, callout or picture
    paragraph: float  # between two other blocks
    item: float  # between the items of a list

    @classmethod
    def for_lead(cls, lead: float) -> Spacing:
        return cls(section=lead * 1.5, subsection=lead * 1.0, after_heading=lead * 0.3, panel=lead * 0.8,
                   paragraph=lead * 0.5, item=lead * 0.25)

    def between(self, before: Block | None, after: Block) -> str:
        """The name of the gap between two blocks that follow each other."""
        if after.type == "heading":
            return "section" if after.level == 1 else "subsection"
        if before is not None and before.type == "heading":
            return "after_heading"
        if after.type in PANEL_TYPES or (before is not None and before.type in PANEL_TYPES):
            return "panel"
        return "paragraph"


MIN_SIZE, MIN_SIZE_DENSE = 8.0, 8.5  # points: the least text size, in Latin and in denser scripts (Thai, CJK)
PANEL_PADDING = 0.2 * 72  # points between text and the edge of the colour it sits on
SPLIT_SHORT_LIST = 2.0  # the composer's cost of ending a frame inside a short list
PANEL_TYPES = ("quote", "callout", "image")  # blocks set on their own ground, with more room around them
SHORT_LIST = 8  # a list of up to this many items is kept in one frame where the composer can


@dataclass
class Setter:
    """Typesets blocks for one language at one body size and measure.

    Shaping is size-independent, so shaped texts are cached across the sizes
    the fit search tries.
    """

    lang: Language
    library: FontLibrary
    body: float
    width: float
    hyphenate: bool
    problems: Problems
    shaped: dict = field(default_factory=dict)

    # -- the type scale -------------------------------------------------
    @property
    def lead(self) -> float:
        return self.body * self.lang.leading

    @property
    def spacing(self) -> Spacing:
        return Spacing.for_lead(self.lead)

    def line_height(self, size: float, tight: bool = False) -> float:
        factor = (self.lang.display_leading or self.lang.leading - 0.22) if tight else self.lang.leading
        return size * max(factor, 1.12)

    def small(self, factor: float) -> float:
        """A size below the body's (notes, attributions, captions), never under
        the least a reader can read: 8 pt in Latin and Cyrillic (set in the
        Latin face), 8.5 pt in the denser scripts set in faces of their own
        (Thai, CJK, Burmese, Devanagari, Ethiopic; Naskh and Nastaliq read
        smaller than Latin at one size too)."""
        least = MIN_SIZE if self.lang.faces()[0] == "latin" else MIN_SIZE_DENSE
        return max(self.body * factor, least)

    # -- text -------------------------------------------------------------
    def shape(self, text: Text, block_id: str, bold=False, italic=False, hyphenate=True, display=False) -> ShapedText:
        hyphenate = hyphenate and self.hyphenate
        key = (text, self.lang.code, bold, italic, hyphenate, display)
        if key not in self.shaped:
            self.shaped[key] = shape_text(text, self.lang, self.library, self.problems, block_id, bold, italic,
                                          hyphenate, display)
        return self.shaped[key]

    def text_rows(self, text: Text, block_id: str, size: float, colour: str, width: float, x: float = 0.0,
                  bold=False, italic=False, align="left", tight=False, body=False, display=None,
                  last_line=False, part: str = "text") -> list[Row]:
        # Display lines (titles, headings, callouts: tight unless said) are never
        # hyphenated, and are broken by sense into balanced lines, in the
        # language's display faces; body text is set solid where the language
        # says so (CJK).
        display = tight if display is None else display
        shaped = self.shape(text, block_id, bold, italic, hyphenate=not display, display=display)
        height = self.line_height(size, tight)
        rows = []
        for line in break_lines(shaped, width / size, solid=body and self.lang.solid, display=display,
                                phrases=self.lang.phrases is not None, last_line=last_line):
            dx = {"left": 0.0, "center": (width - line.width * size) / 2, "right": width - line.width * size}[align]
            baseline = height / 2 + 0.36 * size
            rows.append(Row(height, (TextLine(x + dx, baseline, size, shaped, line, colour, f"{block_id}#{part}"),), block_id))
        return rows

    def space(self, height: float, block_id: str = "") -> Row:
        return Row(height, (), block_id, can_break_before=True, spacer=True)

    def gap(self, name: str, block_id: str = "") -> Row:
        """The spacer of one of the spacing scale's gaps."""
        return Row(getattr(self.spacing, name), (), block_id, can_break_before=True, spacer=True, gap=name)

    # -- blocks -------------------------------------------------------------
    def rows(self, block: Block) -> list[Row]:
        """The block's rows, without space before or after it (the flow puts
        the spacing scale's gap between two blocks); in a right-to-left
        language mirrored across the measure, so lines are right-aligned and
        bullets, indents and a quote's rule are on the right. A block not yet
        translated prints its English, set as English is (leading, breaking,
        hyphenation, left to right), not by the edition's language's rules."""
        setter = self.in_source() if block.status == "missing" else self
        rows = getattr(setter, "_" + block.type)(block)
        return mirror_rows(rows, self.width) if setter.lang.rtl else rows

    def in_source(self) -> "Setter":
        """This setter for the source language's text (the same size, measure and caches)."""
        if self.lang.code == SOURCE_LANG:
            return self
        return replace(self, lang=language(SOURCE_LANG))

    def display_size(self, text: Text, block_id: str, size: float) -> float:
        """``size``, or less where a word of the text (bold, in the display
        face it is set in), or its last two words, would not fit the measure whole."""
        widest = widest_piece(self.shape(text, block_id, bold=True, hyphenate=False, display=True), last_two=True)
        return min(size, self.width / widest) if widest > 0 else size

    def _title(self, b: Block) -> list[Row]:
        size = self.display_size(b.text, b.id, self.body * 2.7)
        rows = self.text_rows(b.text, b.id, size, "paper", self.width, bold=True, tight=True)
        if b.subtitle:
            rows.append(self.space(self.lead * 0.8))
            rows.append(Row(3.0, (Fill(0, 0, self.body * 4, 3.0, "warm"),), b.id))
            rows.append(self.space(self.lead * 0.5))
            rows += self.text_rows(b.subtitle, b.id, self.body * 1.45, "tint", self.width, bold=True, tight=True,
                                   part="subtitle")
        return _unbreakable(rows)

    def _heading(self, b: Block) -> list[Row]:
        rows = []
        if b.level == 1:
            rows = [Row(2.5, (Fill(0, 0, self.body * 3, 2.5, "warm"),), b.id), self.space(self.lead * 0.35, b.id)]
            rows += self.text_rows(b.text, b.id, self.body * 1.5, "accent", self.width, bold=True, tight=True)
        else:
            rows += self.text_rows(b.text, b.id, self.body * 1.12, "accent", self.width, bold=True, tight=True)
        return _unbreakable(rows)

    def _paragraph(self, b: Block, size=None, colour="ink") -> list[Row]:
        rows = self.text_rows(b.text, b.id, size or self.body, colour, self.width, body=True)
        return _widow_orphan(rows)

    def _note(self, b: Block) -> list[Row]:
        return self._paragraph(b, self.small(0.84), "muted")

    def _list(self, b: Block) -> list[Row]:
        rows: list[Row] = []
        if b.heading:
            rows += _unbreakable(self.text_rows(b.heading, b.id, self.body, "accent", self.width, bold=True,
                                                display=True, part="heading"))
        indent = self.body * 1.1
        last_start = 0
        for n, item in enumerate(b.items):
            item_rows = self.text_rows(item, b.id, self.body, "ink", self.width - indent, x=indent, body=True,
                                       part=f"item.{n}")
            first = item_rows[0]
            dot = Dot(indent * 0.4, first.items[0].baseline - self.body * 0.3, self.body * 0.16, "warm", f"{b.id}#bullet.{n}")
            item_rows[0] = Row(first.height, first.items + (dot,), b.id)
            item_rows = _widow_orphan(item_rows)
            if n:
                rows.append(self.gap("item", b.id))
            elif b.heading:
                item_rows[0] = replace(item_rows[0], can_break_before=False)
            last_start = len(rows)
            rows += item_rows
        if len(b.items) > 1 and len(rows) - last_start == 1:
            # A one-line last item never starts a frame alone (a widow of the list).
            rows[last_start - 1:] = [replace(r, can_break_before=False) for r in rows[last_start - 1:]]
        if len(b.items) <= SHORT_LIST:
            # A short list is read as one thing: the composer splits it only if it must.
            rows = [rows[0]] + [replace(r, break_cost=SPLIT_SHORT_LIST) for r in rows[1:]]
        return rows

    def _quote(self, b: Block) -> list[Row]:
        citation = b.kind == "citation"
        pad = PANEL_PADDING
        inner_x = self.body if citation else PANEL_PADDING
        inner_w = self.width - inner_x - (0 if citation else PANEL_PADDING)
        size = self.body * (0.92 if citation else 1.06)
        body = self.text_rows(b.text, b.id, size, "ink" if citation else "accent", inner_w, x=inner_x,
                              italic=not citation, body=True, last_line=True)
        if b.attribution:
            body.append(self.space(self.lead * 0.25))
            body += self.text_rows(b.attribution, b.id, self.small(0.84), "muted", inner_w, x=inner_x, bold=not citation,
                                   part="attribution")
        if citation:  # a rule beside it, no ground: no padding to keep from a colour edge
            pad = self.lead * 0.3
            height = sum(r.height for r in body) + 2 * pad
            return self._panel(b.id, [Fill(0, pad * 0.5, 1.6, height - pad, "muted")], body, pad, height)
        height = sum(r.height for r in body) + 2 * pad
        panel = [Fill(0, 0, self.width, height, "tint"), Fill(0, 0, 3.2, height, "warm")]
        return self._panel(b.id, panel, body, pad, height)

    def _panel(self, block_id: str, background: list, body: list[Row], pad: float, height: float) -> list[Row]:
        """Rows drawn on a background as one unbreakable row."""
        items = list(background) + stack_rows(body, y=pad)[0]
        return [Row(height, tuple(items), block_id)]

    def _callout(self, b: Block) -> list[Row]:
        body = self.text_rows(b.text, b.id, self.body * 1.2, "paper", self.width - 2 * PANEL_PADDING, x=PANEL_PADDING,
                              bold=True, align="center", tight=True)
        height = sum(r.height for r in body) + 2 * PANEL_PADDING
        return self._panel(b.id, [Fill(0, 0, self.width, height, "accent")], body, PANEL_PADDING, height)

    def _image(self, b: Block) -> list[Row]:
        """The art centred at its width, its caption under it; never split."""
        width = b.image.placed_width(self.width)
        height = width * b.image.aspect
        picture = Picture((self.width - width) / 2, 0.0, width, height, b.image.path, alt=b.alt.plain if b.alt else "",
                          where=b.image.where, tag=f"{b.id}#figure")
        rows = [Row(height, (picture,), b.id)]
        if b.caption:
            rows.append(self.space(self.lead * 0.35, b.id))
            rows += self.text_rows(b.caption, b.id, self.small(0.84), "muted", self.width, align="center", part="caption")
        return _unbreakable(rows)

    def _contact(self, b: Block) -> list[Row]:
        rows = []
        if b.heading:
            rows += self.text_rows(b.heading, b.id, self.body, "accent", self.width, bold=True, display=True,
                                   part="heading")
        for n, line in enumerate(b.lines):  # one item a line, its label run in
            if n or b.heading:
                rows.append(self.space(self.lead * 0.15))
            rows += self.text_rows(run_in(line), b.id, self.small(0.95), "ink", self.width, tight=True, part=f"line.{n}")
        return _unbreakable(rows)


def run_in(line: ContactLine) -> Text:
    """'**Hours:** Mon–Fri': the label in bold, run into its value (no space
    after a full-width colon, as Chinese and Japanese write it)."""
    label = [Span(span.text, strong=True, em=span.em) for span in line.label.spans]
    last = line.label.plain[-1:]
    space = [] if last and unicodedata.east_asian_width(last) in ("F", "W") else [Span(" ")]
    return Text(tuple(label + space + list(line.value.spans)), line.value.where)



def move_item(item: Item, dx: float, dy: float) -> Item:
    """The same item, moved right by dx and down by dy."""
    if isinstance(item, TextLine):
        return replace(item, x=item.x + dx, baseline=item.baseline + dy)
    if isinstance(item, Stroke):
        return replace(item, x1=item.x1 + dx, y1=item.y1 + dy, x2=item.x2 + dx, y2=item.y2 + dy)
    return replace(item, x=item.x + dx, y=item.y + dy)


def mirror_item(item: Item, width: float) -> Item:
    """The same item reflected across a measure ``width`` wide (right-to-left layouts)."""
    if isinstance(item, TextLine):
        return replace(item, x=width - item.x - item.line.width * item.size)
    if isinstance(item, Stroke):
        return replace(item, x1=width - item.x1, x2=width - item.x2)
    if isinstance(item, Dot):
        return replace(item, x=width - item.x)
    if isinstance(item, QRCode):
        return replace(item, x=width - item.x - item.box)
    return replace(item, x=width - item.x - item.w)  # Fill, Picture


def mirror_rows(rows: list[Row], width: float) -> list[Row]:
    """Rows with every item reflected across the measure (see mirror_item)."""
    return [replace(row, items=tuple(mirror_item(item, width) for item in row.items)) for row in rows]


def stack_rows(rows: list[Row], x: float = 0.0, y: float = 0.0) -> tuple[list[Item], float]:
    """Rows set one under the other from (x, y): their items, and the y below the last."""
    items: list[Item] = []
    for row in rows:
        items += [move_item(item, x, y) for item in row.items]
        y += row.height
    return items, y


def _unbreakable(rows: list[Row]) -> list[Row]:
    """No frame break inside these rows (a leading spacer may still be dropped)."""
    out, seen_content = [], False
    for row in rows:
        out.append(replace(row, can_break_before=not seen_content))
        seen_content = seen_content or not row.spacer
    return out


def _widow_orphan(rows: list[Row]) -> list[Row]:
    """A frame may end inside a run of lines only with two lines on each side."""
    n = len(rows)
    return [replace(r, can_break_before=(i == 0) or (2 <= i <= n - 2)) for i, r in enumerate(rows)]
