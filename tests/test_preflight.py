"""Preflight against one-defect PDFs: a clean commercial file built by the
pipeline, with exactly one thing a print shop's preflight flags added to
it. Each must fail with that one finding, named; the clean file passes."""

from __future__ import annotations

import io
import subprocess

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, NumberObject,
                           TextStringObject)

from pamphlet.check.preflight import failures, preflight
from pamphlet.privateapi import add_object
from pamphlet.profiles import load_profile


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, bytes]:
    """The English tri-fold for each PDF/X profile, as built (it passes)."""
    from pamphlet.pipeline import BuildOptions, build

    from .conftest import DOC

    out = tmp_path_factory.mktemp("clean")
    results = build(BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",),
                                 profiles=("commercial", "commercial-x1a"), out_dir=out))
    return {r.print: r.path.read_bytes() for r in results}


def _name(text: str) -> NameObject:
    return NameObject(text)


def _obj(value):
    """Plain Python values as pypdf objects (names start with '/')."""
    if isinstance(value, dict):
        return DictionaryObject({_name(k): _obj(v) for k, v in value.items()})
    if isinstance(value, list):
        return ArrayObject(_obj(v) for v in value)
    if isinstance(value, str) and value.startswith("/"):
        return _name(value)
    if isinstance(value, str):
        return TextStringObject(value)
    if isinstance(value, int):
        return NumberObject(value)
    return FloatObject(value)


def edited(pdf: bytes, change) -> bytes:
    """``pdf`` with ``change(writer, page)`` applied to its first page."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    change(writer, writer.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_content(pdf: bytes, ops: bytes, resources: dict | None = None, objects: dict | None = None) -> bytes:
    """``ops`` drawn on top of the first page (inside the trim), with extra
    resources: ``resources`` as plain values, ``objects`` as pypdf objects."""
    def change(writer, page):
        stream = DecodedStreamObject()
        stream.set_data(ops)
        contents = page["/Contents"]
        page[_name("/Contents")] = ArrayObject([contents, add_object(writer, stream)])
        page_resources = page["/Resources"].get_object()
        for kind, entries in {**(resources or {}), **(objects or {})}.items():
            group = page_resources.setdefault(_name(kind), DictionaryObject()).get_object()
            for key, value in entries.items():
                group[_name(key)] = value if not isinstance(value, (dict, list)) or objects and kind in objects else _obj(value)
    return edited(pdf, change)


def found(pdf: bytes, profile: str) -> list[str]:
    return [str(f) for f in failures(preflight(pdf, load_profile(profile)))]


@pytest.mark.parametrize("profile", ["commercial", "commercial-x1a"])
def test_the_clean_file_passes(clean, profile):
    assert found(clean[profile], profile) == []


def test_rgb_gradient(clean):
    shading = {"/ShadingType": 2, "/ColorSpace": "/DeviceRGB", "/Coords": [100, 100, 300, 100],
               "/Function": {"/FunctionType": 2, "/Domain": [0, 1], "/C0": [1, 0, 0], "/C1": [0, 0, 1], "/N": 1}}
    pdf = with_content(clean["commercial"], b"q 100 100 200 100 re W n /Sh1 sh Q", {"/Shading": {"/Sh1": shading}})
    assert found(pdf, "commercial") == ["page 1: RGB gradient (shading /Sh1); expected CMYK only for 'commercial'"]


def test_rgb_inline_image(clean):
    pixels = bytes([200, 30, 30]) * 30 * 30  # 30 px over 0.1 in: 300 ppi
    ops = b"q 7.2 0 0 7.2 100 100 cm BI /W 30 /H 30 /CS /RGB /BPC 8 ID " + pixels + b" EI Q"
    pdf = with_content(clean["commercial"], ops)
    assert found(pdf, "commercial") == ["page 1: RGB inline image; expected CMYK only for 'commercial'"]


def test_ink_above_300_percent(clean):
    pdf = with_content(clean["commercial"], b"q 1 1 1 1 k 100 100 50 50 re f Q")
    assert found(pdf, "commercial") == ["page 1: 400% ink (C100 M100 Y100 K100); expected at most 300% total area coverage"]


def test_ink_above_300_percent_in_a_cmyk_image(clean, tmp_path):
    from pypdf.generic import StreamObject

    image = StreamObject()
    image.set_data(bytes([255, 255, 255, 100]) * 30 * 30)
    image.update({_name(k): _obj(v) for k, v in {"/Type": "/XObject", "/Subtype": "/Image", "/Width": 30, "/Height": 30,
                                                   "/ColorSpace": "/DeviceCMYK", "/BitsPerComponent": 8}.items()})
    pdf = with_content(clean["commercial"], b"q 7.2 0 0 7.2 100 100 cm /Im9 Do Q", objects={"/XObject": {"/Im9": image}})
    assert found(pdf, "commercial") == ["page 1: 339% ink in image /Im9; expected at most 300% total area coverage"]


def test_lab_fails_under_x1a_only(clean):
    lab = {"/Lab1": ["/Lab", {"/WhitePoint": [0.9505, 1.0, 1.089]}]}
    ops = b"q /Lab1 cs 50 0 0 scn 100 100 50 50 re f Q"
    x1a = with_content(clean["commercial-x1a"], ops, {"/ColorSpace": lab})
    assert found(x1a, "commercial-x1a") == [
        "page 1: Lab colour space /Lab1; expected CMYK only for PDF/X-1a (Lab and ICC colour need PDF/X-4)"]
    x4 = with_content(clean["commercial"], ops, {"/ColorSpace": lab})
    assert found(x4, "commercial") == []


def test_spot_colour_in_a_cmyk_only_profile(clean):
    spot = {"/CS9": ["/Separation", "/PANTONE 185 C", "/DeviceCMYK",
                     {"/FunctionType": 2, "/Domain": [0, 1], "/C0": [0, 0, 0, 0], "/C1": [0, 0.9, 0.8, 0], "/N": 1}]}
    pdf = with_content(clean["commercial"], b"q /CS9 cs 1 scn 100 100 50 50 re f Q", {"/ColorSpace": spot})
    assert found(pdf, "commercial") == [
        "page 1: spot colour PANTONE 185 C; expected process CMYK only for 'commercial' (convert spot colours to CMYK)"]


def test_hairline(clean):
    pdf = with_content(clean["commercial"], b"q 0 0 0 1 K 0.05 w 100 100 m 200 100 l S Q")
    assert found(pdf, "commercial") == [
        "page 1: a line 0.05 pt wide; expected lines at least 0.1 pt wide (thinner ones break up on press)"]
    # The width is measured as printed: 0.5 pt scaled by a tenth is 0.05 pt.
    scaled = with_content(clean["commercial"], b"q 0.1 0 0 0.1 0 0 cm 0 0 0 1 K 0.5 w 1000 1000 m 2000 1000 l S Q")
    assert found(scaled, "commercial") == found(pdf, "commercial")


def _a_font(page) -> NameObject:
    """A font of the page's first placed page, made a resource of the page itself."""
    from .readers import placed_pages

    return next(iter(placed_pages(page)[0].resources["/Font"].values()))  # the reference, not the font


def test_small_text_on_several_plates(clean):
    ops = b"BT /FX 09 Tf 0.1 0.2 0 0.88 k 1 0 0 1 100 100 Tm <0001> Tj ET"

    def change(writer, page):
        stream = DecodedStreamObject()
        stream.set_data(ops)
        page[_name("/Contents")] = ArrayObject([page["/Contents"], add_object(writer, stream)])
        fonts = page["/Resources"].setdefault(_name("/Font"), DictionaryObject())
        fonts[_name("/FX")] = _a_font(page)

    pdf = edited(clean["commercial"], change)
    assert found(pdf, "commercial") == [
        "page 1: text at 9.0 pt on 3 plates (C10 M20 Y0 K88); expected text under 12 pt on one plate (100% K, or one process colour)"]
    # The same text at 14 pt, or at 9 pt in 100% K, is fine.
    assert found(pdf.replace(b"/FX 09 Tf", b"/FX 14 Tf"), "commercial") == []
    assert found(pdf.replace(b"0.1 0.2 0 0.88 k", b"0.0 0.0 0 1.00 k"), "commercial") == []


@pytest.mark.parametrize("subtype, shown", [("/Link", "a link"), ("/Widget", "a form field")])
def test_link_or_form_field_inside_the_trim(clean, subtype, shown):
    def change(writer, page):
        annotation = _obj({"/Type": "/Annot", "/Subtype": subtype, "/Rect": [100, 100, 200, 120], "/Border": [0, 0, 0]})
        if subtype == "/Link":
            annotation[_name("/A")] = _obj({"/S": "/URI", "/URI": "https://example.org/"})
        else:
            annotation[_name("/FT")] = _name("/Tx")
            annotation[_name("/T")] = TextStringObject("name")
        page[_name("/Annots")] = ArrayObject([add_object(writer, annotation)])

    pdf = edited(clean["commercial"], change)
    assert found(pdf, "commercial") == [
        f"page 1: {shown} inside the trim; expected no links, form fields or comments on the printed area of a print file"]


def test_x1a_saved_as_pdf_17_with_object_streams(clean, tmp_path):
    source = tmp_path / "x1a.pdf"
    source.write_bytes(clean["commercial-x1a"])
    target = tmp_path / "x1a-17.pdf"
    subprocess.run(["qpdf", "--object-streams=generate", "--force-version=1.7", str(source), str(target)], check=True)
    assert found(target.read_bytes(), "commercial-x1a") == [
        "the file is PDF 1.7; expected PDF 1.4 or earlier for PDF/X-1a:2003",
        "the file uses object or cross-reference streams (PDF 1.5 compression); "
        "expected a classic cross-reference table and no object streams for PDF/X-1a"]


def test_srgb_output_intent(clean):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

    def change(writer, page):
        intent = writer.root_object["/OutputIntents"][0].get_object()
        profile = intent["/DestOutputProfile"].get_object()
        profile.set_data(srgb)
        profile[_name("/N")] = NumberObject(4)  # a profile that claims four components

    pdf = edited(clean["commercial"], change)
    assert found(pdf, "commercial") == [
        "the output intent's ICC profile is RGB (/N 4), not CMYK; expected the printing condition's CMYK profile "
        "(e.g. FOGRA39), not sRGB"]


def test_no_trimbox(clean):
    def change(writer, page):
        del page["/TrimBox"]

    pdf = edited(clean["commercial"], change)
    assert PdfReader(io.BytesIO(pdf)).pages[0].trimbox is not None  # pypdf invents one: the MediaBox
    assert found(pdf, "commercial") == [
        "page 1: no TrimBox; expected a TrimBox on every page for PDF/X-4 (the trim is not the MediaBox)"]


def test_a_font_embedded_whole_passes(clean):
    """A complete embedded font (no ABCDEF+ subset tag) prints as well as a
    subset: a warning at most, never a failure."""
    def change(writer, page):
        from .readers import placed_pages

        for placed in placed_pages(page):
            for font in (placed.resources.get_object().get("/Font") or {}).values():
                font = font.get_object()
                whole = str(font["/BaseFont"]).split("+", 1)[-1]
                font[_name("/BaseFont")] = _name(f"/{whole}")
                descendant = font["/DescendantFonts"][0].get_object()
                descendant[_name("/BaseFont")] = _name(f"/{whole}")

    pdf = edited(clean["commercial"], change)
    findings = preflight(pdf, load_profile("commercial"))
    assert failures(findings) == []
    assert any("embedded whole" in str(f) and f.warning for f in findings)


def test_registration_marks_are_a_separation_all_colour(clean):
    reader = PdfReader(io.BytesIO(clean["commercial"]))
    marks = reader.pages[0]["/Resources"]["/XObject"]["/Marks"].get_object()
    spaces = [space.get_object() for space in marks["/Resources"]["/ColorSpace"].values()]
    assert [(s[0], s[1]) for s in spaces] == [("/Separation", "/All")]
    data = marks.get_data()
    assert b"1 1 1 1 K" not in data and b" SCN" in data
