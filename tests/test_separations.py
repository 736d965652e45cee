"""Colour as the press sees it: every plate of a commercial PDF read back
with Ghostscript's ``tiffsep`` (one greyscale image per ink), and the image
conversion that makes logos and pictures CMYK."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from pamphlet.partner.brand import load_brand
from pamphlet.layouts import load_layout
from pamphlet.render.rastercolour import default_output_profile, grey_to_k, image_for_output

from .conftest import DOC, ROOT

PLATES = ("Cyan", "Magenta", "Yellow", "Black")
RES = 144  # pixels per inch of the separations
PURPLE = (0x5B, 0x2A, 0x86)


def separations(pdf: Path, page: int, tmp_path: Path) -> dict[str, Image.Image]:
    """Each plate of one page: 0 no ink .. 255 full ink (tiffsep writes it the other way round)."""
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep", f"-r{RES}", f"-dFirstPage={page}",
                    f"-dLastPage={page}", "-o", str(tmp_path / "sep%d.tif"), str(pdf)], check=True)
    plates = {}
    for name in PLATES:
        with Image.open(tmp_path / f"sep1({name}).tif") as plate:
            plates[name] = plate.point(lambda v: 255 - v)
    return plates


def ink_at(plates: dict[str, Image.Image], x: float, y: float) -> tuple[float, ...]:
    """Ink of each plate, 0..1, at (x, y) points from the page's top left."""
    return tuple(plates[name].getpixel((round(x * RES / 72), round(y * RES / 72))) / 255 for name in PLATES)


def pixels_of(image: Image.Image) -> list[tuple[int, ...]]:
    """The pixels of a one-row image, left to right."""
    return [image.getpixel((x, 0)) for x in range(image.width)]


def logo_png(path: Path) -> Path:
    """A 600 x 300 px logo: a black square and a brand-purple disc on transparency."""
    logo = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(logo)
    draw.rectangle((20, 20, 280, 280), fill=(0, 0, 0, 255))
    draw.ellipse((320, 20, 580, 280), fill=(*PURPLE, 255))
    logo.save(path)
    return path


def test_logo_plates_black_on_k_only_purple_as_the_palette_and_no_box(tmp_path):
    """The logo (2 in wide) on the tri-fold's back panel (tint field C6 M10):
    its black on K alone, its purple the palette's accent, and its transparent
    corners exactly the field on every plate, as is the field beside it. (The
    publisher's own brand: its logo heads the back; a partner's sits on its card.)"""
    from pamphlet.pipeline import BuildOptions, build

    logo_png(tmp_path / "logo.png")
    source = (ROOT / "brands" / "default.yaml").read_text()
    (tmp_path / "partner.yaml").write_text("name: Butterfly\nlogo: {file: logo.png, width: 2in}\n"
                                            + source.split("name: Butterfly\n")[1])
    options = BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",), profiles=("commercial-x1a",),
                           out_dir=tmp_path / "out", brands=(str(tmp_path / "partner.yaml"),))
    (result,) = build(options)
    plates = separations(result.path, 1, tmp_path)

    palette = load_brand(str(tmp_path / "partner.yaml")).palette
    back = load_layout("trifold-letter").trifold_pages()[5]
    marks = 36.0  # media around the trim for marks
    left = marks + 3.625 * 72 + back.frame.x  # outside side: [flap, back, cover]
    top = marks + back.frame.y

    def logo(px: float, py: float) -> tuple[float, ...]:  # a point of the logo, in its pixels
        return ink_at(plates, left + px * 144 / 600, top + py * 72 / 300)

    assert logo(150, 150) == pytest.approx((0, 0, 0, 1), abs=0.01)  # black: K only
    assert logo(450, 150) == pytest.approx(palette["accent"].cmyk, abs=0.01)  # the vector purple
    field = palette["tint"].cmyk
    for corner in ((5, 5), (595, 5), (300, 150), (5, 295), (595, 295)):
        assert logo(*corner) == pytest.approx(field, abs=0.01), corner
    assert ink_at(plates, left - 6, top + 36) == pytest.approx(field, abs=0.01)  # beside the logo


def test_black_and_greys_go_on_k_alone():
    image = Image.new("RGB", (256, 1))
    image.putdata([(v, v, v) for v in range(256)])
    cmyk = image_for_output(image, "cmyk", load_brand().palette["paper"])
    pixels = pixels_of(cmyk)
    assert all(c == m == y == 0 for c, m, y, _ in pixels)
    ks = [k for *_, k in pixels]
    assert ks[0] == 255 and ks[255] == 0  # black is 100% K, white no ink
    assert all(a >= b for a, b in zip(ks, ks[1:]))  # lighter grey, less K
    assert 90 < ks[128] < 170  # a mid grey is a mid K, not a ramp's end
    assert grey_to_k(default_output_profile()) == tuple(ks)


def test_colours_go_through_the_profile_within_its_ink_limit():
    """Colours not in the palette are converted by littleCMS with the output
    profile (ISO Coated v2 300%), so no pixel carries more than 300% ink."""
    colours = [(255, 0, 0), (0, 0, 255), (0, 80, 0), (20, 10, 0), (91, 42, 133)]
    image = Image.new("RGB", (len(colours), 1))
    image.putdata(colours)
    pixels = pixels_of(image_for_output(image, "cmyk", load_brand().palette["paper"]))
    assert all(sum(p) <= 3 * 255 + 4 for p in pixels), pixels
    red, blue = pixels[0], pixels[1]
    assert red[1] > 200 and red[2] > 200 and red[0] < 30  # red: magenta and yellow
    assert blue[0] > 200 and blue[1] > 150 and blue[2] < 30  # blue: cyan and magenta


def test_transparency_is_flattened_on_the_exact_field_and_palette_colours_match():
    palette = load_brand().palette
    image = Image.new("RGBA", (4, 1))
    image.putdata([(0, 0, 0, 0), (255, 255, 255, 0), (*PURPLE, 255), (*PURPLE, 128)])
    pixels = pixels_of(image_for_output(image, "cmyk", palette["tint"], palette=tuple(palette.values())))
    tint = tuple(round(255 * v) for v in palette["tint"].cmyk)
    accent = tuple(round(255 * v) for v in palette["accent"].cmyk)
    assert pixels[0] == pixels[1] == tint
    assert pixels[2] == accent
    assert pixels[3] == pytest.approx(tuple((a + t) / 2 for a, t in zip(accent, tint)), abs=1.5)  # half over the field
    rgb = pixels_of(image_for_output(image, "rgb", palette["tint"]))
    assert rgb[0] == rgb[1] == tuple(round(255 * v) for v in palette["tint"].rgb) and rgb[2] == PURPLE


def test_a_photo_keeps_the_profile_black_and_cmyk_images_pass_through():
    image = Image.new("RGB", (1, 1), (0, 0, 0))
    c, m, y, k = image_for_output(image, "cmyk", load_brand().palette["paper"], photo=True).getpixel((0, 0))
    assert c > 100 and k > 200 and c + m + y + k <= 3 * 255 + 4  # the profile's rich black, within 300%
    separated = Image.new("CMYK", (1, 1), (10, 20, 30, 40))
    assert image_for_output(separated, "cmyk", load_brand().palette["paper"]).getpixel((0, 0)) == (10, 20, 30, 40)


def word_boxes(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, x0, y0, x1, y1) in points from the page's top left, by poppler."""
    import re

    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, html)]


def plates_inked(plates: dict[str, Image.Image], box: tuple[float, float, float, float]) -> list[str]:
    """The plates that put ink into a word: darker than the ground the word
    sits on (the commonest value in its box) somewhere in it. Type reversed
    out of a field takes ink away, and counts on no plate."""
    x0, y0, x1, y1 = (round(v * RES / 72) for v in box)
    inked = []
    for name, plate in plates.items():
        crop = plate.crop((x0, y0, x1, y1))
        histogram = crop.histogram()
        ground = max(range(256), key=histogram.__getitem__)
        if crop.getextrema()[1] > ground + 4:
            inked.append(name)
    return inked


@pytest.mark.parametrize("lang, layout", [("en", "trifold-letter"), ("th", "trifold-a4"), ("en", "booklet-letter"),
                                          ("ja", "booklet-a4")])
def test_small_text_prints_on_one_plate(build, tmp_path, lang, layout):
    """Every word under 12 pt (its box under about 16 pt tall) of a
    commercial PDF inks one plate at most, read from the separations."""
    result = build(lang, layout, "commercial")
    pages = (1, 2) if layout.startswith("trifold") else (2, 3, 4)
    checked = 0
    for page in pages:
        plates = separations(result.path, page, tmp_path)
        for word, *box in word_boxes(result.path, page):
            if box[3] - box[1] >= 16:  # the box is about 1.36 times the type size
                continue
            inset = (box[0] + 0.5, box[1] + 0.5, box[2] - 0.5, box[3] - 0.5)
            assert len(plates_inked(plates, inset)) <= 1, (page, word, plates_inked(plates, inset))
            checked += 1
    assert checked > 50


def test_a_brand_small_text_colour_must_be_one_plate(tmp_path):
    from pamphlet.errors import PamphletError

    source = (ROOT / "brands" / "default.yaml").read_text()
    (tmp_path / "rich.yaml").write_text(source.replace("small_text: [0, 0, 0, 0.65]", "small_text: [0.1, 0, 0, 0.65]"))
    with pytest.raises(PamphletError) as error:
        load_brand(str(tmp_path / "rich.yaml"))
    assert "small_text of 'muted' uses 2 plates; expected one plate: 100% K for dark text, or one process colour" in str(error.value)


def test_text_colour_roles():
    palette = load_brand().palette
    assert palette["ink"].text_cmyk(9.5) == (0, 0, 0, 1)  # body text: 100% K
    assert palette["ink"].text_cmyk(24) == palette["ink"].cmyk  # large type may be rich
    assert palette["muted"].text_cmyk(8) == (0, 0, 0, 0.65)
    warm = palette["warm"]  # two plates and no small_text: a black of its darkness
    assert warm.text_cmyk(8)[:3] == (0, 0, 0) and 0.3 < warm.text_cmyk(8)[3] < 0.7
