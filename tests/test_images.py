"""Image blocks: PNG, JPEG, SVG and PDF art placed in the flow, vector art kept
vector, bitmaps checked for resolution and converted for print shops, alt
text in the PDF, and art swapped per language."""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pamphlet.content.load import load_document
from pamphlet.errors import PamphletError
from pamphlet.pipeline import BuildOptions, build_one

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
  <rect x="0" y="0" width="120" height="60" fill="#5B2A86"/>
  <path d="M10 50 C 30 0, 90 0, 110 50 Z" fill="{fill}"/>
</svg>"""

SOURCE = """\
document: {id: demo, lang: en, title: Demo, organisation: Demo Org}
editions:
  trifold: {cover: [cover], flow: [intro, photo, scan, mark, chart], back: []}
  booklet: {cover: [cover], flow: all}
blocks:
  - {id: cover, type: title, text: Demo}
  - {id: intro, type: paragraph, text: Pictures follow.}
  - {id: photo, type: image, file: art/photo.png, width: 0.5, alt: A purple square, caption: A photo}
  - {id: scan, type: image, file: art/scan.jpg, width: 1in, alt: An orange square}
  - {id: mark, type: image, file: art/mark.svg, width: 0.6, alt: The demo mark}
  - {id: chart, type: image, file: art/chart.pdf, width: 0.8, alt: A chart of three bars, caption: Three bars}
"""

FRENCH = """\
document: {lang: fr, status: draft}
blocks:
  cover: {text: Démo}
  intro: {text: Des images suivent.}
  photo: {alt: Un carré violet, caption: Une photo}
  scan: {alt: Un carré orange}
  mark: {file: art/mark-fr.svg, alt: La marque de démo}
  chart: {alt: Un graphique de trois barres, caption: Trois barres}
"""


def _chart_pdf(path: Path) -> None:
    from pamphlet.render.canvas import Canvas  # no default font in the art

    canvas = Canvas(str(path), pagesize=(200, 100), invariant=1)
    canvas.setFillColorCMYK(0.7, 0.95, 0, 0.05)
    for n, height in enumerate((40, 70, 55)):
        canvas.rect(20 + n * 60, 10, 40, height, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()


def make_doc(tmp_path: Path, source: str = SOURCE, photo_px: int = 900, **files: str) -> Path:
    folder = tmp_path / "demo"
    art = folder / "art"
    art.mkdir(parents=True)
    (folder / "en.yaml").write_text(textwrap.dedent(source), encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    Image.new("RGBA", (photo_px, photo_px), (91, 42, 134, 255)).save(art / "photo.png")
    Image.new("RGB", (400, 400), (228, 87, 46)).save(art / "scan.jpg", quality=90)
    (art / "mark.svg").write_text(SVG.format(fill="#E4572E"), encoding="utf-8")
    (art / "mark-fr.svg").write_text(SVG.format(fill="#00FF00"), encoding="utf-8")
    _chart_pdf(art / "chart.pdf")
    return folder


def _build(folder: Path, tmp_path: Path, lang: str = "en", layout: str = "booklet-letter", profile: str = "home"):
    options = BuildOptions(doc=folder, langs=(lang,), layouts=(layout,), profiles=(profile,), out_dir=tmp_path / "out")
    return build_one(options, lang, layout)


def _xobjects(resources, found=None, depth=0):
    """Every XObject reachable from these resources: (subtype, object)."""
    found = [] if found is None else found
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        found.append((xobject.get("/Subtype"), xobject))
        if xobject.get("/Subtype") == "/Form" and depth < 8 and xobject.get("/Resources") is not None:
            _xobjects(xobject["/Resources"].get_object(), found, depth + 1)
    return found


def _all_xobjects(path: Path):
    reader = PdfReader(str(path))
    found = []
    for page in reader.pages:
        _xobjects(page["/Resources"], found)
    unique = {id(x): (kind, x) for kind, x in found}
    return list(unique.values())


def _contents(path: Path) -> bytes:
    """Every content stream of the file, forms included."""
    reader = PdfReader(str(path))
    data = b""
    for page in reader.pages:
        data += page.get_contents().get_data()
    for kind, xobject in _all_xobjects(path):
        if kind == "/Form":
            data += xobject.get_data()
    return data


def _alts(path: Path) -> list[str]:
    found = re.findall(rb"/Figure <<(?:/MCID \d+ )?/Alt <FEFF([0-9A-F]+)>>> BDC", _contents(path))
    return [bytes.fromhex(h.decode()).decode("utf-16-be") for h in found]


@pytest.mark.parametrize("profile", ["home", "commercial"])
def test_every_art_format_is_placed_with_vector_art_kept_vector(tmp_path, profile):
    folder = make_doc(tmp_path)
    result = _build(folder, tmp_path, profile=profile)
    xobjects = _all_xobjects(result.path)
    images = [x for kind, x in xobjects if kind == "/Image"]
    # Two bitmaps (PNG, JPEG): two image XObjects; the SVG and the PDF art add none.
    assert sorted((int(x["/Width"]), int(x["/Height"])) for x in images) == [(400, 400), (900, 900)]
    if profile == "commercial":
        assert all(x["/ColorSpace"] == "/DeviceCMYK" for x in images)
    # The PDF art is a form XObject carrying the art's own content.
    chart = [x for kind, x in xobjects if kind == "/Form" and [float(v) for v in x.get("/BBox", [])] == [0, 0, 200, 100]]
    assert len(chart) == 1 and chart[0].get_data().count(b" re") == 3
    # The SVG is drawn as paths in the page (its curve), in CMYK for a print shop.
    content = _contents(result.path)
    assert b" c\n" in content or b" c " in content
    if profile == "commercial":
        assert not re.search(rb"[\d.]+ [\d.]+ [\d.]+ rg", content), "an RGB fill was left in a CMYK file"
    assert sorted(_alts(result.path)) == sorted(["A purple square", "An orange square", "The demo mark", "A chart of three bars"])


def test_alt_text_and_captions_are_translated_and_art_swapped(tmp_path):
    folder = make_doc(tmp_path, **{"fr.yaml": FRENCH})
    doc = load_document(folder, "fr")
    assert doc.block("mark").image.path.name == "mark-fr.svg"
    assert doc.block("photo").image.path.name == "photo.png"  # not swapped: the source's art
    assert doc.block("photo").image.width == 0.5  # the width is the source's
    result = _build(folder, tmp_path, "fr")
    assert sorted(_alts(result.path)) == sorted(["Un carré violet", "Un carré orange", "La marque de démo", "Un graphique de trois barres"])
    # The French mark's green, not the English orange, is what is drawn.
    content = _contents(result.path)
    assert b"0 1 0 rg" in content
    english = _contents(_build(folder, tmp_path / "en").path)
    assert b"0 1 0 rg" not in english
    text = "".join(page.extract_text() for page in PdfReader(str(result.path)).pages)
    assert "Une photo" in text and "Trois barres" in text


def test_placed_sizes_follow_width_and_aspect(tmp_path):
    from pamphlet.languages import language
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.layout.typeset import Picture
    from pamphlet.text.fontlibrary import library_with

    folder = make_doc(tmp_path)
    doc = load_document(folder, "en")
    spec = load_layout("trifold-letter")
    composition = compose(doc, spec, language("en"), library_with((), ()))
    pictures = {p.path.name: p for page in composition.pages for p in page.items if isinstance(p, Picture)}
    measure = spec.text_width
    assert pictures["photo.png"].w == pytest.approx(measure * 0.5)
    assert pictures["scan.jpg"].w == pytest.approx(72.0)
    assert pictures["mark.svg"].h == pytest.approx(pictures["mark.svg"].w / 2)
    assert pictures["chart.pdf"].w == pytest.approx(measure * 0.8) and pictures["chart.pdf"].h == pytest.approx(measure * 0.4)
    for p in pictures.values():  # centred in the frame
        page = next(pg for pg in composition.pages if p in pg.items)
        assert p.x - page.page.frame.x == pytest.approx(page.page.frame.x + page.page.frame.w - p.x - p.w)


def test_coarse_bitmaps_warn_and_fail_for_a_print_shop(tmp_path):
    # 900 px over 0.5 of a ~3 in measure is ~600 ppi; 250 px is ~160 ppi: a warning at home.
    folder = make_doc(tmp_path, photo_px=250)
    result = _build(folder, tmp_path, layout="trifold-letter")
    assert any("image 'photo'" in w and "ppi" in w for w in result.warnings)
    folder = make_doc(tmp_path / "coarse", photo_px=120)
    with pytest.raises(PamphletError) as info:
        _build(folder, tmp_path, layout="trifold-letter", profile="commercial")
    message = str(info.value.problems[0])
    assert message.startswith(f"{folder / 'en.yaml'}:8: image 'photo' (photo.png, 120 x 120 px")
    assert "expected at least 150 ppi for 'commercial'" in message


def test_image_block_problems_reported_together(tmp_path):
    source = SOURCE.replace("file: art/photo.png, width: 0.5, alt: A purple square, ", "file: ../photo.png, width: 0.5, ")
    source = source.replace("art/scan.jpg, width: 1in", "art/missing.jpg, width: 1in")
    source = source.replace("art/mark.svg, width: 0.6", "art/mark.svg, width: 1.5")
    source = source.replace("art/chart.pdf", "art/two.pdf")
    source += "  - {id: words, type: image, file: art/words.svg, alt: Words}\n  - {id: doc, type: image, file: art/notes.txt, alt: Notes}\n"
    folder = make_doc(tmp_path, source)
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(folder / "art" / "two.pdf"))
    canvas.showPage()
    canvas.showPage()
    canvas.save()
    (folder / "art" / "words.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text x="1" y="5">Hi</text></svg>')
    (folder / "art" / "notes.txt").write_text("notes")
    with pytest.raises(PamphletError) as info:
        load_document(folder, "en")
    got = [str(p).replace(str(folder) + "/", "") for p in info.value.problems]
    assert got == [
        "en.yaml:8: block 'photo' has no 'alt'; expected 'alt' for an image block",
        f"en.yaml:8: image 'photo' file '../photo.png' goes up out of its folder ('..'); expected a path relative to en.yaml, inside its folder {folder} (copy the image 'photo' file there)",
        "en.yaml:9: image 'scan' file 'art/missing.jpg' does not exist; expected a file inside demo/",
        "en.yaml:10: image 'mark' width is 1.5; expected a fraction of the measure (0 to 1) or a length such as '1.5in'",
        "en.yaml:11: image 'chart' file 'art/two.pdf' is a PDF of 2 pages; expected single-page art; expected a PNG, JPEG, SVG or single-page PDF",
        "en.yaml:12: image 'words' file 'art/words.svg' is an SVG with text; expected shapes only (text converted to outlines, bitmaps placed as their own image blocks); expected a PNG, JPEG, SVG or single-page PDF",
        "en.yaml:13: image 'doc' file 'art/notes.txt' is not PNG, JPEG, SVG or PDF; expected .png, .jpg, .svg or .pdf",
    ]


def test_a_translation_must_give_the_alt_text(tmp_path):
    folder = make_doc(tmp_path, **{"fr.yaml": FRENCH.replace("alt: La marque de démo", "caption: Marque")})
    with pytest.raises(PamphletError) as info:
        load_document(folder, "fr")
    got = [str(p).replace(str(folder) + "/", "") for p in info.value.problems]
    assert got == ["fr.yaml:7: block 'mark' has no 'alt'; expected 'alt' for an image block"]


def test_same_inputs_same_bytes_with_pdf_art(tmp_path):
    folder = make_doc(tmp_path)
    first = _build(folder, tmp_path / "a").path.read_bytes()
    second = _build(folder, tmp_path / "b").path.read_bytes()
    assert first == second


def test_a_mark_in_the_cover_slot_sits_above_the_title(tmp_path):
    from pamphlet.languages import language
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.layout.typeset import Picture, TextLine
    from pamphlet.text.fontlibrary import library_with

    source = SOURCE.replace("trifold: {cover: [cover], flow: [intro, photo, scan, mark, chart]",
                            "trifold: {cover: [mark, cover], flow: [intro, photo, scan, chart]")
    doc = load_document(make_doc(tmp_path, source), "en")
    composition = compose(doc, load_layout("trifold-letter"), language("en"), library_with((), ()))
    cover = composition.pages[0]
    mark = next(i for i in cover.items if isinstance(i, Picture))
    title = next(i for i in cover.items if isinstance(i, TextLine) and i.line is not None)
    assert mark.y == pytest.approx(cover.page.frame.y)  # at the top of the frame
    assert mark.background == "accent"  # flattened on the cover's colour, were it a bitmap
    assert title.baseline > mark.y + mark.h
