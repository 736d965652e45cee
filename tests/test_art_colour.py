"""Vector art in print-shop output: PDF and SVG art of image blocks, and the
flagship's cover mark, with every colour CMYK (or the /All registration
colour) in PDF/X-4 and PDF/X-1a files, read back from the content streams;
art that cannot be converted is refused at the line naming it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pamphlet.check.preflight import failures, preflight
from pamphlet.errors import PamphletError
from pamphlet.pipeline import BuildOptions, build_one
from pamphlet.privateapi import add_object
from pamphlet.profiles import load_profile

from .conftest import DOC
from .test_images import make_doc
from .readers import placed_pages

GRADIENT_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">
  <defs><linearGradient id="sky"><stop offset="0" stop-color="#1E88E5"/><stop offset="1" stop-color="#FFC107"/></linearGradient></defs>
  <rect x="0" y="0" width="120" height="60" fill="url(#sky)"/>
  <path d="M10 50 C 30 0, 90 0, 110 50 Z" fill="#00A651" stroke="#000000" stroke-width="2"/>
</svg>"""


def rgb_art_pdf(path: Path, inline_image: bool = False) -> Path:
    """Single-page art drawn in RGB: a green fill, a pure black fill, a red
    stroke, a grey line, an RGB photo-like image and an RGB gradient."""
    from reportlab.lib.colors import Color
    from reportlab.lib.utils import ImageReader

    from pamphlet.render.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(200, 100), invariant=1)
    canvas.setFillColorRGB(0.2, 0.6, 0.3)
    canvas.rect(10, 10, 50, 40, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(10, 60, 50, 30, stroke=0, fill=1)
    canvas.setStrokeColorRGB(0.9, 0.1, 0.1)
    canvas.setLineWidth(3)
    canvas.line(70, 10, 110, 90)
    canvas.setStrokeGray(0.5)
    canvas.line(75, 10, 115, 90)
    photo = Image.new("RGB", (256, 256))
    photo.putdata([(x, y, 128) for y in range(256) for x in range(256)])
    if inline_image:
        canvas.drawInlineImage(photo, 125, 55, 30, 30)
    else:
        canvas.drawImage(ImageReader(photo), 125, 55, 30, 30)
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(125, 10, 70, 40)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.linearGradient(125, 10, 195, 10, (Color(0.1, 0.5, 0.9), Color(1, 0.75, 0)), extend=False)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return path


def art_doc(tmp_path: Path) -> Path:
    folder = make_doc(tmp_path)
    rgb_art_pdf(folder / "art" / "chart.pdf")
    (folder / "art" / "mark.svg").write_text(GRADIENT_SVG, encoding="utf-8")
    return folder


def build(folder: Path, tmp_path: Path, profile: str, layout: str = "booklet-letter"):
    options = BuildOptions(doc=folder, langs=("en",), layouts=(layout,), profiles=(profile,), out_dir=tmp_path / "out")
    return build_one(options, "en", layout)


COLOUR_OPERATORS = {b"rg", b"RG", b"g", b"G", b"k", b"K", b"cs", b"CS", b"sc", b"SC", b"scn", b"SCN"}


def colours_used(path: Path) -> dict[str, set]:
    """Every colour a PDF's pages use, read from its content streams (forms,
    tiling patterns), colour spaces, shadings and images, recursively:
    operators (with their colour-space operands), colour spaces, images'
    colour spaces."""
    reader = PdfReader(str(path))
    found = {"operators": set(), "spaces": set(), "images": set(), "shadings": set()}
    seen: set[int] = set()

    def space_name(space) -> str:
        space = space.get_object()
        if isinstance(space, list):
            return " ".join(str(v.get_object()) if not isinstance(v.get_object(), dict) else "<<>>" for v in space[:2])
        return str(space)

    def shading(entry) -> None:
        entry = entry.get_object()
        found["shadings"].add(space_name(entry["/ColorSpace"]))

    def walk(content, resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for operands, operator in ContentStream(content, reader).operations:
            if operator in COLOUR_OPERATORS:
                named = tuple(str(o) for o in operands if not isinstance(o, (int, float)) and str(o).startswith("/"))
                found["operators"].add((operator.decode(), named))
            elif operator == b"INLINE IMAGE":
                settings = operands["settings"]
                found["images"].add("inline " + str(settings.get("/CS", settings.get("/ColorSpace"))))
        for space in (resources.get("/ColorSpace") or {}).values():
            found["spaces"].add(space_name(space))
        for entry in (resources.get("/Shading") or {}).values():
            shading(entry)
        for pattern in (resources.get("/Pattern") or {}).values():
            pattern = pattern.get_object()
            if id(pattern) in seen:
                continue
            seen.add(id(pattern))
            if pattern.get("/PatternType") == 2:
                shading(pattern["/Shading"])
            else:
                walk(pattern, pattern.get("/Resources"))
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if id(xobject) in seen:
                continue
            seen.add(id(xobject))
            if xobject["/Subtype"] == "/Form":
                walk(xobject, xobject.get("/Resources"))
            elif not xobject.get("/ImageMask"):
                found["images"].add(space_name(xobject["/ColorSpace"]))

    for page in reader.pages:
        walk(page.get_contents(), page.get("/Resources"))
    return found


def assert_cmyk_only(path: Path) -> None:
    used = colours_used(path)
    operators = {op for op, _ in used["operators"]}
    assert not operators & {"rg", "RG", "g", "G"}, used["operators"]
    for op, named in used["operators"]:
        if op in ("cs", "CS"):
            assert named in (("/DeviceCMYK",), ("/All",), ("/Pattern",)), (op, named)
    assert used["spaces"] <= {"/DeviceCMYK", "/Separation /All", "/Pattern /DeviceCMYK", "/Pattern"}, used["spaces"]
    assert used["images"] <= {"/DeviceCMYK"}, used["images"]
    assert used["shadings"] <= {"/DeviceCMYK"}, used["shadings"]


def test_the_fixture_art_is_rgb(tmp_path):
    """What the other tests convert: RGB and grey operators, an RGB image and an RGB gradient."""
    art = rgb_art_pdf(tmp_path / "art.pdf")
    used = colours_used(art)
    assert {"rg", "RG", "G"} <= {op for op, _ in used["operators"]}
    assert used["images"] == {"/DeviceRGB"} and used["shadings"] == {"/DeviceRGB"}


@pytest.mark.parametrize("profile", ["commercial", "commercial-x1a"])
def test_pdf_and_svg_art_print_in_cmyk_alone(tmp_path, profile):
    folder = art_doc(tmp_path)
    result = build(folder, tmp_path, profile)
    assert_cmyk_only(result.path)
    assert not failures(preflight(result.path.read_bytes(), load_profile(profile)))
    subprocess.run(["qpdf", "--check", str(result.path)], check=True, capture_output=True)
    # The art's pure black is 100% K alone, as a logo's is; its image is still there, in CMYK.
    data = b"".join(placed.content for page in PdfReader(str(result.path)).pages for placed in placed_pages(page))
    assert b"0 0 0 1 k" in data


def test_pdf_art_is_refused_where_it_cannot_be_converted(tmp_path):
    folder = make_doc(tmp_path)
    rgb_art_pdf(folder / "art" / "chart.pdf", inline_image=True)
    with pytest.raises(PamphletError) as info:
        build(folder, tmp_path, "commercial")
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{folder / 'en.yaml'}:11: art chart.pdf cannot be converted for the print shop: it holds an inline image in /RGB")
    assert build(folder, tmp_path, "home").path.is_file()  # on screen and at home, RGB is what is wanted


def test_transparent_svg_is_refused_for_x1a_and_kept_for_x4(tmp_path):
    folder = make_doc(tmp_path)
    (folder / "art" / "mark.svg").write_text(GRADIENT_SVG.replace('fill="#00A651"', 'fill="#00A651" fill-opacity="0.5"'))
    with pytest.raises(PamphletError) as info:
        build(folder, tmp_path, "commercial-x1a")
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{folder / 'en.yaml'}:10: art mark.svg cannot be converted for the print shop: it holds a colour at 50% opacity (transparency)")
    assert_cmyk_only(build(folder, tmp_path, "commercial").path)


@pytest.mark.parametrize("profile", ["commercial", "commercial-x1a"])
def test_the_flagship_cover_mark_prints_in_cmyk_alone(tmp_path, profile):
    options = BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",), profiles=(profile,), out_dir=tmp_path)
    result = build_one(options, "en", "trifold-letter")
    assert_cmyk_only(result.path)


@pytest.mark.parametrize("space", ["rgb", "icc-rgb", "grey"])
def test_colours_in_a_named_colour_space_are_converted_with_it(space):
    """'/CS0 cs 1 0 0 sc': the resources name CS0 in RGB (or grey); the space
    becomes DeviceCMYK and so must the values set in it (they were left as
    three RGB values under a CMYK space)."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

    from pamphlet.render.pdfart import convert_content
    from pamphlet.render.vectorcolour import VectorColours

    writer = PdfWriter()
    if space == "icc-rgb":
        profile = StreamObject()
        profile[NameObject("/N")] = NumberObject(3)
        named = ArrayObject([NameObject("/ICCBased"), add_object(writer, profile)])
    else:
        named = NameObject("/DeviceRGB" if space != "grey" else "/DeviceGray")
    values = "1 0 0" if space != "grey" else "0.5"
    resources = DictionaryObject({NameObject("/ColorSpace"): DictionaryObject({NameObject("/CS0"): named})})
    out = convert_content(f"/CS0 cs {values} sc 0 0 10 10 re f /CS0 CS {values} SC S".encode(), resources,
                          VectorColours(None, None), writer)
    from pypdf.generic import ContentStream, DecodedStreamObject

    source = DecodedStreamObject()
    source.set_data(out)
    operations = [(op, operands) for operands, op in ContentStream(source, writer).operations]
    assert [(op, [str(v) for v in operands]) for op, operands in operations if op in (b"cs", b"CS")] == \
        [(b"cs", ["/DeviceCMYK"]), (b"CS", ["/DeviceCMYK"])]
    assert [len(operands) for op, operands in operations if op in (b"sc", b"SC")] == [4, 4]
    assert resources["/ColorSpace"]["/CS0"] == "/DeviceCMYK"
