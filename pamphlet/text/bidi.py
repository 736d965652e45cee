"""Bidirectional text: the embedding level of every character of a paragraph.

In:  a paragraph's plain text and its base direction.
Out: one level per character (even: left to right, odd: right to left), by
     the Unicode bidirectional algorithm (ICU's ``Bidi``).

Numbers, phone numbers, e-mail addresses and URLs are isolated first, as
if written between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: under
the plain rules '+66 2 123 4567' in Arabic text reads '4567 123 2 +66', its
groups in right-to-left order. The controls are added only to the text ICU
reads; the paragraph itself never holds them (authors may not type them,
see content.characters), so copied text has none.

ICU is imported only for a paragraph that holds a right-to-left letter:
an English build never loads it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_FSI, _PDI = "\u2068", "\u2069"

# What stays whole, in reading order: a URL or an e-mail address (ASCII,
# trailing punctuation left out), or digits in groups joined by one space,
# hyphen, dot or slash ('+66 2 123 4567', '0800-123', '12/03/2024'),
# with a leading '+' or '(' and a trailing '%'.
_WHOLE = re.compile(
    r"(?:https?://|www\.)[^\s]*[^\s.,;:!?)\]}»،؛؟۔]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|[+(]?\d+(?:\)?[ \-./]?\(?\d+)*%?"
)


@cache
def is_rtl_letter(ch: str) -> bool:
    """A letter of a right-to-left script (Arabic, Hebrew, ...)."""
    return unicodedata.bidirectional(ch) in ("R", "AL")


def needs_bidi(text: str) -> bool:
    """Whether a text holds any right-to-left letter (else every level is 0)."""
    return any(map(is_rtl_letter, set(text)))


def isolated_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the numbers, phone numbers, e-mail addresses and URLs
    that are set as isolates (one unit, left to right inside). One that
    follows Latin text is not isolated: it reads with the word before it, as
    the bidi rules already set it ('COVID-19', 'Windows 10'), and an isolate
    would part them."""
    found = []
    for m in _WHOLE.finditer(text):
        if not any(ch.isdigit() or ch.isalpha() for ch in m.group()):
            continue
        strong = next((unicodedata.bidirectional(ch) for ch in reversed(text[:m.start()])
                       if unicodedata.bidirectional(ch) in ("L", "R", "AL")), None)
        if strong != "L":
            found.append(m.span())
    return found


def levels(text: str, rtl: bool) -> tuple[int, ...]:
    """The level of each character of ``text``, a paragraph of base
    direction right to left (``rtl``) or left to right; all 0 for a text
    with no right-to-left letter (ICU is not asked)."""
    if not needs_bidi(text):
        return (0,) * len(text)
    spans = isolated_spans(text)
    augmented, kept = [], []  # the text ICU reads; which of its characters are the paragraph's
    at = 0
    for start, end in spans + [(len(text), len(text))]:
        augmented.append(text[at:start])
        kept += [True] * (start - at)
        if end > start:
            augmented.append(_FSI + text[start:end] + _PDI)
            kept += [False] + [True] * (end - start) + [False]
        at = end
    found = _icu_levels("".join(augmented), 1 if rtl else 0)
    return tuple(level for level, keep in zip(found, kept) if keep)


def _icu_levels(text: str, base: int) -> tuple[int, ...]:
    """ICU's levels, one per character (ICU counts UTF-16 units)."""
    import icu

    bidi = icu.Bidi()
    source = icu.UnicodeString(text)  # held while bidi reads it
    bidi.setPara(source, base)
    units = bidi.getLevels()
    out, k = [], 0
    for ch in text:
        out.append(units[k])
        k += 2 if ord(ch) > 0xFFFF else 1
    return tuple(out)


def visual_order(levels: list[int]) -> list[int]:
    """The indexes of a line's runs (``levels``: each run's level) in the
    order they are drawn, left to right (rule L2: from the highest level down
    to the lowest odd one, every sequence at that level or above reversed)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(levels) | 1
    for level in range(max(levels), lowest_odd - 1, -1):
        k = 0
        while k < len(order):
            if levels[order[k]] >= level:
                j = k
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[k:j] = order[k:j][::-1]
                k = j
            else:
                k += 1
    return order
