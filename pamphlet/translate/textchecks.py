"""What an imported text must keep of its English, and what it may not hold.

In:  one translated text, the English it translates, the language.
Out: problems added to a ``Problems`` (``FILE:line: label: what; expected``).

A translation keeps the English's ``**strong**`` and ``_emphasis_`` runs and
``*`` footnote marks; it brings no markup of other tools (``<b>``, which
would print as it is) and no placeholders (``%s``, ``{name}``) the English
lacks; it is written in its language's script (Latin letters are fine
anywhere: names, addresses, abbreviations); and every character is in a
font. A text of only spaces and invisible format characters is empty.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..content.inline import parse_inline
from ..content.whitespace import normalise
from ..errors import Location, Problems

_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_PLACEHOLDER = re.compile(r"%(?:\d+\$|\(\w+\))?[-+#0]*\d*(?:\.\d+)?[sdiufxXeEgGcr@]|\{\{[^{}]*\}\}|\$?\{\w*\}")
# A language's own scripts where its name's letters do not say them all
# (Japanese mixes kana with kanji, Korean may use hanja); otherwise the
# scripts of the language's name (text/languages.yaml) are its own.
_OWN_SCRIPTS = {"ja": {"Hani", "Hira", "Kana"}, "ko": {"Hang", "Hani"}, "zh": {"Hani", "Bopo"}}
_ANYWHERE = {"Latn", "Zyyy", "Zinh"}  # Latin for names and addresses; common and inherited characters


@dataclass(frozen=True)
class Foreign:
    """A letter of another script in a text: where, which, and the scripts it is in."""

    position: int  # 1-based
    char: str
    scripts: tuple[str, ...]  # their names: ('Hiragana',)


def blank(text: str) -> bool:
    """Only whitespace and invisible format characters (a zero-width space
    alone would make a heading vanish from the page)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def own_scripts(lang) -> set[str]:
    """The ISO 15924 codes of the scripts a language is written in."""
    from fontTools.unicodedata import script_extension

    primary = lang.code.split("-")[0].lower()
    if primary in _OWN_SCRIPTS:
        return set(_OWN_SCRIPTS[primary])
    return {s for ch in lang.name if ch.isalpha() for s in script_extension(ch)}


def foreign_letter(text: str, allowed: set[str]) -> Foreign | None:
    """The first letter of ``text`` in a script neither the language's nor Latin
    (right-to-left letters are refused on their own, in content/characters.py)."""
    from fontTools.unicodedata import script_extension, script_name

    for n, ch in enumerate(text, start=1):
        if unicodedata.category(ch)[0] == "L" and unicodedata.bidirectional(ch) not in ("R", "AL"):  # refused apart
            scripts = script_extension(ch)
            if not scripts & (allowed | _ANYWHERE):
                return Foreign(n, ch, tuple(sorted(script_name(s) for s in scripts)))
    return None


def markup_shape(markup: str) -> tuple[int, int, int]:
    """What a translation must keep of its source: strong and emphasis runs, footnote marks."""
    spans = parse_inline(markup)
    return (sum(1 for s in spans if s.strong), sum(1 for s in spans if s.em),
            sum(s.text.count("*") for s in spans))


def foreign_markup(english: str, target: str) -> list[tuple[str, str]]:
    """(kind, example) of each tag or placeholder the translation has and the English lacks."""
    found = []
    for kind, pattern in (("markup", _TAG), ("placeholder", _PLACEHOLDER)):
        extra = Counter(pattern.findall(target)) - Counter(pattern.findall(english))
        if extra:
            found.append((kind, ", ".join(sorted(extra))))
    return found


def check_text(problems: Problems, where: Location, what: str, english: str, target: str, lang, library,
               block_id: str) -> None:
    """Every problem of one translated text, added to ``problems``."""
    from ..content.characters import text_problems

    bad = text_problems(target)
    for message, expected in bad:
        problems.add(where, f"{what}: {message}", expected)
    if bad:
        return
    text = normalise(target, lang)
    for kind, found in foreign_markup(english, text):
        problems.add(where, f"{what} has {kind} the English lacks: {found}",
                     "expected the pamphlet's own markup (**strong**, _emphasis_, * footnote marks) as in the English: "
                     "tags and placeholders would print as they are" if kind == "markup" else
                     "expected text only: nothing fills placeholders, so they would print as they are")
    try:
        got = markup_shape(text)
    except ValueError as exc:
        problems.add(where, f"{what}: {exc}", "expected balanced ** and _ markup, as in the English")
        return
    want = markup_shape(english)
    for (name, n_want, n_got) in zip(("**strong** run", "_emphasis_ run", "'*' footnote mark"), want, got):
        if n_want != n_got:
            problems.add(where, f"{what} has {n_got} {name}{'s' if n_got != 1 else ''}, the English {n_want}",
                         f"expected the same inline markup and footnote marks as the English: {english[:60]!r}")
    plain = "".join(s.text for s in parse_inline(text))
    _check_fonts(problems, where, what, plain, lang, library, block_id)


def _check_fonts(problems: Problems, where: Location, what: str, plain: str, lang, library, block_id: str) -> None:
    from ..text.scripts import resolve_classes

    found = Problems()
    library.choose(plain, resolve_classes(plain), ["regular"] * len(plain), lang.fonts, where, block_id, found)
    for problem in found.items[:3]:
        problems.add(where, f"{what}: {problem.message.split(': ', 1)[-1]}", problem.expected)
