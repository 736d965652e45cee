"""A Kit -> its index.html: one static page, styles inline, no script, every
link relative, so it works opened from a folder and from any web host.

Its colours are the brands': the header in the first brand's palette, each
brand's editions in their own (headings, download buttons, panels).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from ..partner.brand import DEFAULT_BRAND
from .webfonts import css_family

STYLE = """
:root { --warn: #8a3b00; --warn-bg: #fff3e0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 64rem; margin: 0 auto; padding: 1rem 1.25rem; }
header { border-bottom: 4px solid var(--accent); }
h1 { font-size: 1.6rem; margin: 0.25rem 0; color: var(--accent); }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; color: var(--accent); }
h3 { font-size: 1.2rem; margin: 0; }
h3 small, .muted { color: var(--muted); font-weight: normal; font-size: 0.9rem; }
h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
nav ul { list-style: none; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
.language { display: grid; grid-template-columns: 10rem 1fr; gap: 1.25rem; padding: 1.25rem 0; border-top: 1px solid #ddd; }
.language img { width: 10rem; height: auto; border: 1px solid #ccc; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.title { margin: 0.1rem 0 0.5rem; font-size: 1.05rem; }
.draft { background: var(--warn-bg); color: var(--warn); border-left: 4px solid var(--warn); padding: 0.4rem 0.6rem; margin: 0.5rem 0; }
.layout { background: var(--tint); border-radius: 6px; padding: 0.5rem 0.9rem 0.7rem; margin: 0.6rem 0; }
.downloads { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.downloads a { display: inline-block; padding: 0.35rem 0.7rem; border-radius: 4px; background: var(--accent); color: var(--on-accent); text-decoration: none; }
.downloads a.shop { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
.downloads a:focus, .downloads a:hover { outline: 3px solid var(--warm); }
ol { margin: 0.3rem 0; padding-left: 1.4rem; }
details { margin: 0.3rem 0; }
.warnings { color: var(--warn); font-size: 0.9rem; margin: 0.3rem 0; padding-left: 1.2rem; }
@media (max-width: 36rem) { .language { grid-template-columns: 1fr; } }
@media print { .downloads a { border: 1px solid #000; color: #000; background: #fff; } }
"""


def kit_html(kit, out_dir: Path, fonts: dict[str, str] | None = None) -> str:
    """The page; ``out_dir`` is where it is written (for file sizes);
    ``fonts`` the web fonts beside it, family -> relative path."""
    several_brands = len(kit.brands) > 1
    body = [f"<header><h1>Print kit: {escape(kit.title)}</h1>",
            f"<p>{escape(kit.organisation)}. Every language below has a PDF for a home or office printer and one for a "
            "print shop. Open the PDF, then print it as the steps say: nothing to install.</p>",
            "<nav aria-label=\"Languages\">"]
    for brand in kit.brands:  # one line of languages per edition
        entries = [e for e in kit.languages if e.brand == brand]
        label = f"<li><strong>{escape(entries[0].brand_name)}:</strong></li>" if several_brands else ""
        body.append("<ul>" + label + "".join(f"<li><a href=\"#{_anchor(e)}\" lang=\"{e.lang}\">{escape(e.lang_name)}</a></li>"
                                             for e in entries) + "</ul>")
    body.append("</nav></header><main>")
    for number, brand in enumerate(kit.brands):  # each brand's editions in its own colours
        entries = [e for e in kit.languages if e.brand == brand]
        body.append(f"<div class=\"edition-{number}\">")
        if several_brands or brand != DEFAULT_BRAND:
            body.append(f"<h2 id=\"brand-{brand}\">{escape(entries[0].brand_name)} edition</h2>")
        body += [_language(entry, kit, out_dir) for entry in entries]
        body.append("</div>")
    body.append("</main><footer class=\"muted\"><p>Home PDFs print at 100% on US Letter or A4 (\"Actual size\", not "
                "\"Fit to page\"); print-shop PDFs carry bleed, crop marks and CMYK for a commercial press.</p></footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>Print kit: {escape(kit.title)}</title>\n"
            # An empty icon: browsers would otherwise ask the host for /favicon.ico.
            "<link rel=\"icon\" href=\"data:,\">\n"
            f"<style>{STYLE}{_colour_css(kit)}{_font_css(kit, fonts or {})}</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _colour_css(kit) -> str:
    """The palette as CSS variables: the page's in the first brand's, each brand's editions in their own."""
    rules = []
    for number, brand in enumerate(kit.brands):
        colours = next(e.colours for e in kit.languages if e.brand == brand)
        declared = " ".join(f"--{name}: {value};" for name, value in colours.css())
        # color again: text inherits the colour the body computed, not its variable
        rules.append(f"{':root, ' if number == 0 else ''}.edition-{number} {{ {declared} color: var(--ink); }}")
    return "\n" + "\n".join(rules)


def _font_css(kit, fonts: dict[str, str]) -> str:
    """@font-face for each web font, and each language's text set in its own first."""
    from ..languages import language

    rules = [f"@font-face {{ font-family: \"{css_family(family)}\"; src: url(\"{_url(path)}\") format(\"truetype\"); }}"
             for family, path in sorted(fonts.items())]
    for lang in dict.fromkeys(entry.lang for entry in kit.languages):
        family = language(lang).faces(display=True)[0]
        if family in fonts:
            rules.append(f":lang({lang}) {{ font-family: \"{css_family(family)}\", system-ui, sans-serif; }}")
    return "\n" + "\n".join(rules) + "\n" if rules else ""


def _anchor(entry) -> str:
    return f"{entry.brand}-{entry.lang}"


def _language(entry, kit, out_dir: Path) -> str:
    width, height = entry.thumbnail_size
    parts = [f"<article class=\"language\" id=\"{_anchor(entry)}\">",
             f"<img src=\"{_url(entry.thumbnail)}\" width=\"{width}\" height=\"{height}\" "
             f"alt=\"Cover of the {escape(entry.lang_name)} edition\">",
             "<div>",
             f"<h3><span lang=\"{entry.lang}\">{escape(entry.lang_name)}</span> <small>{entry.lang}</small></h3>",
             f"<p class=\"title\" lang=\"{entry.lang}\">{escape(entry.title)}</p>"]
    if entry.drafts:
        parts.append(f"<p class=\"draft\"><strong>Draft translation:</strong> {entry.drafts} of {entry.blocks} blocks "
                     "await a translator's review. Have a reader of this language check it before printing many copies.</p>")
    if entry.screen is not None:
        parts += ["<p class=\"screen\"><a href=\"" + _href(entry.screen, out_dir) + "\" type=\"application/pdf\">"
                  f"Read on a phone / share (PDF, {_size(entry.screen)})</a> <span class=\"muted\">single pages for a "
                  "phone: links that open, bookmarks, readable by a screen reader</span></p>"]
    for layout in entry.layouts:
        home, shop = layout.home, layout.shop
        parts += [
            "<section class=\"layout\">",
            f"<h4>{escape(layout.description)}</h4>",
            f"<p class=\"muted\">Body text {home.body_font_size_pt:g} pt; {escape(home.holds)}.</p>",
            "<ul class=\"downloads\">",
            f"<li><a href=\"{_href(home, out_dir)}\" type=\"application/pdf\">Home printer (PDF, {_size(home)})</a></li>",
            f"<li><a class=\"shop\" href=\"{_href(shop, out_dir)}\" type=\"application/pdf\">Print shop (PDF, {_size(shop)})</a></li>",
            "</ul>",
            "<p><strong>How to print it at home:</strong></p><ol>",
            *[f"<li>{escape(step)}</li>" for step in home.instructions],
            "</ol>",
            f"<details><summary>For the print shop ({escape(kit.shop_description)})</summary><ol>",
            *[f"<li>{escape(step)}</li>" for step in shop.instructions],
            "</ol></details>",
        ]
        notes = [w for w in home.warnings if w not in home.content_warnings and "draft translation" not in w]
        if notes:
            parts.append("<ul class=\"warnings\">" + "".join(f"<li>{escape(w)}</li>" for w in notes) + "</ul>")
        parts.append("</section>")
    parts.append("</div></article>")
    return "\n".join(parts)


def _href(result, out_dir: Path) -> str:
    return _url(result.path.relative_to(out_dir).as_posix())


def _url(relative: str) -> str:
    """A relative path as an attribute value: percent-encoded, then escaped."""
    return escape(quote(relative))


def _size(result) -> str:
    size = result.path.stat().st_size
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


