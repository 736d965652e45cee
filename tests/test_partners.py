"""Co-branded editions: a partner's name, logo, contact block and QR code;
locked text; the composed back page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from pamphlet.check.preflight import failures, preflight
from pamphlet.errors import PamphletError
from pamphlet.pipeline import BuildOptions, build, build_item, BuildItem
from pamphlet.profiles import load_profile

from .conftest import DOC, LANGS, LAYOUTS, ROOT, poppler_text, squash
from .test_cli import run
from .test_content import GOOD_SOURCE, write_doc
from .readers import placed_pages

PARTNER = "example-partner"
URL = "https://example.org/local-support"
CM = 72 / 2.54


@pytest.fixture(scope="module")
def partner_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("partner")

    @cache
    def _build(lang: str, layout: str, profile: str = "home", brand: str = PARTNER):
        options = BuildOptions(doc=DOC, langs=(lang,), layouts=(layout,), profiles=(profile,), brands=(brand,),
                               out_dir=out / profile)
        return build_item(options, BuildItem(brand, lang, layout, profile))

    return _build


def decode_qr(path, page: int = 0, dpi: int = 150):
    import zxingcpp

    from pamphlet.preview import page_images

    image = page_images(path, dpi=dpi, pages=[page])[0]
    return image, [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", LANGS)
def test_partner_edition_builds_with_both_credits_and_the_local_contact(partner_build, lang, layout):
    result = partner_build(lang, layout)
    assert result.path.name == f"understanding-migrant-sex-workers-{PARTNER}-{lang}-{layout}-home.pdf"
    text = squash(poppler_text(result.path))
    # The publisher's credit stays; the partner's name, credit and contact are added.
    assert "Butterfly" in text and "ExamplePartner" in text
    assert "+1-555-0100" in text and "hello@example.org" in text and "12ExampleStreet,Springfield" in text
    if lang == "zh-Hans":  # the contact block's second language
        assert "本地支持" in text and "开放时间：周一至周五上午10点至下午6点" in text and "由ExamplePartner与您分享" in text
    else:  # every other language falls back to the default
        assert "Localsupport" in text and "Hours:Mon–Fri10am–6pm" in text and "SharedwithyoubyExamplePartner" in text
    assert "example.org/local-support" in text  # the QR code's address, printed for those who type it
    assert not [w for w in result.warnings if "broken between letters" in w]


@pytest.mark.parametrize("lang, layout, profile", [
    ("en", "trifold-letter", "home"), ("th", "booklet-a4", "home"),
    ("zh-Hans", "trifold-a4", "commercial"), ("ja", "booklet-letter", "commercial-x1a"),
])
def test_qr_code_decodes_to_its_url_at_print_size(partner_build, lang, layout, profile):
    result = partner_build(lang, layout, profile)
    # Page 1: the outside of the tri-fold; the sheet with the back cover, or the back cover itself.
    page = len(PdfReader(result.path).pages) - 1 if profile != "home" and "booklet" in layout else 0
    dpi = 150
    _, codes = decode_qr(result.path, page, dpi)
    assert [c.text for c in codes] == [URL]
    corner = codes[0].position
    width_pt = (corner.top_right.x - corner.top_left.x) / dpi * 72
    assert width_pt >= 2 * CM - 1.0  # the symbol itself, quiet zone not counted
    if profile != "home":
        assert not failures(preflight(result.path.read_bytes(), load_profile(profile)))


def test_qr_code_is_vector_in_the_text_colour(partner_build):
    from pamphlet.partner.brand import load_brand

    result = partner_build("en", "trifold-letter")
    reader = PdfReader(result.path)
    sizes = set()

    def images(resources):
        for obj in (resources or {}).get("/XObject", {}).values():
            obj = obj.get_object()
            if obj["/Subtype"] == "/Image":
                sizes.add((obj["/Width"], obj["/Height"]))
            elif obj["/Subtype"] == "/Form":
                images(obj.get("/Resources"))

    for page in reader.pages:
        images(page.get("/Resources"))
    assert sizes == {(720, 720)}  # the logo is the only bitmap

    image, codes = decode_qr(result.path, 0, 150)
    box = [(p.x, p.y) for p in (codes[0].position.top_left, codes[0].position.bottom_right)]
    region = image.crop((box[0][0], box[0][1], box[1][0], box[1][1]))
    darkest = min((colour for _, colour in region.convert("RGB").getcolors(1 << 20)), key=sum)
    ink = tuple(round(v * 255) for v in load_brand(PARTNER).palette["ink"].rgb)
    assert all(abs(a - b) <= 6 for a, b in zip(darkest, ink)), (darkest, ink)


def test_commercial_partner_edition_is_cmyk_only(partner_build):
    result = partner_build("en", "booklet-letter", "commercial")
    data = result.path.read_bytes()
    assert not failures(preflight(data, load_profile("commercial")))
    reader = PdfReader(result.path)
    spaces = set()
    for page in reader.pages:
        for placed in placed_pages(page):
            for inner in placed.resources.get_object().get("/XObject", {}).values():
                inner = inner.get_object()
                if inner["/Subtype"] == "/Image":
                    spaces.add(str(inner["/ColorSpace"]))
    assert spaces and all("RGB" not in s for s in spaces), spaces


def test_back_page_is_composed_mission_card_contact(partner_build):
    """Head at the top of the frame, the contact blocks at its foot, the card between."""
    from pamphlet.content.load import load_document
    from pamphlet.languages import language
    from pamphlet.partner.brand import load_brand
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.layout.typeset import Fill, QRCode, TextLine
    from pamphlet.partner.edition import co_brand
    from pamphlet.text.fontlibrary import library_with

    for lang, layout in (("en", "trifold-letter"), ("th", "booklet-a4"), ("ko", "trifold-a4")):
        brand = load_brand(PARTNER)
        document, slot = co_brand(load_document(DOC, lang), brand)
        composition = compose(document, load_layout(layout), language(lang), library_with(brand.fonts), None, slot)
        back = next(p for p in composition.pages if p.page.slot == "back")
        frame = back.page.frame
        lines = [i for i in back.items if isinstance(i, TextLine)]
        card = next(i for i in back.items if isinstance(i, Fill) and i.colour == "paper")
        (code,) = [i for i in back.items if isinstance(i, QRCode)]
        above = [t for t in lines if t.baseline < card.y]
        below = [t for t in lines if t.baseline > card.y + card.h]
        assert above and below and card.y > frame.y and card.y + card.h < frame.y + frame.h
        assert min(t.baseline for t in above) < frame.y + 3 * composition.body_size  # the mission starts at the top
        last = max(below, key=lambda t: t.baseline)
        assert frame.y + frame.h - last.baseline < 1.5 * composition.body_size  # the contact ends at the foot
        assert card.y < code.y and code.y + code.box <= card.y + card.h  # the QR code and its quiet zone on the card
        assert code.module * len(code.rows) >= 2 * CM
        assert back.fill > 0.6


# -- what a brand may and may not change -------------------------------------------------

def partner_file(tmp_path, extra: str, name: str = "partner") -> str:
    """The default brand under a partner's name, plus ``extra``."""
    source = (ROOT / "brands" / "default.yaml").read_text().replace("name: Butterfly", "name: Local Group")
    path = tmp_path / f"{name}.yaml"
    path.write_text(source + extra)
    return str(path)


def problems_of(options) -> list[str]:
    with pytest.raises(PamphletError) as info:
        build(options)
    return [str(p) for p in info.value.problems]


def test_brand_touching_locked_text_is_refused_at_its_line(tmp_path):
    brand = partner_file(tmp_path, "replace:\n  who-intro:\n    text: Our own words\n")
    result = run("build", "--brand", brand, "--lang", "en", "--layout", "trifold-letter", "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    line = len(Path(brand).read_text().splitlines()) - 1
    assert (f"{brand}:{line}: block 'who-intro' is locked; expected one of the blocks en.yaml lets partners "
            f"replace: donations (") in result.stderr
    assert "en.yaml:" in result.stderr and "nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_brand_keys_are_refused(tmp_path):
    brand = partner_file(tmp_path, "organisation: Not Butterfly\nblocks: {cover: {text: x}}\n")
    found = problems_of(BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",), brands=(brand,),
                                     out_dir=tmp_path / "out"))
    assert len(found) == 2
    assert all("unknown key" in p and "expected one of: name, palette" in p for p in found)
    assert found[0].startswith(f"{brand}:") and "'organisation'" in found[0]


def test_additions_need_a_slot_the_document_opens(tmp_path):
    folder = write_doc(tmp_path, GOOD_SOURCE + "partners: {add: [back]}\n")
    brand = partner_file(tmp_path, "credit: Ours\ncontact: {lines: [{label: Phone, value: '1'}]}\n")
    found = problems_of(BuildOptions(doc=folder, langs=("en",), layouts=("trifold-letter",), brands=(brand,),
                                     out_dir=tmp_path / "out"))
    assert len(found) == 1
    assert "'credit' adds to the cover, which en.yaml keeps locked; expected additions only where the document lets " \
           "partners add: back (" in found[0]
    (tmp_path / "locked").mkdir()
    locked = write_doc(tmp_path / "locked", GOOD_SOURCE)
    found = problems_of(BuildOptions(doc=locked, langs=("en",), layouts=("trifold-letter",), brands=(brand,),
                                     out_dir=tmp_path / "out"))
    assert len(found) == 2 and all("nothing (the document has no 'partners:' section)" in p for p in found)


def test_replacing_an_allowed_block(tmp_path, partner_build):
    brand = partner_file(tmp_path, """\
replace:
  donations:
    heading: {default: "Give locally:", th: "บริจาคในท้องถิ่น:"}
    lines:
      - {label: "Online:", value: "https://local.example/give"}
""")
    for lang in ("en", "th"):
        result = partner_build(lang, "trifold-letter", "home", brand)
        text = poppler_text(result.path)
        assert "https://local.example/give" in text and "butterflysw.org/donate" not in text
        assert ("บริจาคในท้องถิ่น:" if lang == "th" else "Give locally:") in text
        assert "butterflysw.org" in text and "+1-416-906-3098" in text  # the network's contact stays


def test_replacement_keys_must_match_the_block(tmp_path):
    brand = partner_file(tmp_path, "replace:\n  donations:\n    text: Give\n")
    found = problems_of(BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",), brands=(brand,),
                                     out_dir=tmp_path / "out"))
    assert [p.split(": ", 1)[1] for p in found] == [
        "replace 'donations' has no 'lines'; expected 'lines' for a contact block",
        "replace 'donations' has 'text'; expected the keys of a contact block: heading, lines"]


@pytest.mark.parametrize("extra, message", [
    ("qr: {url: 'example.org'}\n", "qr url 'example.org' is not a URL; expected a full address such as https://example.org/page"),
    ("qr: {url: 'https://x.org', size: 1.5cm}\n", "qr size 1.5cm is under 2 cm; expected at least 2cm, so phones read it from paper"),
    ("qr: {url: 'https://x.org/" + "a" * 600 + "', size: 2cm}\n", "at 2.0 cm each is under 0.5 mm"),
    ("contact: {lines: [{label: {fr: Téléphone}, value: '1'}]}\n", "contact line 1 label has no 'default' value"),
    ("contact: {lines: [{label: {default: Phone, xx: P}, value: '1'}]}\n", "contact line 1 label has a value for 'xx'"),
    ("contact: {heading: Help}\n", "contact has no lines"),
    ("credit: {default: '**Open'}\n", "credit (default): "),
    ("mark: {file: nowhere.svg, width: 1in, alt: Ours}\n", "mark file 'nowhere.svg' does not exist"),
    ("mark: {file: ../x.svg, width: 1in, alt: Ours}\n", "mark file '../x.svg' goes up out of its folder"),
    ("mark: {file: x.svg, width: 1in}\n", "mark has no 'alt'; expected mark: {file: ART, width: LENGTH, alt: TEXT}"),
    ("mark: {file: x.gif, width: 1in, alt: Ours}\n", "mark file 'x.gif' is not PNG, JPEG, SVG or PDF"),
])
def test_bad_partner_parts_are_located(tmp_path, extra, message):
    from pamphlet.partner.brand import load_brand

    brand = partner_file(tmp_path, extra)
    with pytest.raises(PamphletError) as info:
        load_brand(brand)
    (problem,) = info.value.problems
    assert str(problem.where).startswith(brand + ":") and problem.where.line > 1
    assert message in str(problem)


def test_document_qr_must_be_a_url(tmp_path):
    from .test_content import problems

    source = GOOD_SOURCE.replace("title: Demo}", "title: Demo, qr: example.org}")
    assert problems(write_doc(tmp_path, source)) == [
        "en.yaml:1: qr 'example.org' is not a URL; expected a full address such as https://example.org"]


@pytest.mark.parametrize("section, message", [
    ("partners: {add: [inside]}\n", "en.yaml:9: partners add names 'inside'; expected one of: cover, back"),
    ("partners: {replace: [nowhere]}\n", "en.yaml:9: partners replace names 'nowhere'; expected a block id from 'blocks'"),
    ("partners: {add: [back], keep: []}\n", "en.yaml:9: unknown key 'keep' in 'partners'; expected add or replace"),
])
def test_document_policy_is_checked(tmp_path, section, message):
    from .test_content import problems

    assert problems(write_doc(tmp_path, GOOD_SOURCE + section)) == [message]


def test_values_fall_back_to_the_default(tmp_path):
    from pamphlet.languages import language
    from pamphlet.partner.brand import load_brand

    brand = load_brand(PARTNER)
    heading = brand.partner.contact.heading
    assert heading.text(language("zh-Hans")).plain == "本地支持"
    assert heading.text(language("fr")).plain == "Local support"
    phone = brand.partner.contact.lines[2][1]
    assert {phone.text(language(code)).plain for code in LANGS} == {"+1-555-0100"}


def test_example_partner_logo_is_sharp_at_its_printed_size():
    from pamphlet.check.preflight import WARN_PPI
    from pamphlet.partner.brand import load_brand

    logo = load_brand(PARTNER).logo
    assert logo.ppi >= WARN_PPI


def test_a_logo_may_be_vector_art_as_a_cover_mark_may(tmp_path):
    """An SVG logo is read (its shape, no resolution to warn about) and drawn
    on the back as vector art, as the cover mark is."""
    import shutil

    from pamphlet.partner.brand import load_brand

    art = ROOT / "tests/fixtures/docs/short-pamphlet/art/marigold-mark.svg"
    shutil.copy(art, tmp_path / "mark.svg")
    brand_file = tmp_path / "ours.yaml"
    brand_file.write_text((ROOT / "brands/default.yaml").read_text(encoding="utf-8").split("logo:")[0]
                          + "logo: {file: mark.svg, width: 0.9in}\n", encoding="utf-8")
    logo = load_brand(str(brand_file)).logo
    assert logo.path.suffix == ".svg" and logo.pixels is None and logo.ppi is None
    assert logo.width == pytest.approx(0.9 * 72) and logo.height > 0
    result = run("build", "--brand", str(brand_file), "--layout", "trifold-letter", "--out", str(tmp_path / "out"),
                 "--json", "--quiet", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    import subprocess

    pdf = next((tmp_path / "out").glob("*.pdf"))
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(listed.strip().splitlines()) == 2, listed  # the header only: every picture, the logo too, is vector


def test_the_networks_own_edition_carries_its_qr_code_alone(partner_build):
    """No partner: the publisher's QR code (en.yaml) sits centred between the
    mission and the contact, without a card, and reads back."""
    from pamphlet.content.load import load_document

    assert load_document(DOC, "ko").site_qr.url == "https://www.butterflysw.org"
    for lang, layout in (("en", "trifold-letter"), ("zh-Hant", "booklet-letter")):
        result = partner_build(lang, layout, "home", "default")
        assert result.path.name == f"understanding-migrant-sex-workers-{lang}-{layout}-home.pdf"
        _, codes = decode_qr(result.path)
        assert [c.text for c in codes] == ["https://www.butterflysw.org"]
        assert "ExamplePartner" not in squash(poppler_text(result.path))


def test_a_code_alone_stands_with_the_contact_block_and_says_what_it_is():
    """The publisher's own code, where no partner's card is: flush left just
    above the contact block it belongs with, a caption in the edition's
    language beside it (not floating alone in the middle of the page)."""
    from pamphlet.content.load import load_document
    from pamphlet.languages import language
    from pamphlet.partner.brand import load_brand
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.languages import printed_words
    from pamphlet.layout.typeset import Fill, QRCode, TextLine
    from pamphlet.partner.edition import co_brand
    from pamphlet.text.fontlibrary import library_with

    brand = load_brand("default")
    document, slot = co_brand(load_document(DOC, "th"), brand)
    assert slot.name is None and slot.contact is None and slot.qr.spec.url == "https://www.butterflysw.org"
    _, partner = co_brand(load_document(DOC, "th"), load_brand(PARTNER))
    assert partner.qr.spec.url == URL  # a partner's card takes the place of the publisher's code
    composition = compose(document, load_layout("booklet-a4"), language("th"), library_with(), None, slot)
    back = next(p for p in composition.pages if p.page.slot == "back")
    frame = back.page.frame
    assert not [i for i in back.items if isinstance(i, Fill) and i.colour == "paper"]
    (code,) = [i for i in back.items if isinstance(i, QRCode)]
    assert code.x == pytest.approx(frame.x)
    lines = [i for i in back.items if isinstance(i, TextLine)]
    contact = min(i.baseline for i in lines if document.block("contact").lines[0].label.plain in i.shaped.text)
    assert code.y + code.box < contact and contact - (code.y + code.box) < 3 * 11 * 1.6
    (caption,) = [i for i in lines if i.shaped.text == printed_words("th")["scan"]]
    assert caption.x > code.x + code.box and code.y < caption.baseline < code.y + code.box


def _text_over_a_code(back) -> list[str]:
    """The back's text lines whose em box meets a QR code's (quiet zone
    included): words the code would hide."""
    from pamphlet.layout.typeset import QRCode, TextLine

    codes = [i for i in back.items if isinstance(i, QRCode)]
    found = []
    for line in (i for i in back.items if isinstance(i, TextLine)):
        left, right = line.x, line.x + line.line.width * line.size
        top, bottom = line.baseline - 0.8 * line.size, line.baseline + 0.25 * line.size
        if any(left < c.x + c.box and c.x < right and top < c.y + c.box and c.y < bottom for c in codes):
            found.append(line.shaped.text[line.line.start:line.line.end])
    return found


@pytest.mark.parametrize("layout", LAYOUTS + ("screen",))
@pytest.mark.parametrize("lang", LANGS + ("ar", "ur"))
@pytest.mark.parametrize("brand", [PARTNER, "default"])
def test_no_words_run_under_a_qr_code(brand, lang, layout):
    """A caption or address beside a code keeps to its column: an address
    with no break in it, wider than the column, goes under the code (the
    partner's 'example.org/local-support' had run under its code's white
    quiet zone, hidden, left to right and right to left)."""
    from pamphlet.content.load import load_document
    from pamphlet.languages import language
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.partner.brand import load_brand
    from pamphlet.partner.edition import co_brand
    from pamphlet.text.fontlibrary import library_with

    chosen = load_brand(brand)
    document, slot = co_brand(load_document(DOC, lang), chosen)
    composition = compose(document, load_layout(layout), language(lang), library_with(chosen.fonts, document.fonts),
                          None, slot)
    back = next(p for p in composition.pages if p.page.slot == "back")
    assert _text_over_a_code(back) == []


# -- the partner's mark on the cover ------------------------------------------------------

AMBER = (0xF2, 0xA9, 0x00)  # the example partner's mark: its warm disc


def _cover(document, brand, layout: str, lang: str = "en"):
    from pamphlet.languages import language
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.partner.edition import co_brand
    from pamphlet.text.fontlibrary import library_with

    document, slot = co_brand(document, brand)
    composition = compose(document, load_layout(layout), language(lang), library_with(brand.fonts, document.fonts), None, slot)
    return next(p for p in composition.pages if p.page.slot == "cover")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_partner_mark_stands_beside_the_documents_mark(partner_build, layout):
    """Every layout: the partner's mark right of Butterfly's, centred on it,
    inside the frame, above the title; drawn as vector paths where the
    composition put it, with its alt text; no image XObject but the logo."""
    from pamphlet.content.load import load_document
    from pamphlet.partner.brand import load_brand
    from pamphlet.layout.typeset import Picture, TextLine
    from pamphlet.preview import page_images

    from .test_images import _all_xobjects, _alts

    cover = _cover(load_document(DOC, "en"), load_brand(PARTNER), layout)
    frame = cover.page.frame
    pictures = {i.path.name: i for i in cover.items if isinstance(i, Picture)}
    assert set(pictures) == {"butterfly-mark.svg", "mark.svg"}
    ours, theirs = pictures["butterfly-mark.svg"], pictures["mark.svg"]
    assert theirs.x > ours.x + ours.w and theirs.x + theirs.w <= frame.x + frame.w + 0.01
    assert theirs.y + theirs.h / 2 == pytest.approx(ours.y + ours.h / 2)
    assert min(ours.y, theirs.y) == pytest.approx(frame.y)
    assert theirs.w == pytest.approx(0.75 * 72)  # the width the brand file asks for: there is room
    title = min(i.baseline for i in cover.items if isinstance(i, TextLine))
    assert title > max(ours.y + ours.h, theirs.y + theirs.h)

    result = partner_build("en", layout)
    assert "The Example Partner mark: a house with a heart over an open door, on an amber disc" in _alts(result.path)
    assert any(a.startswith("The Butterfly mark") for a in _alts(result.path))
    images = [x for kind, x in _all_xobjects(result.path) if kind == "/Image"]
    assert [(int(x["/Width"]), int(x["/Height"])) for x in images] == [(720, 720)]  # the logo; the SVG is paths
    box = result.cover
    assert box.rotate == 0
    dpi = 72
    page = page_images(result.path, dpi=dpi, pages=[box.page])[0]
    top = page.height - (box.y + box.height)  # the cover's top edge, in pixels from the top (72 dpi: 1 px = 1 pt)
    def amber(x0, y0, w, h) -> float:
        region = page.crop((round(box.x + x0), round(top + y0), round(box.x + x0 + w), round(top + y0 + h)))
        near = sum(n for n, c in region.getcolors(1 << 16) if all(abs(a - b) <= 12 for a, b in zip(c, AMBER)))
        return near / (region.width * region.height)
    assert amber(theirs.x, theirs.y, theirs.w, theirs.h) > 0.3  # the disc is drawn where the mark was placed
    assert amber(ours.x, ours.y, ours.w, ours.h) < 0.05


@pytest.mark.parametrize("layout", ["trifold-letter", "booklet-letter"])
def test_partner_mark_is_cmyk_for_a_print_shop(partner_build, layout):
    import re

    from .test_images import _alts, _contents

    result = partner_build("en", layout, "commercial")
    assert not failures(preflight(result.path.read_bytes(), load_profile("commercial")))
    content = _contents(result.path)
    assert not re.search(rb"[\d.]+ [\d.]+ [\d.]+ (rg|RG)\b", content), "an RGB colour was left in a CMYK file"
    assert any(a.startswith("The Example Partner mark") for a in _alts(result.path))


MARK_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#F2A900"/></svg>'
MARK_DOC = GOOD_SOURCE.replace("cover: [cover], flow: [intro]", "cover: [logo, cover], flow: [intro]") \
    + "  - {id: logo, type: image, file: art/logo.svg, width: 0.8in, alt: Our mark}\n"


def _mark_doc(tmp_path, policy: str) -> Path:
    folder = write_doc(tmp_path, MARK_DOC + policy)
    (folder / "art").mkdir()
    (folder / "art" / "logo.svg").write_text(MARK_SVG)
    return folder


def _mark_brand(tmp_path, file: str = "ours/mark.svg", width: str = "1in") -> str:
    (tmp_path / "ours").mkdir(exist_ok=True)
    (tmp_path / "ours" / "mark.svg").write_text(MARK_SVG)
    return partner_file(tmp_path, f"mark:\n  file: {file}\n  width: {width}\n  alt: {{default: Their mark, fr: Leur marque}}\n")


def test_a_mark_where_the_document_keeps_the_cover_locked_is_refused_at_its_line(tmp_path):
    folder = _mark_doc(tmp_path, "partners: {add: [back]}\n")
    brand = _mark_brand(tmp_path)
    result = run("build", "--doc", str(folder), "--brand", brand, "--lang", "en", "--layout", "trifold-letter",
                 "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    line = Path(brand).read_text().splitlines().index("mark:") + 1
    assert (f"{brand}:{line}: 'mark' adds to the cover, which en.yaml keeps locked; expected additions only where "
            "the document lets partners add: back (") in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_mark_takes_the_place_of_a_mark_the_document_lets_partners_replace(tmp_path):
    from pamphlet.content.load import load_document
    from pamphlet.partner.brand import load_brand
    from pamphlet.layout.typeset import Picture
    from pamphlet.partner.edition import co_brand

    brand = load_brand(_mark_brand(tmp_path))
    (tmp_path / "swap").mkdir()
    swap = load_document(_mark_doc(tmp_path / "swap", "partners: {replace: [logo]}\n"), "en")
    cover = _cover(swap, brand, "trifold-a4")
    (picture,) = [i for i in cover.items if isinstance(i, Picture)]
    assert picture.path == tmp_path / "ours" / "mark.svg" and picture.alt == "Their mark"
    assert picture.y == pytest.approx(cover.page.frame.y) and picture.w == pytest.approx(72)  # where the mark was
    document, _ = co_brand(swap, brand)
    assert document.editions["trifold"].cover == ("partner-mark", "cover")
    # The alt text is in the edition's language.
    document, _ = co_brand(load_document(DOC, "zh-Hans"), load_brand(PARTNER))
    assert document.block("partner-mark").alt.plain.startswith("Example Partner 的标志")
    assert document.editions["booklet"].cover == ("mark", "partner-mark", "cover")
    (tmp_path / "add").mkdir()
    beside = load_document(_mark_doc(tmp_path / "add", "partners: {add: [cover]}\n"), "en")
    names = sorted(i.path.name for i in _cover(beside, brand, "trifold-letter").items if isinstance(i, Picture))
    assert names == ["logo.svg", "mark.svg"]
    # A mark wider than the room beside the document's is narrowed to it, never past the frame.
    wide = load_brand(_mark_brand(tmp_path / "add", width="4in"))
    cover = _cover(beside, wide, "trifold-letter")
    theirs = next(i for i in cover.items if isinstance(i, Picture) and i.path.name == "mark.svg")
    assert theirs.w < 4 * 72 and theirs.x + theirs.w == pytest.approx(cover.page.frame.x + cover.page.frame.w)
    assert theirs.h == pytest.approx(theirs.w / 2)
    # The booklet's cover has no mark of the document's: the partner's stands alone in its place.
    (alone,) = [i for i in _cover(beside, brand, "booklet-a4").items if isinstance(i, Picture)]
    assert alone.path.name == "mark.svg" and alone.x == pytest.approx(_cover(beside, brand, "booklet-a4").page.frame.x)


def test_a_coarse_bitmap_mark_is_refused_for_a_print_shop_at_its_line(tmp_path):
    from PIL import Image

    folder = _mark_doc(tmp_path, "partners: {add: [cover]}\n")
    brand = _mark_brand(tmp_path, file="ours/mark.png", width="2in")
    Image.new("RGB", (200, 100), AMBER).save(tmp_path / "ours" / "mark.png")
    found = problems_of(BuildOptions(doc=folder, langs=("en",), layouts=("trifold-letter",), profiles=("commercial",),
                                     brands=(brand,), out_dir=tmp_path / "out"))
    line = Path(brand).read_text().splitlines().index("  file: ours/mark.png") + 1
    assert len(found) == 1 and found[0].startswith(f"{brand}:{line}: image 'partner-mark' (mark.png, 200 x 100 px")
    assert "expected at least 150 ppi for 'commercial'" in found[0]
