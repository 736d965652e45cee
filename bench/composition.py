"""Figures of composition, the measures a typographer reads off the pages.

    python bench/composition.py [--langs en,ja] [--layouts trifold-letter,booklet-letter]
                                [--doc FOLDER --brand FILE]

prints, per language and layout: the body size chosen; the flow frames'
fill (least and median, the last frame left out, as it may end short);
whether the tri-fold's flap holds whole sections; CJK body lines spread by
more than 0.2 em a gap; the distinct heights of the gaps between blocks (one
per kind of gap is one spacing scale); the least padding between cover or
back text and the edge of its colour on a home print; and display texts
(titles, headings, callouts, quotes) whose last line is one word, in the
languages written with spaces.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOME_EDGE = 0.25 * 72  # where a home printer stops printing the colour


def composed(folder: Path, brand_name: str, lang: str, layout: str):
    from pamphlet.content.load import load_document
    from pamphlet.languages import language
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.partner.brand import load_brand
    from pamphlet.partner.edition import co_brand
    from pamphlet.text.fontlibrary import library_with

    brand = load_brand(brand_name)
    doc, slot = co_brand(load_document(folder, lang), brand)
    return doc, compose(doc, load_layout(layout), language(lang), library_with(brand.fonts, doc.fonts),
                        brand.logo if slot.logo is None else None, slot)


def loose_cjk_lines(c) -> int:
    from pamphlet.layout.typeset import TextLine
    from pamphlet.text.lines import STRETCH_LIMIT, _Solid, _stretch

    count = 0
    for page in c.pages:
        for item in page.items:
            if isinstance(item, TextLine) and item.line.gaps:
                solid = _Solid(item.shaped)
                natural = solid.width(item.line.start, item.line.end)
                if _stretch(solid, item.line.start, item.line.end, natural, item.line.width) > STRETCH_LIMIT + 1e-9:
                    count += 1
    return count


def least_padding(c) -> float:
    """Points between cover or back text and the edge of the colour a home printer prints."""
    from pamphlet.layout.typeset import TextLine

    least = float("inf")
    for page in c.pages:
        if page.page.slot not in ("cover", "back") or c.layout.scheme != "trifold":
            continue
        for item in page.items:
            if not isinstance(item, TextLine):
                continue
            top, bottom = item.baseline - 0.75 * item.size, item.baseline + 0.2 * item.size
            right = item.x + item.line.width * item.size
            # The cover's outer edge is the sheet's: on the right, on the left in a right-to-left pamphlet.
            outer_left = page.page.slot == "cover" and c.rtl
            outer_right = page.page.slot == "cover" and not c.rtl
            edges = [top - HOME_EDGE, page.page.height - HOME_EDGE - bottom,
                     item.x - (HOME_EDGE if outer_left else 0.0), page.page.width - right - (HOME_EDGE if outer_right else 0.0)]
            least = min(least, *edges)
    return least


def one_word_display_lines(doc, c) -> list[str]:
    """In languages written with spaces between words (a Thai or CJK line has no words to count)."""
    from pamphlet.languages import language
    from pamphlet.layout.typeset import TextLine

    found = []
    if language(c.lang).breaking not in ("spaces", "keep-all"):
        return found
    seen: dict[str, list] = {}
    for page in c.pages:
        for item in page.items:
            if isinstance(item, TextLine):
                seen.setdefault(item.shaped.text, []).append(item.line)
    for text, lines in seen.items():
        block = next((b for b in doc.blocks if any(p.plain == text for p in b.texts())), None)
        if block is None or len(lines) < 2:
            continue
        if block.type in ("title", "heading", "callout") or (block.type == "quote" and text == block.text.plain):
            last = max(lines, key=lambda l: l.start)
            if " " not in text[last.start:last.end].strip():
                found.append(f"{block.id}: …/{text[last.start:last.end]}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="en,fr,es,tl,vi,th,ko,ja,zh-Hans,zh-Hant")
    parser.add_argument("--layouts", default="trifold-letter,trifold-a4,booklet-letter,booklet-a4")
    parser.add_argument("--doc", default=str(ROOT / "text" / "understanding-migrant-sex-workers"))
    parser.add_argument("--brand", default="default")
    args = parser.parse_args()
    print("lang     layout          body  fill least/median  flap whole  loose CJK  gaps (kinds/heights)"
          "  least padding  one-word display lines")
    for lang in args.langs.split(","):
        for layout in args.layouts.split(","):
            doc, c = composed(Path(args.doc), args.brand, lang, layout)
            flow = [p for p in c.pages if p.page.slot == "flow"]
            fills = [p.fill for p in flow[:-1]]
            heights = {(name, round(h, 2)) for p in flow for name, h in p.gaps}
            kinds = {name for name, _ in heights}
            flap = "yes" if c.layout.scheme != "trifold" or flow[1].opens_section else "NO"
            padding = least_padding(c)
            runts = one_word_display_lines(doc, c)
            print(f"{lang:8} {layout:15} {c.body_size:5.2f}  {min(fills):.2f} / {statistics.median(fills):.2f}"
                  f"        {flap:10} {loose_cjk_lines(c):9}  {len(kinds)} / {len(heights):<14}"
                  f"  {padding / 72 if padding != float('inf') else float('nan'):.2f} in        {len(runts)} {' '.join(runts)}")


if __name__ == "__main__":
    main()
