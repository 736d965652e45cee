"""render: placed reader pages -> a reader-order PDF (bytes).

In:  a Composition (pages with positioned items), the brand palette, the
     colour model ('rgb' or 'cmyk') and the bleed to add around each page.
Out: PDF bytes, one page per reader page, each page its trim size plus the
     bleed on every side. Imposition and page boxes come later.

Shapes and colours go through reportlab's canvas; text is written as glyph
ids with the fonts of ``pdffont`` so shaping survives into the PDF and copy
and paste gives back the source text.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING

from reportlab import rl_config

from ..buildcontext import remembered
from ..content.artfile import KINDS
from ..errors import Location, PamphletError, Problem
from ..partner.brand import Brand, Colour
from ..layout.flow import Composition
from ..layout.typeset import Dot, Fill, Picture, QRCode, Stroke, TextLine
from ..partner.qr import dark_runs
from ..privateapi import canvas_document
from ..text.fontlibrary import FontFace
from ..text.addresses import find_addresses
from ..text.scripts import is_mark
from .artdraw import PdfArtPlacement, draw_svg, embed_pdf_art, pdf_art_operators
from .canvas import Canvas
from .pdffont import PdfFont
from .tags import ARTIFACT, END, BlockKind, Structure, Tagger
from .vectorcolour import NotConvertible, VectorColours

if TYPE_CHECKING:  # Pillow is loaded only for pages with pictures
    from PIL import Image


@remembered
def _prepared(path: Path, colour_model: str, background: Colour, output_profile: Path | None,
              palette: tuple[Colour, ...], photo: bool = False) -> Image.Image:
    """An image flattened on the colour it sits on (no transparency, which
    PDF/X-1a forbids), in the output's colour model (see ``rastercolour``)."""
    from .rastercolour import image_for_output

    return image_for_output(path, colour_model, background, output_profile, palette, photo)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _TextWriter:
    """Turns TextLines into PDF text operators, allocating CIDs as it goes."""

    def __init__(self) -> None:
        self.fonts: dict[FontFace, PdfFont] = {}

    def font(self, face: FontFace) -> PdfFont:
        if face not in self.fonts:
            self.fonts[face] = PdfFont(face, f"PF{len(self.fonts) + 1}")
        return self.fonts[face]

    def operators(self, item: TextLine, x: float, y: float) -> str:
        size, line, shaped = item.size, item.line, item.shaped
        out = ["BT", f"1 0 0 1 {_num(x)} {_num(y)} Tm"]
        current_font = None
        space_before = dict(line.gaps)  # solid setting: em added before a character (see text.lines)
        for run, glyphs, at in _logical_runs(shaped.visual(line.start, line.end), size):
            font = self.font(run.face)
            if at is not None:  # a line with right-to-left runs: each run at its place, in reading order
                out.append(f"1 0 0 1 {_num(x + at)} {_num(y)} Tm")
            if font is not current_font:
                out.append(f"/{font.name} {_num(size)} Tf")
                current_font = font
            out.append(self._show(font, glyphs, size, space_before, min(run.end, line.end), run.rtl))
        if line.end_trim:
            out.append(f"[{_num(line.end_trim * 1000)}] TJ")  # half-width punctuation: the pen ends on the measure
        if line.hyphen:
            face = shaped.face_at(line.end - 1)
            gid = face.glyph("-")
            if gid is not None:
                font = self.font(face)
                if font is not current_font:
                    out.append(f"/{font.name} {_num(size)} Tf")
                out.append(f"[<{font.glyph(gid, _ADDED_HYPHEN):04X}>] TJ")
        out.append("ET")
        return "\n".join(out)

    @staticmethod
    def _show(font: PdfFont, glyphs, size: float, space_before: dict | None = None, end: int = -1,
              rtl: bool = False) -> str:
        """A TJ array placing each glyph at HarfBuzz's position, one CID per
        character (see ``_pieces``). Offsets live in the glyphs themselves
        (see pdffont), so the numbers here only correct advances (kerning)
        and the pen never steps back and forth.

        The space of solid setting (``space_before``: em before the
        character at a position, taken once; ``end``: where the glyphs'
        text ends) is drawn as a wider advance of the glyph before it, a
        CID of its own with that width: a gap in the TJ array would be read
        as a word space by pdfium, pdf.js and poppler once it passes a
        tenth of an em or so (a quarter em between CJK and Latin always
        did), while an advance is part of the glyph to every reader."""
        array: list[str] = []
        drawn: list[tuple[int | None, float]] = []  # (CID, advance), or (None, em of space before the next)
        upem = font.face.upem
        k, n = 0, len(glyphs)
        while k < n:
            g = glyphs[k]
            if space_before and g.cluster in space_before:  # no glyph before it on the line to carry it
                drawn.append((None, space_before.pop(g.cluster)))
            j = k + 1
            while j < n and glyphs[j].cluster == g.cluster:
                j += 1
            if j == k + 1:  # most clusters: one glyph standing for the cluster's text (see _zero_width_joined for rtl)
                text = g.text[::-1] if rtl else g.text
                pieces = [(font.glyph(g.gid, text, round(g.x_offset * upem), round(g.y_offset * upem)), g.advance)]
            else:
                pieces = list(_pieces(font, glyphs[k:j], rtl))
            after = glyphs[j].cluster if j < n else end
            if space_before and after in space_before:
                cid, advance = pieces[-1]
                extra = space_before.pop(after)
                pieces[-1] = (font.wider(cid, round(extra * upem)), advance + extra)
            drawn += pieces if rtl else [piece for whole in pieces for piece in _marks_apart(font, *whole)]
            k = j
        for cid, advance in _zero_width_joined(font, drawn) if rtl else drawn:
            if cid is None:
                array.append(_num(-advance * 1000))
                continue
            correction = advance - font.width(cid) / 1000.0
            if correction > _WIDEN_FROM:  # a glyph GPOS widened (Burmese ါ်): its own advance, not a gap
                cid = font.wider(cid, round(correction * upem))
                correction = advance - font.width(cid) / 1000.0
            array.append(f"<{cid:04X}>")
            if abs(correction) > 1e-6:
                array.append(_num(-correction * 1000))
        return "[" + " ".join(array) + "] TJ"


# A glyph whose shaped advance passes its own by more than this (em) is drawn
# as a CID that wide: a gap after it in the TJ array would be read as a word
# space by pdfium (from about a tenth of an em), as in solid setting. Smaller
# corrections (Latin kerning) stay numbers in the array.
_WIDEN_FROM = 0.02


# A hyphen the layout added at a line break is text in copy and paste, as
# U+2010 HYPHEN: every reader gives it back as it is, followed by the line
# break, and it is told apart from a hyphen of the source (U+002D, which
# pdfium turns into its own U+FFFE and joins to the next line).
_ADDED_HYPHEN = "\u2010"


def _logical_runs(pieces, size: float):
    """(run, glyphs, x) of a line's runs, ``pieces`` in drawing order. A line
    with a right-to-left run gives its runs in reading order, each with its
    x from the line's start, its glyphs still drawn left to right: pdfium and
    poppler place text by position and turn right-to-left runs round, and
    pdf.js, which copies its text items in the order they are written, then
    has them in reading order too. A left-to-right line: its runs as they
    are, x None."""
    if all(run.level == 0 for run, _ in pieces):
        return [(run, glyphs, None) for run, glyphs in pieces]
    placed, at = [], 0.0
    for run, glyphs in pieces:
        placed.append((run, glyphs, at))
        at += sum(g.advance for g in glyphs) * size
    return sorted(placed, key=lambda piece: piece[0].start)


def _zero_width_joined(font: PdfFont, pieces: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """A right-to-left run's CIDs (their text written in drawing order: every
    reader turns the run round) with each letter of no advance (the alef of
    Naskh's lam-alef, drawn before the lam it overlaps) joined to the glyph
    drawn after it: on its own pdf.js reads it as a word apart ('ل ا'). A
    mark stays a CID of its own: every reader needs that to read it as one."""
    out: list[tuple[int, float]] = []
    waiting: list[int] = []
    for cid, advance in pieces:
        if cid is not None and abs(advance) < 1e-9 and not any(map(is_mark, font.entries[cid][1])):
            waiting.append(cid)
            continue
        if waiting:
            (components, units), text = font.entries[cid]
            for zero in reversed(waiting):
                (more, _), more_text = font.entries[zero]
                components, text = more + components, more_text + text
            cid = font.cid((components, units), text)
            waiting = []
        out.append((cid, advance))
    return out + [(cid, 0.0) for cid in waiting]


def _marks_apart(font: PdfFont, cid: int, advance: float) -> list[tuple[int, float]]:
    """A glyph that stands for a letter and the marks after it (Devanagari
    हु, the conjunct क्ष drawn as one glyph) as the letter's CID followed by
    one zero-width, inkless CID for the characters from the first mark on
    (one, not one each: pdfium drops a character repeated at one place, as
    it would a fake-bold copy).
    pdf.js takes a glyph whose text holds a nonspacing mark anywhere for a
    zero-width diacritic, so the glyph after a wide one seemed to stand apart
    and was read after a space ("हु न्" for हुन्)."""
    (drawing, text) = font.entries[cid]
    if len(text) < 2 or drawing[1] <= 0:  # a zero-width glyph (a reph) is what pdf.js takes it for
        return [(cid, advance)]
    cut = next((k for k in range(1, len(text)) if is_mark(text[k])), 0)
    if not cut:
        return [(cid, advance)]
    blank = (((font.face.glyph(" ") or 0, 0, 0),), 0)
    return [(font.cid(drawing, text[:cut]), advance), (font.cid(blank, text[cut:]), 0.0)]


def _pieces(font: PdfFont, cluster, rtl: bool = False) -> list[tuple[int, float]]:
    """The CIDs that draw one cluster of several glyphs, in the order of its
    characters (in a right-to-left run the reverse: readers turn the run's
    characters round, so a base comes back before its marks), each
    with its advance (em). Every character gets the glyphs HarfBuzz made from
    it (a Thai mark its own zero-width glyph, SARA AM its NIKHAHIT and SARA AA
    as one composite) and stands for itself in ToUnicode; a character with no
    glyph of its own (part of a ligature) goes with the character before it.
    No CID is left without text and no text is drawn as a gap, which is what
    pdfium, pdf.js, poppler and pypdf all read back as written."""
    first = cluster[0]
    start, text = first.cluster, first.text
    key = (text, tuple((g.gid, g.source - start, g.advance, g.x_offset, g.y_offset) for g in cluster), rtl)
    found = font.drawn_clusters.get(key)
    if found is None:
        found = font.drawn_clusters[key] = _new_pieces(font, cluster, rtl)
    return found


def _new_pieces(font: PdfFont, cluster, rtl: bool = False) -> list[tuple[int, float]]:
    upem = font.face.upem
    first = cluster[0]
    start, text = first.cluster, first.text
    end = start + len(text)
    xs, pen = [], 0
    for g in cluster:
        xs.append(pen + round(g.x_offset * upem))
        pen += round(g.advance * upem)
    made_from: dict[int, list[int]] = {}
    for k, g in enumerate(cluster):
        made_from.setdefault(g.source if start <= g.source < end else start, []).append(k)
    owners = sorted(made_from)
    texts = {owner: text[owner - start if n else 0:owners[n + 1] - start if n + 1 < len(owners) else len(text)]
             for n, owner in enumerate(owners)}
    pieces, pen = [], 0
    for owner in reversed(owners) if rtl else owners:
        piece_text = texts[owner][::-1] if rtl else texts[owner]
        members = [cluster[k] for k in made_from[owner]]
        advance = sum(round(g.advance * upem) for g in members)
        components = tuple((g.gid, xs[k] - pen, round(g.y_offset * upem)) for k, g in zip(made_from[owner], members))
        if len(members) == 1 and components[0][1] == round(members[0].x_offset * upem):
            cid = font.glyph(members[0].gid, piece_text, components[0][1], components[0][2])
        else:
            cid = font.cid((components, max(0, advance)), piece_text)
        pieces.append((cid, advance / upem))
        pen += advance
    return pieces


def render(composition: Composition, brand: Brand, colour_model: str = "rgb", bleed: float = 0.0,
           title: str = "", author: str = "", subject: str = "", output_profile: Path | None = None,
           no_transparency: bool = False) -> bytes:
    """``render_tagged`` without the structure (see there)."""
    return render_tagged(composition, brand, colour_model, bleed, title, author, subject, output_profile,
                         no_transparency)[0]


def render_tagged(composition: Composition, brand: Brand, colour_model: str = "rgb", bleed: float = 0.0,
                  title: str = "", author: str = "", subject: str = "", output_profile: Path | None = None,
                  no_transparency: bool = False,
                  outline: dict[str, BlockKind] | None = None) -> tuple[bytes, Structure]:
    """The reader PDF, every item in marked content, and its ``Structure``
    (``outline``: each block's type, ``tags.outline_of``; without it every
    text is a paragraph). ``output_profile``: the CMYK ICC profile images and
    vector art are converted with (the output intent's; the bundled FOGRA39
    profile when None). ``no_transparency`` (PDF/X-1a): art that needs
    transparency is refused. Art that cannot be put in CMYK is a
    PamphletError at the content line naming it."""
    tagger = Tagger(outline, composition.lang, title)
    colours = VectorColours(brand, output_profile, no_transparency) if colour_model == "cmyk" else None
    pictures: dict[Path, Picture] = {}
    buffer = io.BytesIO()
    try:
        with _no_ascii85():
            pdf_art = _draw(buffer, composition, brand, colour_model, bleed, title, author, subject, output_profile,
                            colours, pictures, tagger)
        return embed_pdf_art(buffer.getvalue(), pdf_art, colours), tagger.structure()
    except NotConvertible as refused:
        path = refused.path
        where = pictures[path].where if path in pictures and pictures[path].where else Location(path)
        raise PamphletError(Problem(where, f"art {path.name} cannot be converted for the print shop: it holds {refused}",
                                    refused.expected)) from None


class _Marks:
    """The marked content of one page as its items are drawn: each item in
    its own sequence, consecutive artifacts in one."""

    def __init__(self, canvas, tagger: Tagger):
        self.canvas, self.tagger = canvas, tagger
        self.open: str | None = None  # 'artifact' or '' (another) while a sequence is open

    def before(self, item) -> None:
        key = _mark_key(item)
        if key is None or key != self.open:
            self.close()
            self.canvas.addLiteral(_begin(item, self.tagger))
        self.open = key or ""

    def close(self) -> None:
        if self.open is not None:
            self.canvas.addLiteral(END)
        self.open = None


def _mark_key(item) -> str | None:
    """'artifact' for an item that joins the artifact before it in one
    marked-content sequence; None for one that is marked on its own: a line
    of text is (poppler reads the lines of one sequence run together, with
    no space between them), and so are bullets and figures."""
    if isinstance(item, TextLine) or (isinstance(item, Dot) and item.tag):
        return None
    if isinstance(item, (Picture, QRCode)) and item.alt:
        return None
    return "artifact"


def _begin(item, tagger: Tagger) -> str:
    """The marked content an item is drawn in: its structure element's,
    or an artifact's (panels, rules, tints, pictures without a text
    alternative)."""
    if isinstance(item, TextLine) or (isinstance(item, Dot) and item.tag):
        return tagger.begin(item.tag or "#text")
    if isinstance(item, Picture) and item.alt:
        return tagger.figure(item.alt, item.tag)
    if isinstance(item, QRCode) and item.alt:
        return tagger.figure(f"QR: {item.alt}")
    return ARTIFACT


def _draw_qr(canvas, code: QRCode, colour, X, Y) -> None:
    """The light square, then every dark run of a row as one rectangle of a
    single filled path: vector, crisp at any size, no image."""
    colour(code.background)
    canvas.rect(X(code.x), Y(code.y + code.box), code.box, code.box, stroke=0, fill=1)
    # A module is detail as fine as small type: on one plate, so the code
    # stays sharp where a press's plates do not register exactly.
    colour(code.colour, text_size=code.module)
    path = canvas.beginPath()
    m = code.module
    left, top = code.x + code.quiet * m, code.y + code.quiet * m
    for r, row in enumerate(code.rows):
        for start, length in dark_runs(row):
            path.rect(X(left + start * m), Y(top + (r + 1) * m), length * m, m)
    canvas.drawPath(path, stroke=0, fill=1)


def _drawn_span(item: TextLine, start: int, end: int) -> tuple[float, float]:
    """Where the glyphs of characters start..end are drawn on the line, in em
    from its left: in a left-to-right line from the text's advances and the
    space solid setting adds; a line with right-to-left runs walked in the
    order its runs are drawn (the address itself is a left-to-right isolate)."""
    line, shaped = item.line, item.shaped
    if not shaped.rtl and all(run.level == 0 for run in shaped.runs):
        before = shaped.width(line.start, start) + sum(em for pos, em in line.gaps if line.start < pos <= start)
        inside = shaped.width(start, end) + sum(em for pos, em in line.gaps if start < pos < end)
        return before, before + inside
    x, left, right = 0.0, float("inf"), 0.0
    for _, glyphs in shaped.visual(line.start, line.end):
        for glyph in glyphs:
            if start <= glyph.cluster < end:
                left, right = min(left, x), max(right, x + glyph.advance)
            x += glyph.advance
    return (left, right) if right > left else (0.0, 0.0)


@contextmanager
def _no_ascii85():
    """Flate alone: ASCII85 on top only grows the file and slows both ends."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _draw(buffer, composition: Composition, brand: Brand, colour_model: str, bleed: float,
          title: str, author: str, subject: str, output_profile: Path | None, colours: VectorColours | None,
          pictures: dict[Path, Picture], tagger: Tagger) -> list[PdfArtPlacement]:
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("pamphlet")
    canvas.setProducer("pamphlet")
    pages = _PageDrawer(canvas, brand, colour_model, bleed, output_profile, colours, pictures)
    # The screen edition's addresses, e-mails and phone numbers are live
    # links; a print PDF has none (PDF/X allows no link on the page).
    pages.links = composition.layout is not None and composition.layout.scheme == "screen"
    for page_index, placed in enumerate(composition.pages):
        canvas.setPageSize((placed.page.width + 2 * bleed, placed.page.height + 2 * bleed))
        tagger.new_page()
        pages.height, pages.page_index = placed.page.height, page_index
        marks = _Marks(canvas, tagger)
        for item in placed.items:
            marks.before(item)
            pages.item(item)
        marks.close()
        canvas.showPage()
    for font in pages.writer.fonts.values():
        font.add_to(canvas_document(canvas))
    canvas.save()
    return pages.pdf_art


class _PageDrawer:
    """Draws one reader page's items on the canvas, in the output's colour model."""

    def __init__(self, canvas, brand: Brand, colour_model: str, bleed: float, output_profile: Path | None,
                 colours: VectorColours | None, pictures: dict[Path, Picture]):
        self.canvas, self.brand, self.colour_model, self.bleed = canvas, brand, colour_model, bleed
        self.output_profile, self.colours, self.pictures = output_profile, colours, pictures
        self.writer = _TextWriter()
        self.pdf_art: list[PdfArtPlacement] = []
        self.art_names: dict[Path, str] = {}
        self.height, self.page_index = 0.0, 0
        self.links = False

    def X(self, x: float) -> float:
        return self.bleed + x

    def Y(self, y: float) -> float:
        return self.bleed + self.height - y

    def colour(self, name: str, stroke: bool = False, text_size: float | None = None) -> None:
        c, canvas = self.brand.palette[name], self.canvas
        if self.colour_model == "cmyk":  # small text on one plate (see Colour.text_cmyk)
            cmyk = c.cmyk if text_size is None else c.text_cmyk(text_size)
            (canvas.setStrokeColorCMYK if stroke else canvas.setFillColorCMYK)(*cmyk)
        else:
            (canvas.setStrokeColorRGB if stroke else canvas.setFillColorRGB)(*c.rgb)

    def item(self, item) -> None:
        canvas, X, Y = self.canvas, self.X, self.Y
        if isinstance(item, Fill):
            x, y, w, h = item.x, item.y, item.w, item.h
            if item.bleed:
                x, y, w, h = x - self.bleed, y - self.bleed, w + 2 * self.bleed, h + 2 * self.bleed
            self.colour(item.colour)
            canvas.rect(X(x), Y(y + h), w, h, stroke=0, fill=1)
        elif isinstance(item, Dot):
            self.colour(item.colour)
            canvas.circle(X(item.x), Y(item.y), item.r, stroke=0, fill=1)
        elif isinstance(item, Stroke):
            self.colour(item.colour, stroke=True)
            canvas.setLineWidth(item.width)
            canvas.line(X(item.x1), Y(item.y1), X(item.x2), Y(item.y2))
        elif isinstance(item, TextLine):
            self.colour(item.colour, text_size=item.size)
            canvas.addLiteral(self.writer.operators(item, X(item.x), Y(item.baseline)))
            if self.links:
                self.link_addresses(item)
        elif isinstance(item, Picture):
            self.picture(item)
        elif isinstance(item, QRCode):
            _draw_qr(canvas, item, self.colour, X, Y)

    def link_addresses(self, item: TextLine) -> None:
        """A link over each address, e-mail and phone number the line draws."""
        line, shaped = item.line, item.shaped
        top, bottom = self.Y(item.baseline - 0.8 * item.size), self.Y(item.baseline + 0.25 * item.size)
        for found in find_addresses(shaped.text):
            start, end = max(found.start, line.start), min(found.end, line.end)
            if start >= end:
                continue
            left, right = _drawn_span(item, start, end)
            self.canvas.linkURL(found.uri, (self.X(item.x + left * item.size), bottom,
                                            self.X(item.x + right * item.size), top), relative=0, thickness=0)

    def picture(self, item: Picture) -> None:
        """SVG art drawn as vectors, PDF art placed as itself, a bitmap flattened for the output."""
        canvas, X, Y, colours = self.canvas, self.X, self.Y, self.colours
        kind = KINDS.get(item.path.suffix.lower(), "bitmap")
        self.pictures.setdefault(item.path, item)
        if kind == "svg":
            try:
                draw_svg(canvas, item.path, X(item.x), Y(item.y + item.h), item.w, item.h,
                         colours.reportlab if colours else None, colours.key if colours else None,
                         colours.no_transparency if colours else False)
            except NotConvertible as refused:
                refused.path = item.path
                raise
        elif kind == "pdf":
            name = self.art_names.setdefault(item.path, f"PamphletArt{len(self.art_names) + 1}")
            canvas.addLiteral(pdf_art_operators(name, item.path, X(item.x), Y(item.y + item.h), item.w, item.h))
            self.pdf_art.append(PdfArtPlacement(self.page_index, name, item.path))
        else:
            from reportlab.lib.utils import ImageReader

            palette = self.brand.palette
            image = ImageReader(_prepared(item.path, self.colour_model, palette[item.background], self.output_profile,
                                          tuple(palette.values()), photo=item.path.suffix.lower() in (".jpg", ".jpeg")))
            canvas.drawImage(image, X(item.x), Y(item.y + item.h), item.w, item.h)
