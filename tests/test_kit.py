"""The print kit: built folder, static page, and the page as headless
Chromium shows it, opened from disk and from a web host."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from PIL import Image

from pamphlet.kit.make import KitOptions, make_kit
from pamphlet.partner.brand import load_brand

from .browser import chromium, serve, visit
from .conftest import DOC
from .test_cli import run

BRANDS = ("example-partner", "default")
LANGS = ("en", "th")
LAYOUTS = ("trifold-letter", "booklet-a4")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("kit")
    made = make_kit(KitOptions(doc=DOC, langs=LANGS, layouts=LAYOUTS, brands=BRANDS, out_dir=out))
    return out, made


@pytest.fixture(scope="module")
def browser():
    with chromium() as context:
        yield context


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src"):
                self.refs.append((tag, name, value))


def refs_of(index: Path) -> _Refs:
    parser = _Refs()
    parser.feed(index.read_text(encoding="utf-8"))
    return parser


def test_kit_folder_holds_every_pdf_thumbnail_and_font(kit):
    out, made = kit
    pdfs = sorted(p.name for p in (out / "pdf").iterdir())
    assert len(pdfs) == len(BRANDS) * len(LANGS) * (len(LAYOUTS) * 2 + 1)  # home and shop, and the screen edition
    assert sum(name.endswith("-screen.pdf") for name in pdfs) == len(BRANDS) * len(LANGS)
    assert len(made.languages) == len(BRANDS) * len(LANGS)
    refs = refs_of(out / "index.html")
    linked = sorted(Path(unquote(v)).name for tag, _, v in refs.refs if tag == "a" and v.startswith("pdf/"))
    assert linked == pdfs  # every PDF linked, once
    for entry in made.languages:
        with Image.open(out / entry.thumbnail) as thumb:
            assert thumb.format == "PNG" and thumb.size == entry.thumbnail_size and thumb.width == 320
    assert (out / "fonts" / "thai.ttf").is_file()


def test_kit_page_is_static_and_self_contained(kit):
    out, _ = kit
    refs = refs_of(out / "index.html")
    assert "script" not in refs.tags and "iframe" not in refs.tags
    for tag, name, value in refs.refs:
        if value.startswith("#") or value == "data:,":
            continue
        parsed = urlparse(value)
        assert not parsed.scheme and not parsed.netloc and not value.startswith("/"), (tag, value)
        assert (out / unquote(parsed.path)).is_file(), value
    css_urls = [line for line in (out / "index.html").read_text().splitlines() if "url(" in line]
    assert css_urls and all('url("fonts/' in line for line in css_urls)


def test_kit_says_how_to_print_and_warns_of_drafts(kit):
    out, made = kit
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count("Draft translation:") == len(BRANDS)  # th in each brand; English is the source
    assert "ไทย" in page and "ทำความเข้าใจพนักงานบริการทางเพศที่เป็นแรงงานข้ามชาติ" in page
    assert "Print two-sided, flip on the SHORT edge." in page and "Send to the print shop:" in page
    for entry in made.languages:
        for layout in entry.layouts:
            assert f"Body text {layout.home.body_font_size_pt:g} pt" in page
    assert "Example Partner edition" in page and "Butterfly edition" in page
    assert page.count('<a href="#example-partner-') == len(LANGS) and page.count('<a href="#default-') == len(LANGS)


def _accent(brand: str) -> tuple[int, ...]:
    return tuple(round(v * 255) for v in load_brand(brand).palette["accent"].rgb)


def _close(a, b, tolerance=16) -> bool:
    """Thumbnails come from the CMYK print-shop PDF (full bleed, no unprintable
    edge): on screen its accent is a conversion, close to the RGB one."""
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_thumbnails_are_the_covers(kit):
    out, made = kit
    for entry in made.languages:
        with Image.open(out / entry.thumbnail) as thumb:
            colours = sorted(thumb.convert("RGB").getcolors(1 << 20), reverse=True)
        assert _close(colours[0][1], _accent(entry.brand))
        box = entry.layouts[0].shop.cover
        assert thumb.height / thumb.width == pytest.approx(box.height / box.width, rel=0.01)


def test_kit_opens_from_disk_in_chromium(kit, browser, tmp_path):
    out, made = kit
    shot = Path(tmp_path) / "kit.png"
    seen = visit(browser, (out / "index.html").as_uri(), screenshot=shot)
    assert seen.console_errors == [] and seen.failed == []
    assert all(urlparse(url).scheme in ("file", "data") for url in seen.requested), seen.requested
    assert len(seen.images) == len(made.languages)
    assert all(image["complete"] and image["naturalWidth"] == 320 for image in seen.images), seen.images
    for href in seen.links:
        parsed = urlparse(href)
        assert parsed.scheme == "file"
        target = Path(unquote(parsed.path))
        assert target.is_file() and target.is_relative_to(out), href
    assert seen.fonts.get("Pamphlet thai") == "loaded"

    # The screenshot: each thumbnail shows its edition's cover colour where the page put it.
    with Image.open(shot) as screenshot:
        assert screenshot.width == 1100 and screenshot.height > 900 * len(made.languages) // 2
        for image, entry in zip(seen.images, made.languages):
            x, y, w, h = (round(v) for v in image["box"])
            region = screenshot.convert("RGB").crop((x + 4, y + h // 3, x + w - 4, y + h // 2))
            common = max(region.getcolors(1 << 20))[1]
            assert _close(common, _accent(entry.brand)), (entry.brand, common)


def test_kit_works_from_a_web_host(kit, browser):
    out, made = kit
    with serve(out) as url:
        seen = visit(browser, url + "index.html", fetch_links=True)
    assert seen.console_errors == [] and seen.failed == []
    assert all(image["complete"] and image["naturalWidth"] > 0 for image in seen.images)
    pdf_links = [h for h in seen.links if h.endswith(".pdf")]
    assert len(pdf_links) == len(made.languages) * (len(LAYOUTS) * 2 + 1)
    for href in pdf_links:
        assert seen.fetched[href] == {"status": 200, "type": "application/pdf", "head": "%PDF-"}, href


def test_kit_command(tmp_path):
    result = run("kit", "--lang", "en", "--layout", "trifold-letter", "--brand", "example-partner", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 'index.html'}  (1 language edition(s), 3 PDFs, in " in result.stdout
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [
        "understanding-migrant-sex-workers-example-partner-en-screen.pdf",
        "understanding-migrant-sex-workers-example-partner-en-trifold-letter-commercial.pdf",
        "understanding-migrant-sex-workers-example-partner-en-trifold-letter-home.pdf"]
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a href="pdf/understanding-migrant-sex-workers-example-partner-en-screen.pdf" type="application/pdf">' \
           "Read on a phone / share" in page


def _css_rgb(value: tuple[float, ...]) -> str:
    return "rgb({}, {}, {})".format(*(round(v * 255) for v in value))


def _edition_colours(browser, url: str) -> list[dict]:
    """What Chromium paints, per brand's group of editions: its heading, its
    home-print button (background and text) and its layout panels."""
    page = browser.new_page()
    page.goto(url, wait_until="load")
    seen = page.eval_on_selector_all("main > div", """groups => groups.map(g => {
        const style = (selector, key) => getComputedStyle(g.querySelector(selector))[key];
        return {button: style('.downloads a', 'backgroundColor'), label: style('.downloads a', 'color'),
                panel: style('.layout', 'backgroundColor'), title: style('h3', 'color'),
                header: getComputedStyle(document.querySelector('h1')).color};
    })""")
    page.close()
    return seen


def test_kit_takes_each_brands_palette_in_chromium(kit, browser):
    out, made = kit
    seen = _edition_colours(browser, (out / "index.html").as_uri())
    assert len(seen) == len(BRANDS)
    for colours, brand in zip(seen, BRANDS):
        palette = load_brand(brand).palette
        assert colours["button"] == _css_rgb(palette["accent"].rgb), (brand, colours)
        assert colours["label"] == _css_rgb(palette["paper"].rgb)
        assert colours["panel"] == _css_rgb(palette["tint"].rgb)
        assert colours["title"] == _css_rgb(palette["ink"].rgb)
        assert colours["header"] == _css_rgb(load_brand(BRANDS[0]).palette["accent"].rgb)  # the first brand's


def test_another_groups_kit_has_none_of_the_publishers_colours(tmp_path, browser):
    from .fixture_docs import SHORT, SHORT_BRAND

    make_kit(KitOptions(doc=SHORT, langs=("en",), layouts=("trifold-letter",), brands=(str(SHORT_BRAND),),
                        out_dir=tmp_path))
    page = (tmp_path / "index.html").read_text(encoding="utf-8").lower()
    publisher = load_brand("default").palette
    for name in ("ink", "accent", "tint", "warm", "muted"):
        shown = "#" + "".join(f"{round(v * 255):02x}" for v in publisher[name].rgb)
        assert shown not in page, name
    [colours] = _edition_colours(browser, (tmp_path / "index.html").as_uri())
    ours = load_brand(str(SHORT_BRAND)).palette
    assert colours["button"] == colours["header"] == _css_rgb(ours["accent"].rgb)
    assert colours["panel"] == _css_rgb(ours["tint"].rgb)
