"""impose: the screen edition's bookmarks and opening view, added to its written PDF.

In:  the PDF's bytes and its ``Bookmark``s (the title and the headings, each
     at its page and height).
Out: the same PDF with an outline (a heading's subheadings under it), shown
     when the file opens, which opens at its first page fitted to the
     screen's width. The structure tree and everything else are kept.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Bookmark:
    """One entry of the outline."""

    title: str
    page: int  # 0-based page of the PDF
    top: float  # points from the page's foot: where the view opens
    level: int = 0  # 0 at the top; 1 under the last entry of level 0


def with_bookmarks(pdf: bytes, bookmarks: list[Bookmark]) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, FloatObject, NameObject

    from ..privateapi import set_file_id

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    parents: dict[int, object] = {}
    for mark in bookmarks:
        parent = parents.get(mark.level - 1) if mark.level else None
        parents[mark.level] = writer.add_outline_item(title=mark.title, page_number=mark.page, parent=parent,
                                                      fit=_fit_width(mark.top))
    root = writer.root_object
    root[NameObject("/PageMode")] = NameObject("/UseOutlines")
    first = writer.pages[0]
    root[NameObject("/OpenAction")] = ArrayObject([first.indirect_reference, NameObject("/FitH"),
                                                   FloatObject(float(first.mediabox.top))])
    set_file_id(writer, hashlib.md5(pdf).digest())  # the same input, the same file
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fit_width(top: float):
    from pypdf.generic import Fit

    return Fit.fit_horizontally(top=top)
