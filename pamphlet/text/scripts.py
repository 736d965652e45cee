"""Which writing system a character belongs to, as far as fonts and line
breaking care: Latin (and other alphabets), Thai, CJK, Arabic, a script
whose language sets it in a face of its own (Myanmar, Khmer, Lao,
Devanagari, Bengali, Ethiopic: ``SCRIPT``), or common (spaces, punctuation,
symbols), which takes the class of its neighbours."""

from __future__ import annotations

import unicodedata
from functools import cache

LATIN, THAI, CJK, SCRIPT, COMMON = "latin", "thai", "cjk", "script", "common"

# Scripts set in their language's own face, spaces and punctuation between
# their words included (the Latin face would split their shaping runs).
_SCRIPT_RANGES = (
    (0x0900, 0x097F), (0x0980, 0x09FF), (0x0E80, 0x0EFF), (0x1000, 0x109F), (0x1200, 0x139F),
    (0x1780, 0x17FF), (0x19E0, 0x19FF), (0x1CD0, 0x1CFF), (0x2D80, 0x2DDF), (0xA8E0, 0xA8FF),
    (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F), (0xAB00, 0xAB2F),
)
# Scripts without spaces between words, broken by a dictionary (breaking: dictionary).
_DICTIONARY_RANGES = ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F),  # Myanmar
                      (0x1780, 0x17FF), (0x19E0, 0x19FF),  # Khmer
                      (0x0E80, 0x0EFF))  # Lao
ARABIC = "arabic"  # spaces and punctuation between Arabic words take the language's Arabic face

_CJK_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x2FF0, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F),
    (0x3130, 0x318F), (0x3190, 0x31FF), (0x3200, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF), (0x20000, 0x3FFFF),
)
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF))


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


@cache
def is_cjk(ch: str) -> bool:
    return _in(ord(ch), _CJK_RANGES)


def is_hangul(ch: str) -> bool:
    return _in(ord(ch), _HANGUL_RANGES)


def is_thai(ch: str) -> bool:
    return 0x0E00 <= ord(ch) <= 0x0E7F


@cache
def is_dictionary_script(ch: str) -> bool:
    """Myanmar, Khmer or Lao: words found by a dictionary (``breaks``)."""
    return _in(ord(ch), _DICTIONARY_RANGES)


@cache
def is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


@cache
def char_class(ch: str) -> str:
    if is_thai(ch):
        return THAI
    if is_cjk(ch):
        return CJK
    if _in(ord(ch), _ARABIC_RANGES) and unicodedata.category(ch)[0] == "L":
        return ARABIC
    if _in(ord(ch), _SCRIPT_RANGES):
        return SCRIPT
    if unicodedata.category(ch)[0] in "LN":
        return LATIN
    return COMMON


def resolve_classes(text: str) -> list[str]:
    """Class of every character, common ones and marks taking the class of
    the character before them (or after, at the start)."""
    classes = [COMMON if is_mark(ch) else char_class(ch) for ch in text]
    last = next((c for c in classes if c != COMMON), LATIN)
    for i, cls in enumerate(classes):
        if cls == COMMON:
            classes[i] = last
        else:
            last = cls
    return classes
