"""Golden line-break cases: each file in cases/linebreak holds the input and
the expected lines; a difference is shown as a unified diff.

Fields: lang, width (em), text; hyphenate: true; display: true (a title,
heading or callout: broken between phrases, balanced, in the language's
display faces); solid: true (CJK body text set solid).

Set PAMPHLET_REGEN=1 to rewrite the expected lines after a deliberate change
(then read the diff before committing it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, Problems
from pamphlet.languages import language
from pamphlet.text.fontlibrary import bundled_library
from pamphlet.text.lines import break_lines
from pamphlet.text.shaping import shape_text

from .goldens import check_case, read_case

CASES = sorted((Path(__file__).parent / "cases" / "linebreak").glob("*.txt"))
MARKER = "--- expected lines (| marks the line ends) ---"


def lines_for(fields: dict[str, str]) -> list[str]:
    lang = language(fields["lang"])
    problems = Problems()
    text = Text((Span(fields["text"]),), Location(Path("case")))
    display = fields.get("display") == "true"  # a title, heading or callout
    shaped = shape_text(text, lang, bundled_library(), problems, "case", hyphenate=fields.get("hyphenate") == "true",
                        display=display)
    assert not problems, problems.items
    out = []
    for line in break_lines(shaped, float(fields["width"]), display=display, solid=fields.get("solid") == "true"):
        out.append(shaped.text[line.start:line.end] + ("-" if line.hyphen else ""))
    return out


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_line_breaks(path):
    fields, expected = read_case(path, MARKER, end="|")
    check_case(path, MARKER, expected, lines_for(fields), end="|")


def test_phrases_are_cached_on_disk_and_budoux_loaded_only_where_needed(tmp_path):
    """BudouX is imported only for a language with a phrase model, and only
    while its phrases are not in the cache: a warm build never loads it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pamphlet.content.model import Span, Text\n"
        "from pamphlet.errors import Location, Problems\n"
        "from pamphlet.languages import language\n"
        "from pamphlet.text.fontlibrary import bundled_library\n"
        "from pamphlet.text.shaping import shape_text\n"
        "for lang, text in (('en', 'Understanding migrant sex workers'), (sys.argv[1], '移住セックスワーカーを理解する')):\n"
        "    shaped = shape_text(Text((Span(text),), Location(Path('t'))), language(lang), bundled_library(), Problems(), 't')\n"
        "    print(lang, 'budoux' in sys.modules, sum(not b.phrase for b in shaped.breaks))\n"
    )
    env = dict(os.environ, PAMPHLET_CACHE=str(tmp_path / "cache"))
    root = Path(__file__).resolve().parent.parent
    runs = [subprocess.run([sys.executable, "-c", script, "ja"], capture_output=True, text=True, env=env, cwd=root)
            for _ in range(2)]
    cold, warm = (run.stdout.split() for run in runs)
    assert cold[:6] == ["en", "False", "0", "ja", "True", cold[5]] and int(cold[5]) > 0, runs[0].stderr
    assert warm == ["en", "False", "0", "ja", "False", cold[5]], runs[1].stderr  # the same phrases, from the cache
    assert list((tmp_path / "cache").glob("phrases-ja-budoux-*.json"))


@pytest.mark.parametrize("lang", ["ja", "zh-Hans", "zh-Hant"])
def test_titles_headings_and_callouts_break_between_phrases(lang):
    """In every layout, each line of a title, cover line, heading or callout
    ends where a phrase or a sentence ends, or inside a phrase wider than any of its lines
    and then not inside a katakana word (the Japanese cover reads 移住 /
    セックスワーカーを / 理解する, not 移住セックスワー / カーを理解する)."""
    from pamphlet.content.load import load_document
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.layout.typeset import TextLine
    from pamphlet.text.breaks import _after_sentence, phrase_boundaries

    from .conftest import DOC, LAYOUTS

    doc = load_document(DOC, lang)
    display = {part.plain for block in doc.blocks if block.type in ("title", "heading", "callout")
               for part in (block.text, block.subtitle) if part is not None}
    display |= {block.heading.plain for block in doc.blocks if block.type in ("list", "contact") and block.heading}
    checked = 0
    for layout in LAYOUTS:
        composition = compose(doc, load_layout(layout), language(lang), bundled_library())
        lines: dict[str, list] = {}
        for page in composition.pages:
            for item in page.items:
                if isinstance(item, TextLine) and item.shaped.text in display:
                    lines.setdefault(item.shaped.text, []).append(item)
        for text, items in lines.items():
            after_sentences = {k for k in range(1, len(text)) if _after_sentence(text, k)}
            ends = sorted(phrase_boundaries(text, language(lang).phrases) | after_sentences | {len(text)})
            widest = max(item.line.width for item in items)
            for item in items:
                end = item.line.end
                if end == len(text) or end in ends:
                    continue
                phrase_start = max([0] + [e for e in ends if e < end])
                phrase_end = min(e for e in ends if e > end)
                where = (layout, text[:end], text[end:])
                assert item.shaped.width(phrase_start, phrase_end) > widest, where
                assert not (_katakana(text[end - 1]) and _katakana(text[end])), where
            checked += len(items) > 1
    assert checked  # some display text did break


def _katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "\u30fc"
