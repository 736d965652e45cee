"""The private attributes pamphlet.privateapi reaches for are still there and
still mean what it assumes, on the installed reportlab and pypdf: an upgrade
that moves one fails here, by name, rather than somewhere in a build."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, StreamObject, TextStringObject
from reportlab.pdfgen.canvas import Canvas

from pamphlet import privateapi


def _canvas() -> Canvas:
    return Canvas(io.BytesIO(), pagesize=(100, 100), pageCompression=0)


def test_page_operators_are_what_the_page_stream_holds():
    canvas = _canvas()
    operators = privateapi.page_operators(canvas)
    assert isinstance(operators, list), "reportlab's Canvas._code is no longer a list of operator strings"
    start = len(operators)
    canvas.rect(10, 10, 20, 20)
    drawn = privateapi.page_operators(canvas)[start:]
    assert drawn and all(isinstance(op, str) for op in drawn)
    canvas.addLiteral("0.5 g")
    assert privateapi.page_operators(canvas)[-1] == "0.5 g"
    canvas.showPage()
    canvas.save()
    data = canvas.getpdfdata()
    assert b"0.5 g" in data and "\n".join(drawn).encode() in data


def test_the_pdf_version_is_read_and_raised():
    canvas = _canvas()
    start = privateapi.pdf_version(canvas)
    assert isinstance(start, tuple) and start < (1, 6), "reportlab's PDFDocument._pdfVersion is no longer a tuple"
    privateapi.raise_pdf_version(canvas, (1, 6))
    privateapi.raise_pdf_version(canvas, (1, 4))  # never lowered
    assert privateapi.pdf_version(canvas) == (1, 6)
    canvas.showPage()
    canvas.save()
    assert canvas.getpdfdata().startswith(b"%PDF-1.6")


def test_a_snapshot_tells_operators_from_other_changes():
    canvas = _canvas()
    assert privateapi.canvas_document(canvas) is not None
    before = privateapi.canvas_snapshot(canvas)
    canvas.rect(10, 10, 20, 20)
    assert privateapi.drew_only_operators(canvas, before), "a rectangle changed more than the page's operators"
    before = privateapi.canvas_snapshot(canvas)
    canvas.setFont("Helvetica", 12)  # the canvas's font: state kept beside the operators
    assert not privateapi.drew_only_operators(canvas, before)


def test_a_writer_gets_objects_an_identifier_and_an_info_entry():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    stream = StreamObject()
    stream.set_data(b"hello")
    reference = privateapi.add_object(writer, stream)
    assert isinstance(reference, IndirectObject), "pypdf's PdfWriter._add_object no longer returns a reference"
    writer.root_object[NameObject("/Extra")] = reference
    writer.add_metadata({"/Title": "t"})
    privateapi.info_dictionary(writer)[NameObject("/Trapped")] = NameObject("/False")
    privateapi.set_file_id(writer, b"0123456789abcdef")
    out = io.BytesIO()
    writer.write(out)

    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert reader.trailer["/Root"]["/Extra"].get_object().get_data() == b"hello"
    assert [v.original_bytes for v in reader.trailer["/ID"]] == [b"0123456789abcdef"] * 2, "pypdf's PdfWriter._ID is not written"
    info = reader.trailer["/Info"].get_object()
    assert isinstance(info, DictionaryObject)
    assert info["/Trapped"] == "/False" and isinstance(info["/Trapped"], NameObject), "pypdf's PdfWriter._info moved"
    assert info["/Title"] == TextStringObject("t")
