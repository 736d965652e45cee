"""Commercial output read back from the PDFs: boxes, CMYK, output intent,
PDF/X keys, marks; and the preflight that guards it."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from pypdf import PdfReader
from reportlab.pdfgen import canvas as rl_canvas

from pamphlet.check.preflight import failures, preflight
from pamphlet.profiles import load_profile

from .conftest import LAYOUTS, ROOT
from .readers import placed_pages

PROFILES = ("commercial", "commercial-x1a", "commercial-nomarks")


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")  # 2025-11-28


def _content(reader: PdfReader) -> bytes:
    """All content of all pages, forms included."""
    data = b""
    for page in reader.pages:
        data += page.get_contents().get_data()
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            data += xobject.get_object().get_data()
    return data


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("profile", PROFILES)
def test_boxes_bleed_and_page_count(build, layout, profile):
    result = build("en", layout, profile)
    reader = PdfReader(result.path)
    bleed = 9.0 if layout.endswith("letter") else 8.5
    for page in reader.pages:
        media, bleedbox, trim = ([float(v) for v in box] for box in (page.mediabox, page.bleedbox, page.trimbox))
        assert [round(b - t, 2) for b, t in zip(bleedbox, trim)] == pytest.approx([-bleed, -bleed, bleed, bleed], abs=0.02)
        assert media[0] <= bleedbox[0] and media[2] >= bleedbox[2]
        if profile != "commercial-nomarks":
            assert media[0] < bleedbox[0] - 20  # room for marks outside the bleed
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        if layout.startswith("trifold"):
            assert (width, height) == pytest.approx((792, 612) if layout.endswith("letter") else (841.89, 595.28), abs=0.05)
        else:  # single reader pages at trim size, for the shop to impose
            assert (width, height) == pytest.approx((396, 612) if layout.endswith("letter") else (419.53, 595.28), abs=0.05)
    assert len(reader.pages) == (2 if layout.startswith("trifold") else result.reader_pages)


@pytest.mark.parametrize("profile", PROFILES)
def test_cmyk_only_output_intent_and_pdfx_keys(build, profile):
    result = build("th", "trifold-letter", profile)
    data = result.path.read_bytes()
    reader = PdfReader(result.path)
    content = _content(reader)
    assert not re.search(rb"\brg\b|\bRG\b", content), "RGB colour operators"
    assert re.search(rb"\bk\b", content), "CMYK fill colour"
    version = load_profile(profile).pdfx
    assert reader.metadata["/GTS_PDFXVersion"] == version
    assert reader.metadata["/Trapped"] == "/False"
    assert data.startswith(b"%PDF-1.6" if version == "PDF/X-4" else b"%PDF-1.4")
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "FOGRA39"
    icc = intent["/DestOutputProfile"].get_object()
    assert icc["/N"] == 4 and icc.get_data()[36:40] == b"acsp" and icc.get_data()[16:20] == b"CMYK"
    if version == "PDF/X-4":
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert data.count(b"<x:xmpmeta") == 1  # one XMP packet: the tagging's and PDF/X's are one
    assert failures(preflight(data, load_profile(profile))) == []


def test_crop_and_fold_marks_lie_outside_the_bleed(build):
    result = build("en", "trifold-letter", "commercial")
    reader = PdfReader(result.path)
    page = reader.pages[0]
    marks = page["/Resources"]["/XObject"]["/Marks"].get_object().get_data().decode()
    lines = [tuple(float(v) for v in m) for m in re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", marks)]
    trim = [float(v) for v in page.trimbox]
    bleed = [float(v) for v in page.bleedbox]
    assert len(lines) == 8 + 4  # two crop marks per corner, two fold marks per fold
    for x1, y1, x2, y2 in lines:
        inside = [bleed[0] < x < bleed[2] and bleed[1] < y < bleed[3] for x, y in ((x1, y1), (x2, y2))]
        assert not any(inside), (x1, y1, x2, y2)
    folds = sorted({x1 for x1, y1, x2, y2 in lines if x1 == x2 and trim[0] < x1 < trim[2]})
    assert folds == pytest.approx([trim[0] + 3.625 * 72, trim[0] + (3.625 + 3.6875) * 72], abs=0.01)


def test_nomarks_has_no_marks(build):
    reader = PdfReader(build("en", "trifold-a4", "commercial-nomarks").path)
    assert all("/Marks" not in page["/Resources"]["/XObject"] for page in reader.pages)


def test_cover_colour_reaches_into_the_bleed(build):
    """The cover's colour field, touching the trim, extends to the bleed edge."""
    import pypdfium2 as pdfium

    result = build("en", "trifold-letter", "commercial")
    page = pdfium.PdfDocument(str(result.path))[0]
    image = page.render(scale=1).to_pil().convert("RGB")
    reader_page = PdfReader(result.path).pages[0]
    trim = [float(v) for v in reader_page.trimbox]
    height = float(reader_page.mediabox.height)
    # Just outside the trim, inside the bleed, at the cover's right edge: colour, not paper.
    x, y = int(trim[2] + 4), int(height - (trim[1] + trim[3]) / 2)
    assert sum(image.getpixel((x, y))) < 600
    # Beyond the bleed: paper.
    assert image.getpixel((int(trim[2] + 12), y)) == (255, 255, 255)


def test_every_output_passes_qpdf_check(build):
    for profile in ("home",) + PROFILES:
        for layout in ("trifold-letter", "booklet-a4"):
            path = build("en", layout, profile).path
            check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
            assert check.returncode == 0, check.stdout + check.stderr
            assert "WARNING" not in (check.stdout + check.stderr).upper()


def test_preflight_rejects_unembedded_font_and_rgb_naming_both():
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=(612, 792))
    canvas.setFillColorRGB(0.9, 0.1, 0.1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Hello")
    canvas.showPage()
    canvas.save()
    found = [str(f) for f in failures(preflight(buffer.getvalue(), load_profile("commercial")))]
    assert "page 1: font Helvetica is not embedded; expected every font embedded" in found
    assert "page 1: RGB colour (rg operator); expected CMYK only for 'commercial'" in found
    assert any("no TrimBox" in f for f in found) and any("GTS_PDFXVersion" in f for f in found)


def test_booklet_can_be_imposed_for_the_shop(build, out_dir):
    from pamphlet.pipeline import BuildOptions, build_one

    from .conftest import DOC

    options = BuildOptions(doc=DOC, langs=("en",), layouts=("booklet-letter",), profiles=("commercial",),
                           out_dir=out_dir / "imposed", booklet="imposed")
    result = build_one(options, "en", "booklet-letter")
    reader = PdfReader(result.path)
    assert len(reader.pages) == result.reader_pages // 2
    trim = reader.pages[0].trimbox
    assert (float(trim.width), float(trim.height)) == pytest.approx((792, 612))


def _partner_brand(tmp_path, pixels: int) -> str:
    from PIL import Image, ImageDraw

    logo = Image.new("RGBA", (pixels, pixels // 2), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((0, 0, pixels - 1, pixels // 2 - 1), fill=(0, 102, 111, 255))
    logo.save(tmp_path / "logo.png")
    source = (ROOT / "brands" / "default.yaml").read_text()
    (tmp_path / "partner.yaml").write_text("name: Partner\nlogo: {file: logo.png, width: 1in}\n" + source.split("name: Butterfly\n")[1])
    return str(tmp_path / "partner.yaml")


@pytest.mark.parametrize("pixels, outcome", [(100, "fails"), (200, "warns"), (300, "passes")])
def test_logo_resolution(tmp_path, pixels, outcome):
    from pamphlet.errors import PamphletError
    from pamphlet.pipeline import BuildOptions, build as build_all

    from .conftest import DOC

    brand = _partner_brand(tmp_path, pixels)
    options = BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",), profiles=("commercial-x1a",),
                           out_dir=tmp_path / "out", brands=(brand,))
    if outcome == "fails":
        with pytest.raises(PamphletError) as info:
            build_all(options)
        assert str(info.value).endswith(
            "partner.yaml:2: logo logo.png (100 x 50 px over 1.00 in) prints at 100 ppi; expected at least 150 ppi for "
            "'commercial-x1a' (300 for sharp print): a larger image, or a smaller logo width")
        assert not (tmp_path / "out").exists()
        return
    (result,) = build_all(options)
    warned = [w for w in result.warnings if "an image (" in w]
    if outcome == "warns":
        assert warned == ["preflight: page 1: an image (200 x 100 px) prints at 200 ppi; expected 300 ppi for sharp print"]
    else:
        assert warned == []
    # The logo is CMYK and opaque (no soft mask) for PDF/X-1a.
    reader = PdfReader(result.path)
    images = [x.get_object() for page in reader.pages for placed in placed_pages(page)
              for x in (placed.resources.get_object().get("/XObject") or {}).values()
              if x.get_object()["/Subtype"] == "/Image"]
    assert images and all(i["/ColorSpace"] == "/DeviceCMYK" and "/SMask" not in i for i in images)


def test_every_file_has_its_own_ids_and_rebuilding_gives_the_same(build, tmp_path):
    """The trailer /ID and the XMP document and instance ids differ between
    files (languages, layouts, PDF/X-4 and PDF/X-1a versions of one
    pamphlet; every tagged file has XMP, saying it is PDF/UA-1) and stay the
    same when the same file is built again."""
    import re as regex

    from pamphlet.pipeline import BuildOptions, build_one

    from .conftest import DOC

    def ids(path) -> tuple:
        reader = PdfReader(path)
        trailer = tuple(v.original_bytes for v in reader.trailer["/ID"])
        xmp = b""
        if "/Metadata" in reader.trailer["/Root"]:
            xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        found = regex.findall(rb"<xmpMM:(DocumentID|InstanceID)>uuid:([0-9a-f-]+)<", xmp)
        return trailer, tuple(v for _, v in found)

    files = [build("en", "trifold-letter", "commercial"), build("en", "trifold-letter", "commercial-x1a"),
             build("en", "trifold-letter", "commercial-nomarks"), build("fr", "trifold-letter", "commercial"),
             build("en", "booklet-letter", "commercial")]
    seen = [ids(r.path) for r in files]
    assert len({trailer for trailer, _ in seen}) == len(files)
    xmp = [x for _, x in seen if x]
    assert len(xmp) == 5 and all(len(x) == 2 and x[0] != x[1] for x in xmp)
    assert len({v for x in xmp for v in x}) == 2 * len(xmp)
    again = build_one(BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",), profiles=("commercial",),
                                   out_dir=tmp_path), "en", "trifold-letter")
    assert ids(again.path) == seen[0]
    assert again.path.read_bytes() == files[0].path.read_bytes()


def test_a5_booklet_pages_are_iso_a5_centred_on_a4(build):
    reader = PdfReader(build("en", "booklet-a4", "commercial").path)
    trim = reader.pages[0].trimbox
    assert (float(trim.width), float(trim.height)) == pytest.approx((148 * 72 / 25.4, 210 * 72 / 25.4), abs=0.01)
    home = PdfReader(build("en", "booklet-a4").path)
    assert float(home.pages[0].mediabox.width) == pytest.approx(841.89, abs=0.01)
    xs = sorted(placed.matrix[4] for placed in placed_pages(home.pages[0]))
    assert xs == pytest.approx([0.5 * 72 / 25.4, 0.5 * 72 / 25.4 + 148 * 72 / 25.4], abs=0.01)  # half a mm either side


def test_a4_trifold_panels():
    from pamphlet.layouts import load_layout

    panels = [round(w * 25.4 / 72, 2) for w in load_layout("trifold-a4").panels]
    assert panels == [100, 100, 97]
