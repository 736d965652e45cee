"""The partner's parts of a brand file as data: credit, contact block, QR
code and replaced blocks, as written (checked against a document in
``edition``). ``partfile.py`` reads them, loaded (by ``brand.py``) only for a
brand file that has them; the publisher's own QR code (``site_qr_spec``)
needs only this module.

    credit: {default: Shared with you by Example Partner, fr: ...}
    contact:
      heading: {default: Local support, fr: Soutien local}
      lines:
        - {label: {default: Phone, fr: Téléphone}, value: "+1-555-0100"}
    qr: {url: "https://example.org/local-support", size: 2.5cm, caption: {default: Scan me}}
    mark: {file: our-group/mark.svg, width: 0.8in, alt: {default: Our mark, fr: Notre marque}}
    replace:
      donations: {heading: ..., lines: [...]}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import Location
from .qr import QUIET_MODULES, QRMatrix, qr_matrix

if TYPE_CHECKING:
    from pathlib import Path

    from .values import Translatable

PARTNER_KEYS = ("credit", "contact", "qr", "mark", "replace")
DEFAULT_QR_SIZE = 72 / 2.54 * 2.5  # 2.5 cm


@dataclass(frozen=True)
class ContactLines:
    """A partner's contact block, per language."""

    heading: Translatable | None
    lines: tuple[tuple[Translatable, Translatable], ...]  # (label, value)
    where: Location


@dataclass(frozen=True)
class CoverMark:
    """The partner's mark for the cover: art inside the brand file's folder
    (vector SVG or PDF, or a bitmap), at most ``width`` wide, with the text
    screen readers are given for it."""

    path: Path
    width: float  # points
    alt: Translatable
    where: Location  # the line of 'mark'
    file_where: Location  # the line naming the file
    aspect: float = 1.0  # the art's height over its width, read when the file was checked


@dataclass(frozen=True)
class Replacement:
    """A block of the document with the brand's text in its place."""

    block_id: str
    texts: tuple[tuple[str, object, Location], ...]  # (key, Translatable | tuple of them | ContactLines, where)
    where: Location


@dataclass(frozen=True)
class QRSpec:
    """A partner's QR code: its address, size and caption."""

    url: str
    size: float  # points: the symbol, without its quiet zone
    matrix: QRMatrix
    caption: Translatable | None
    where: Location

    @property
    def module(self) -> float:
        return self.size / self.matrix.modules

    @property
    def box(self) -> float:
        """The printed square, quiet zone included."""
        return self.size + 2 * QUIET_MODULES * self.module


@dataclass(frozen=True)
class PartnerParts:
    """What a partner's brand file adds to an edition."""

    credit: Translatable | None = None
    contact: ContactLines | None = None
    qr: QRSpec | None = None
    mark: CoverMark | None = None
    replace: tuple[Replacement, ...] = ()
    lines: tuple[tuple[str, Location], ...] = ()  # each partner key given, and where

    def given(self, key: str) -> Location | None:
        return dict(self.lines).get(key)


def site_qr_spec(url: str, where: Location) -> QRSpec:
    """The publisher's QR code (checked when the document was read), at the default size."""
    return QRSpec(url, DEFAULT_QR_SIZE, qr_matrix(url), None, where)
