"""check: what a screen reader finds in a PDF (made here or anywhere else).

In:  a pypdf reader of any PDF.
Out: warnings (Findings): not tagged (no structure tree, or /MarkInfo not
     Marked); no document language (/Lang); the viewer not asked to show the
     title (DisplayDocTitle) or no title; Figure elements without alternative
     text; page content outside any marked-content sequence (neither tagged
     nor an artifact); glyph widths (/W) that differ from the embedded font
     program (``fontwidths``).

A PDF that passes is not thereby PDF/UA-1: reading order, alt text that
says the right thing, and what no program can judge are for a person, and
veraPDF checks the rest (docs/accessibility.md).
"""

from __future__ import annotations

import re

from .findings import Finding
from .fontwidths import width_mismatches

_EXPECT_TAGGED = "expected a tagged PDF (PDF/UA-1): a structure tree screen readers follow, in reading order"
# Content-stream tokens: strings, hex strings, dictionaries, names, numbers, comments, operators.
_TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<<|>>|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|[-+]?(?:\d+\.?\d*|\.\d+)"
                    rb"|%[^\r\n]*|[\[\]{}]|[A-Za-z'\"*]+\d?")
_PAINT = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"EI"}


def accessibility(reader) -> list[Finding]:
    """Every accessibility warning of the PDF (see the module's docstring)."""
    catalog = reader.trailer["/Root"]
    found = []
    tagged = "/StructTreeRoot" in catalog and bool((catalog.get("/MarkInfo") or {}).get("/Marked"))
    if not tagged:
        found.append(Finding((), "the PDF is not tagged (no structure tree, or /MarkInfo not Marked true)",
                             _EXPECT_TAGGED, warning=True))
    if not str(catalog.get("/Lang") or "").strip():
        found.append(Finding((), "no document language (/Lang in the catalog)",
                             "expected the language of the text, e.g. /Lang (en), so a screen reader picks its voice",
                             warning=True))
    if not (catalog.get("/ViewerPreferences") or {}).get("/DisplayDocTitle"):
        found.append(Finding((), "viewers show the file name, not the title (no DisplayDocTitle)",
                             "expected /ViewerPreferences << /DisplayDocTitle true >>", warning=True))
    if not str((reader.metadata or {}).get("/Title") or "").strip():
        found.append(Finding((), "no document title (/Title)", "expected a title, said when the PDF opens",
                             warning=True))
    if tagged:
        found += _figures_without_alt(reader, catalog["/StructTreeRoot"])
        for number, page in enumerate(reader.pages, start=1):
            count = untagged_operators(page)
            if count:
                found.append(Finding((number,), f"{count} drawing operator(s) outside any marked content (untagged)",
                                     "expected every piece of content tagged or marked as an artifact", warning=True))
    for mismatch in width_mismatches(reader):
        found.append(Finding((), f"font {mismatch.font}: {mismatch.codes} of {mismatch.of} glyph widths (/W) differ "
                                 f"from the embedded font program, by up to {mismatch.worst:g}/1000 em",
                             "expected each width to be the program's own advance (PDF/UA-1 7.21.5, PDF/A)",
                             warning=True))
    return found


def _figures_without_alt(reader, root) -> list[Finding]:
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    missing: list[int] = []
    stack, seen = [root], set()
    while stack:
        element = stack.pop().get_object()
        if not hasattr(element, "get") or id(element) in seen:
            continue
        seen.add(id(element))
        if element.get("/S") == "/Figure" and not element.get("/Alt") and not element.get("/ActualText"):
            page = element.get("/Pg")
            missing.append(pages.get(page.idnum, 0) if page is not None else 0)
        kids = element.get("/K")
        if kids is not None:
            kids = kids.get_object()
            stack += list(kids) if isinstance(kids, list) else [kids]
    if not missing:
        return []
    return [Finding(tuple(sorted({p for p in missing if p})), f"{len(missing)} figure(s) without alternative text",
                    "expected /Alt on every Figure (or the picture marked as an artifact if it only decorates)",
                    warning=True)]


def untagged_operators(page) -> int:
    """Painting operators of the page's own content outside every marked-content sequence."""
    contents = page.get_contents()
    if contents is None:
        return 0
    data = contents.get_data()
    depth = outside = 0
    position = 0
    while True:
        match = _TOKEN.search(data, position)
        if match is None:
            return outside
        token, position = match.group(), match.end()
        if token in (b"BDC", b"BMC"):
            depth += 1
        elif token == b"EMC":
            depth = max(0, depth - 1)
        elif token == b"ID":  # inline image data: skip to its EI
            end = re.compile(rb"\sEI(?=[\s]|$)").search(data, position)
            position = end.start() if end else len(data)
        elif token in _PAINT and not depth:
            outside += 1
