"""The four readers of a PDF's text layer, and what each gives back in reader order.

pdfium (Chrome, Edge, Android viewers) through pypdfium2; pdf.js (Firefox, web
viewers) through node and ``tests/pdfjs/extract.mjs``; poppler (Evince,
Okular) through ``pdftotext``, with and without ``-raw``; pypdf. A PDF whose
sheets carry reader pages side by side (tri-fold sides, 2-up booklets) is read
one slot at a time, in reader order, so text that runs on from one page to the
next stays together. A reader that is not installed fails the test that needs
it, with the command that installs it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from pamphlet.impose.plans import booklet_order
from pamphlet.privateapi import add_object

PDFJS = Path(__file__).resolve().parent / "pdfjs"
READERS = ("pdfium", "pdfjs", "poppler-raw", "poppler", "pypdf")


@dataclass(frozen=True)
class Slot:
    """Where one reader page lies on a page of the PDF (x in points)."""

    pdf_page: int  # 0-based
    x0: float
    x1: float
    height: float


@dataclass(frozen=True)
class Placed:
    """A reader page drawn on a sheet side: its matrix, its clip (in its own
    coordinates), and its content and resources."""

    matrix: tuple[float, ...]
    bbox: tuple[float, ...]
    content: bytes
    resources: object


_INLINE = re.compile(rb"q ((?:[-\d.]+ ){6})cm ((?:[-\d.]+ ){4})re W n\n")
_FORM = re.compile(rb"q ((?:[-\d.]+ ){6})cm (/Pg\d+) Do Q")


def placed_pages(page) -> list[Placed]:
    """The reader pages on a sheet side, left to right as drawn: copied into
    its content (tagged output: ``q <matrix> cm <clip> re W n ... Q``) or
    drawn as forms (``q <matrix> cm /PgN Do Q``)."""
    ops = page.get_contents().get_data()
    if ops.startswith(b"q -1 0 0 -1 "):  # a side turned 180 degrees: its closing Q is not a page's
        ops = ops.rstrip()[:-1]
    xobjects = page["/Resources"].get("/XObject") or {}
    found = []
    for match in _FORM.finditer(ops):
        form = xobjects[match.group(2).decode()].get_object()
        found.append(Placed(tuple(float(v) for v in match.group(1).split()), tuple(float(v) for v in form["/BBox"]),
                            form.get_data(), form["/Resources"]))
    heads = list(_INLINE.finditer(ops))
    for k, match in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(ops)
        marks = ops.find(b"/Artifact BMC q /Marks", match.end(), end)
        end = marks if marks >= 0 else end
        content = ops[match.end():end].rstrip()
        content = content[:content.rfind(b"\nQ")]  # the clip's own q ... Q
        x, y, w, h = (float(v) for v in match.group(2).split())
        found.append(Placed(tuple(float(v) for v in match.group(1).split()), (x, y, x + w, y + h), content,
                            page["/Resources"]))
    return found


def reader_slots(path: Path, layout: str, reader_pages: int) -> list[Slot]:
    """The slots of the PDF in reader order: a tri-fold's six panels, a 2-up
    booklet's pages, or one slot per page of a PDF of single pages."""
    reader = PdfReader(str(path))
    placed: list[list[Slot]] = []
    for n, page in enumerate(reader.pages):
        height = float(page.mediabox.height)
        row = []
        for placed_page in placed_pages(page):
            a, e, box = placed_page.matrix[0], placed_page.matrix[4], placed_page.bbox
            xs = sorted((e + a * box[0], e + a * box[2]))
            row.append(Slot(n, xs[0], xs[1], height))
        placed.append(row or [Slot(n, 0.0, float(page.mediabox.width), height)])
    if all(len(row) == 1 for row in placed):
        return [row[0] for row in placed]
    if layout.startswith("trifold"):  # outside [flap, back, cover], inside [left, middle, right]
        by_panel = {1: placed[0][0], 5: placed[0][1], 0: placed[0][2], 2: placed[1][0], 3: placed[1][1],
                    4: placed[1][2]}
        return [by_panel[k] for k in range(6)]
    by_page: dict[int, Slot] = {}
    for sheet, (front, back) in enumerate(booklet_order(reader_pages)):
        for side, numbers in ((2 * sheet, front), (2 * sheet + 1, back)):
            for number, slot in zip(numbers, placed[side]):
                by_page[number] = slot
    return [by_page[k] for k in sorted(by_page)]


def _missing_reader(what: str, install: str) -> AssertionError:
    return AssertionError(f"{what} is not installed; {install} (.ci/run does this)")


def pdfium_text(path: Path, slots: list[Slot]) -> list[str]:
    """pdfium's text of each slot, as a browser copies a selection of it
    (``get_text_range``, not ``get_text_bounded``, which marks a hyphen that
    ends a line differently): the characters whose boxes lie in the slot."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise _missing_reader("pypdfium2", "pip install -e '.[test]'") from None
    document = pdfium.PdfDocument(str(path))
    texts = []
    try:
        pages: dict[int, list[tuple[int, int, float]]] = {}
        for slot in slots:
            if slot.pdf_page not in pages:
                textpage = document[slot.pdf_page].get_textpage()
                pages[slot.pdf_page] = (textpage, _pdfium_char_x(textpage))
            textpage, xs = pages[slot.pdf_page]
            inside = [k for k, x in enumerate(xs) if x is not None and slot.x0 <= x < slot.x1]
            texts.append(textpage.get_text_range(inside[0], inside[-1] - inside[0] + 1) if inside else "")
    finally:
        document.close()
    return texts


def _pdfium_char_x(textpage) -> list[float | None]:
    """The middle of each character's box; None for the line breaks pdfium adds."""
    xs = []
    for k in range(textpage.count_chars()):
        left, _, right, _ = textpage.get_charbox(k)
        xs.append((left + right) / 2 if right > left else None)
    return xs


def poppler_text(path: Path, slots: list[Slot], raw: bool) -> list[str]:
    if shutil.which("pdftotext") is None:
        raise _missing_reader("pdftotext", "apt-get install poppler-utils")
    texts = []
    for slot in slots:
        args = ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", "-r", "72", "-f", str(slot.pdf_page + 1),
                "-l", str(slot.pdf_page + 1), "-x", str(int(slot.x0)), "-y", "0", "-W", str(round(slot.x1 - slot.x0)),
                "-H", str(int(slot.height) + 1), str(path), "-"]
        texts.append(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    return texts


def pypdf_text(path: Path, slots: list[Slot]) -> list[str]:
    """pypdf's text of each slot: the placed page read as a page of its own."""
    reader = PdfReader(str(path))
    texts = []
    for slot in slots:
        sheet = reader.pages[slot.pdf_page]
        placed = placed_pages(sheet)
        if not placed:
            texts.append(sheet.extract_text() or "")
            continue
        chosen = None
        for one in placed:
            a, e, box = one.matrix[0], one.matrix[4], one.bbox
            if abs(min(e + a * box[0], e + a * box[2]) - slot.x0) < 0.01:
                chosen = one
        texts.append(page_text(chosen))
    return texts


def page_text(placed: Placed) -> str:
    """pypdf's text of a placed page, read as a page of its own."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(1000, 1000)
    page[NameObject("/Resources")] = placed.resources.clone(writer)
    content = StreamObject()
    content.set_data(placed.content)
    page[NameObject("/Contents")] = add_object(writer, content)
    return page.extract_text() or ""


def pdfjs_items(paths: list[Path]) -> dict[str, list[list[list]]]:
    """pdf.js's text items of every page of every PDF, from one node process."""
    if shutil.which("node") is None:
        raise _missing_reader("node", "apt-get install nodejs")
    if not (PDFJS / "node_modules" / "pdfjs-dist").is_dir():
        raise _missing_reader("pdfjs-dist", f"npm ci --prefix {PDFJS}")
    done = subprocess.run(["node", str(PDFJS / "extract.mjs"), *map(str, paths)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def pdfjs_text(pages: list[list[list]], slots: list[Slot]) -> list[str]:
    """Each slot's items joined as a browser's text layer copies them: a line
    break after an item that ends a line."""
    texts = []
    for slot in slots:
        parts = []
        for text, x, _, _, eol in pages[slot.pdf_page]:
            if slot.x0 - 0.5 <= x < slot.x1:
                parts.append(text + ("\n" if eol else ""))
        texts.append("".join(parts))
    return texts


# What a reader may give back apart from the text: line and page breaks.
_BREAKS = "\n\r\f"
_LINE_END = re.compile(r"\r\n|\r|\f")


def normalised(text: str) -> str:
    return _LINE_END.sub("\n", text)


def stray_characters(text: str) -> list[str]:
    """Control, private-use, unassigned and replacement characters, and U+FFFE
    other than pdfium's own for a hyphen that ends a line, as 'U+XXXX in
    ...context...'."""
    found = []
    for k, ch in enumerate(text):
        if ch in _BREAKS or ch in " \t":
            continue
        category = unicodedata.category(ch)
        if ch == "\ufffe" and k and text[k - 1] not in _BREAKS + " \t":
            continue  # pdfium's mark for a hyphen that ended a line (it joins the lines)
        if category in ("Cc", "Co", "Cn", "Cs") or ch in "\ufffd\ufffe\uffff":
            found.append(f"U+{ord(ch):04X} in {text[max(0, k - 8):k + 8]!r}")
    return found


_WHITE = " \t\n"
# A hyphen the layout added comes back as U+2010 (pamphlet's ToUnicode for
# it) or pdfium's U+FFFE; pdfium gives a hyphen of the source that ends a line
# as U+FFFE too.
_BREAK_HYPHENS = "\u2010\ufffe"
# pdf.js and poppler give a no-break space back as a space.
_NO_BREAK_SPACES = "\u00a0\u202f\u2007"
_LEFT_OUT = _WHITE + _BREAK_HYPHENS + _NO_BREAK_SPACES + "-"  # of the rough first look (then checked exactly)
_SQUASH = str.maketrans("", "", _LEFT_OUT)


class ReadBack:
    """Text a reader gave back (line ends normalised), to look source texts up in."""

    def __init__(self, text: str):
        self.text = normalised(text)
        kept = [(k, ch) for k, ch in enumerate(self.text) if ch not in _LEFT_OUT]
        self._where = [k for k, _ in kept]
        self._squashed = "".join(ch for _, ch in kept)

    def contains(self, source: str, spaced: bool, exact: bool = True) -> bool:
        """Whether the text holds ``source`` as written: the same characters
        in order; a line break (after a hyphen the layout added, or pdfium's
        U+FFFE) allowed between any two of them; each space of the source
        given as one space or a line break, and no space where the source has
        none. Text that is not ``spaced`` (Japanese, Chinese) is judged with
        whitespace removed. Not ``exact``: whitespace and hyphens left out."""
        source = source.strip(_WHITE)
        needle = source.translate(_SQUASH)
        if not exact:
            return needle in self._squashed
        found = self._squashed.find(needle)
        while found >= 0:
            if _matches_at(self.text, self._where[found], source, spaced):
                return True
            found = self._squashed.find(needle, found + 1)
        return not needle


def _matches_at(text: str, i: int, source: str, spaced: bool) -> bool:
    j, n = 0, len(text)
    while j < len(source):
        ch = source[j]
        if ch in _WHITE:
            j += 1
            if not spaced:
                continue
            while j < len(source) and source[j] in _WHITE:
                j += 1
            if i < n and text[i] == " " and (i + 1 >= n or text[i + 1] not in _WHITE):
                i += 1
                continue
            while i < n and text[i] in " \t":
                i += 1
            if i >= n or text[i] != "\n":
                return False
            while i < n and text[i] in _WHITE:
                i += 1
            continue
        if i < n and (text[i] == ch or (ch == "-" and text[i] == "\ufffe")
                      or (ch in _NO_BREAK_SPACES and text[i] == " ")):
            i += 1
            j += 1
            continue
        # A line break inside a word, perhaps after a hyphen the layout added.
        if j and (not spaced or source[j - 1] not in _WHITE):
            k = i + 1 if i < n and text[i] in _BREAK_HYPHENS else i
            if k > i and text[i] == "\ufffe":  # pdfium joins a hyphenated line to the next
                i = k
                continue
            if k < n and (text[k] == "\n" or (not spaced and text[k] in _WHITE)):
                while k < n and (text[k] == "\n" or (not spaced and text[k] in _WHITE)):
                    k += 1
                if k > i:
                    i = k
                    continue
        return False
    return True
