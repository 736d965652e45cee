"""Broken and odd files, made on the spot: fonts, images and PDFs."""

from __future__ import annotations

import io
import struct
import subprocess
import zlib
from pathlib import Path

from PIL import Image

from pamphlet.privateapi import add_object

ROOT = Path(__file__).resolve().parent.parent
LATIN_FONT = ROOT / "fonts" / "NotoSans-Regular.ttf"


# -- fonts -------------------------------------------------------------------------

def font_for(path: Path, codepoints, ps_name: str = "Brought", cmap: bool = True, flavor: str | None = None) -> Path:
    """A small TrueType font whose glyphs are boxes, for the given characters
    (and the space); without a character map if ``cmap`` is false."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    codepoints = sorted(set(codepoints) | {32})
    names = {cp: f"u{cp:04X}" for cp in codepoints}
    order = [".notdef", *names.values()]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(names if cmap else {})
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        if name != "u0020":
            pen.moveTo((50, 0)), pen.lineTo((550, 0)), pen.lineTo((550, 700)), pen.lineTo((50, 700)), pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (600, 50) for name in order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": ps_name, "styleName": "Regular", "psName": ps_name})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    if flavor:
        builder.font.flavor = flavor
    builder.save(str(path))
    return path


def truncated(source: Path, path: Path, keep: float = 0.5) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def garbage(path: Path, size: int = 4096, head: bytes = b"") -> Path:
    data = head + bytes((n * 2654435761 >> 13) & 0xFF for n in range(size))
    path.write_bytes(data)
    return path


# -- images ------------------------------------------------------------------------

def image(path: Path, mode: str = "RGB", size=(600, 300), fmt: str | None = None) -> Path:
    colour = {"RGB": (200, 30, 60), "RGBA": (200, 30, 60, 128), "CMYK": (0, 200, 180, 20), "L": 90, "LA": (90, 128),
              "I;16": 30000, "P": 3}[mode]
    Image.new(mode, size, colour).save(path, fmt)
    return path


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width`` x ``height`` pixels, holding almost no data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
                     + chunk(b"IEND", b""))
    return path


def png16_rgb(path: Path, size=(600, 300)) -> Path:
    """A 16-bit-per-channel RGB PNG (PIL cannot write one)."""
    width, height = size
    row = b"\0" + struct.pack(">HHH", 51400, 7710, 15420) * width
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))
    return path


# -- PDFs --------------------------------------------------------------------------

def pdf(path: Path, sizes=((396, 612),) * 4, rotate: int = 0) -> Path:
    """A PDF with one page per size, each numbered in large type."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1, invariant=1)
    for n, (w, h) in enumerate(sizes, start=1):
        canvas.setPageSize((w, h))
        canvas.setFont("Helvetica", 48)
        canvas.drawString(w / 3, h / 2, str(n))
        canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    if rotate:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(path))
        for page in writer.pages:
            page.rotate(rotate)
        writer.write(path)
    return path


def encrypted_pdf(path: Path, user_password: str = "") -> Path:
    plain = pdf(path.with_name("plain-" + path.name))
    subprocess.run(["qpdf", "--encrypt", user_password, "owner-secret", "256", "--", str(plain), str(path)], check=True)
    plain.unlink()
    return path


def zero_page_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    PdfWriter().write(path)
    return path


def raw_pdf(path: Path, page: bytes = b"/MediaBox [0 0 300 400]", kids: bytes = b"[3 0 R]") -> Path:
    """A one-page PDF written by hand, so its page dictionary and page tree can be anything."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids " + kids + b" /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R " + page + b" >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def self_drawing_pdf(path: Path) -> Path:
    """A page that draws a form that draws itself (a cycle in its resources)."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(300, 400)
    form = StreamObject()
    form._data = b"/X1 Do"
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([NumberObject(v) for v in (0, 0, 300, 400)])})
    resources = DictionaryObject({NameObject("/XObject"): DictionaryObject({NameObject("/X1"): add_object(writer, form)})})
    form[NameObject("/Resources")] = resources
    page[NameObject("/Resources")] = resources
    contents = StreamObject()
    contents._data = b"/X1 Do"
    page[NameObject("/Contents")] = add_object(writer, contents)
    writer.write(path)
    return path
