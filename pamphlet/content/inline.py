"""Inline markup: ``**strong**``, ``_emphasis_`` and backslash escapes."""

from __future__ import annotations

import unicodedata

from .model import Span


def _is_edge(ch: str | None) -> bool:
    """True at a word edge: start or end of text, whitespace or punctuation."""
    return ch is None or ch.isspace() or unicodedata.category(ch)[0] in "PZS"


def parse_inline(text: str) -> tuple[Span, ...]:
    if "*" not in text and "_" not in text and "\\" not in text:
        return (Span(text),) if text else ()  # no markup: what the loop below would give
    spans: list[Span] = []
    buf: list[str] = []
    strong = em = False
    strong_at = em_at = 0

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), strong, em))
            buf.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        before = text[i - 1] if i else None
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in "*_\\":
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            flush()
            strong, strong_at = not strong, i
            i += 2
            continue
        if ch == "_":
            after = text[i + 1] if i + 1 < len(text) else None
            opens = not em and _is_edge(before) and after is not None and not after.isspace()
            closes = em and before is not None and not before.isspace() and _is_edge(after)
            if opens or closes:
                flush()
                em, em_at = not em, i
                i += 1
                continue
        buf.append(ch)
        i += 1
    flush()
    if strong:
        raise ValueError(f"'**' at character {strong_at + 1} is never closed")
    if em:
        raise ValueError(f"'_' at character {em_at + 1} is never closed")
    return _merge(spans)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        if merged and (merged[-1].strong, merged[-1].em) == (span.strong, span.em):
            merged[-1] = Span(merged[-1].text + span.text, span.strong, span.em)
        else:
            merged.append(span)
    return tuple(merged)
