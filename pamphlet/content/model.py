"""The content model: a Document is a tuple of Blocks in one language.

Everything here is immutable and carries its source location, so a later
stage can report ``file:line`` for a block that does not fit or a character
no font has.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import Location
from .partners import PartnerPolicy, SiteQR

BLOCK_TYPES = ("title", "heading", "paragraph", "list", "note", "quote", "callout", "contact", "image")
SLOTS = ("cover", "flow", "back")


@dataclass(frozen=True)
class Span:
    """A piece of text in one inline style."""

    text: str
    strong: bool = False
    em: bool = False


@dataclass(frozen=True)
class Text:
    """A run of inline-styled text, with where it was written."""

    spans: tuple[Span, ...]
    where: Location
    markup: str = field(default="", compare=False)  # as written (whitespace normalised), markup included

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class ContactLine:
    """One line of a contact block: a label and its value."""

    label: Text
    value: Text


@dataclass(frozen=True)
class ImageRef:
    """The art an image block shows: a file inside the document folder and
    the width it is set at."""

    path: Path  # resolved
    width: float = 1.0  # a fraction of the measure when ``relative``, else points
    relative: bool = True
    where: Location | None = None  # the line naming the file
    aspect: float = 1.0  # the art's height over its width, read when the file was checked

    def placed_width(self, measure: float) -> float:
        return min(self.width * measure if self.relative else self.width, measure)


@dataclass(frozen=True)
class Block:
    """One block of the document in one language, with where it was written."""

    id: str
    type: str
    where: Location
    text: Text | None = None
    subtitle: Text | None = None
    attribution: Text | None = None
    heading: Text | None = None
    items: tuple[Text, ...] = ()
    lines: tuple[ContactLine, ...] = ()
    level: int = 2
    kind: str = "testimony"
    # source (the English), or in a translation: draft, reviewed, stale (the
    # English changed since it was translated) or missing (English set in its place)
    status: str = "source"
    image: ImageRef | None = None  # for image blocks
    caption: Text | None = None
    alt: Text | None = None  # an image's text alternative: in the PDF for screen readers, never printed
    translated_from: str = ""  # fingerprint of the English it was translated from

    def fields(self) -> list[tuple[tuple, Text]]:
        """Every translatable text with its path in the block, in reading order:
        ("text",), ("items", 0), ("lines", 1, "label"), ..."""
        found: list[tuple[tuple, Text]] = []
        names = [f.name for f in fields(self)]
        for name in sorted(names, key=lambda n: _READING_ORDER.index(n) if n in _READING_ORDER else len(_READING_ORDER)):
            value = getattr(self, name)
            if isinstance(value, Text):
                found.append(((name,), value))
            elif isinstance(value, tuple):
                for n, item in enumerate(value):
                    if isinstance(item, Text):
                        found.append(((name, n), item))
                    elif isinstance(item, ContactLine):
                        found += [((name, n, "label"), item.label), ((name, n, "value"), item.value)]
        return found

    def texts(self) -> list[Text]:
        """Every printed piece of text of the block, in reading order (an
        image's ``alt`` is not printed, so it is not among them)."""
        found: list[Text] = []
        for part in (self.heading, self.text, self.subtitle):
            if part is not None:
                found.append(part)
        found.extend(self.items)
        for line in self.lines:
            found.extend((line.label, line.value))
        if self.attribution is not None:
            found.append(self.attribution)
        if self.caption is not None:
            found.append(self.caption)
        return found


_READING_ORDER = ("heading", "text", "subtitle", "items", "lines", "attribution", "caption", "alt")


@dataclass(frozen=True)
class Edition:
    """Which blocks an edition carries, by slot."""

    name: str
    cover: tuple[str, ...]
    flow: tuple[str, ...]
    back: tuple[str, ...]

    def slot(self, name: str) -> tuple[str, ...]:
        return getattr(self, name)

    @property
    def block_ids(self) -> tuple[str, ...]:
        return self.cover + self.flow + self.back


@dataclass(frozen=True)
class Document:
    """The whole document in one language: its blocks, editions and settings."""

    id: str
    lang: str
    title: str
    folder: Path
    path: Path
    blocks: tuple[Block, ...]
    editions: dict[str, Edition] = field(hash=False)
    organisation: str = ""
    status: str = "source"
    fonts: tuple = field(default=(), hash=False)  # the document's own font families (name, FontFamily)
    partners: PartnerPolicy = field(default=PartnerPolicy(), hash=False)  # what brands may add or replace
    site_qr: SiteQR | None = None  # the publisher's own QR code for the back

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    def edition_blocks(self, edition: str, slot: str) -> list[Block]:
        return [self.block(i) for i in self.editions[edition].slot(slot)]
