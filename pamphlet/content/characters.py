"""Characters no printed text may hold: control characters (tab, line feed
and carriage return aside: they are whitespace), lone surrogates,
noncharacters and bidirectional controls (embeddings, overrides, isolates
and marks). They arrive through YAML escapes ("A\\0B") or pasted text;
drawn, they would be missing glyphs, and copied back, garbage. Right-to-left
text needs no controls: the engine finds its levels itself (text.bidi)."""

from __future__ import annotations

import unicodedata
from functools import cache

PRINTABLE = "expected printable text (remove it; tabs and new lines are fine)"

_WHITESPACE = frozenset("\t\n\r")
# Embeddings, overrides, isolates and marks: invisible in print, they reorder text pasted elsewhere.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


@cache
def _unprintable(ch: str) -> str | None:
    """What is wrong with one character, or None."""
    category = unicodedata.category(ch)
    if category == "Cc" and ch not in _WHITESPACE:
        return f"control character U+{ord(ch):04X}"
    if category == "Cs":
        return f"lone surrogate U+{ord(ch):04X}"
    if 0xFDD0 <= ord(ch) <= 0xFDEF or (ord(ch) & 0xFFFE) == 0xFFFE:
        return f"noncharacter U+{ord(ch):04X}"
    if ch in _BIDI_CONTROLS:
        return f"bidirectional control U+{ord(ch):04X} (copied text would read reversed)"
    return None


def unprintable(text: str) -> list[tuple[int, str]]:
    """(1-based position, description) of every character that cannot be printed."""
    bad = {ch: what for ch in set(text) if (what := _unprintable(ch))}  # each distinct character looked at once
    if not bad:
        return []
    return [(n, bad[ch]) for n, ch in enumerate(text, start=1) if ch in bad]


def text_problems(text: str) -> list[tuple[str, str]]:
    """(what is wrong, what was expected) for each character a text may not
    hold: control characters and the like (the first three); and Burmese in
    the Zawgyi encoding, which prints as garbage in Unicode fonts."""
    from .zawgyi import zawgyi_problem  # its detector loads only for a text with Myanmar letters

    found = [(f"{what} at character {n}", PRINTABLE) for n, what in unprintable(text)[:3]]
    zawgyi = zawgyi_problem(text)
    return found + ([zawgyi] if zawgyi else [])
