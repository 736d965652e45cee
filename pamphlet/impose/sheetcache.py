"""Imposed sheets remembered by their inputs, so an unchanged build never loads pypdf.

Imposition is a pure function of the reader PDF's bytes, the plan, the
sheet style, the metadata and (for PDF/X) the output intent, the title and
the date stamped in the file. With pypdf's import costing more than the
rest of a warm build, the result is kept on disk (``cache.DiskCache``) under
a key holding all of them, the ICC profile by contents, pypdf's and
reportlab's versions and the source of ``impose`` and the canvas. A reader
PDF that changed by a single byte is imposed again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..cache import DiskCache, code_fingerprint, file_digest, installed_version, key_of
from ..profiles import OutputIntent
from .plans import Plan

_SHEETS = DiskCache("sheets", "2", limit=2048)


@dataclass(frozen=True)
class PdfxLabel:
    """What ``pdfx.finish_pdfx`` stamps on the imposed file."""

    version: str
    intent: OutputIntent
    title: str

    def finish(self, writer, file_id) -> None:
        """Label the imposed file (``apply.impose`` calls this last)."""
        from .pdfx import finish_pdfx

        finish_pdfx(writer, self.version, self.intent, self.title, file_id=file_id)


def imposed(reader_pdf: bytes, structure, plan: Plan, style, source_bleed: float, metadata: dict[str, str],
            pdfx: PdfxLabel | None = None) -> bytes:
    """``apply.impose`` of the same arguments, from the cache when it has them
    (``structure``: the reader PDF's ``render.tags.Structure``, to tag the sheets)."""
    label = None
    if pdfx is not None:
        from .pdfx import build_date

        label = (pdfx.version, repr(pdfx.intent), file_digest(pdfx.intent.profile).hex(), pdfx.title,
                 build_date().isoformat())
    key = key_of("sheets", _code(), hashlib.sha256(reader_pdf).hexdigest(), repr(plan), repr(style), source_bleed,
                 tuple(sorted(metadata.items())), label, repr(structure))
    found = _SHEETS.get(key)
    if found is not None:
        return found
    from .apply import impose

    pdf = impose(reader_pdf, plan, style, source_bleed, metadata, pdfx.finish if pdfx is not None else None,
                 structure=structure)
    _SHEETS.put(key, pdf)
    return pdf


def prepended(front: bytes, structure, pdf: bytes) -> bytes:
    """``apply.prepend_pages(front, pdf, structure)``, from the cache when it has it."""
    key = key_of("prepended", _code(), hashlib.sha256(front).hexdigest(), hashlib.sha256(pdf).hexdigest(),
                 repr(structure))
    found = _SHEETS.get(key)
    if found is not None:
        return found
    from .apply import prepend_pages

    joined = prepend_pages(front, pdf, structure)
    _SHEETS.put(key, joined)
    return joined


def bookmarked(pdf: bytes, bookmarks) -> bytes:
    """``bookmarks.with_bookmarks(pdf, bookmarks)``, from the cache when it
    has it: a rebuild of an unchanged screen edition loads no pypdf."""
    key = key_of("bookmarked", _code(), hashlib.sha256(pdf).hexdigest(), repr(bookmarks))
    found = _SHEETS.get(key)
    if found is not None:
        return found
    from .bookmarks import with_bookmarks

    marked = with_bookmarks(pdf, bookmarks)
    _SHEETS.put(key, marked)
    return marked


def _code() -> tuple[str, ...]:
    return (code_fingerprint("impose", "render/canvas.py", "profiles.py"), installed_version("pypdf"),
            installed_version("reportlab"))
