"""Whitespace as written in YAML -> whitespace as printed."""

from __future__ import annotations

import re

from ..languages import Language
from ..text.scripts import is_cjk

# Only breakable spaces collapse: no-break spaces (U+00A0, U+202F) and the
# ideographic space (U+3000) are text.
_RUN = re.compile(r"[ \t\n\r\f\v\x85\u2028\u2029]+")  # U+0085, U+2028, U+2029: line and paragraph ends


def normalise(raw: str, lang: Language) -> str:
    """Collapse whitespace runs to one space; in Chinese and Japanese drop a
    space between two CJK characters, which can only be a line-fold artefact."""
    text = _RUN.sub(" ", raw).strip()
    if lang.cjk_spaces or " " not in text:
        return text
    kept = [
        ch
        for i, ch in enumerate(text)
        if not (ch == " " and 0 < i < len(text) - 1 and is_cjk(text[i - 1]) and is_cjk(text[i + 1]))
    ]
    return "".join(kept)
