"""Shaped texts kept on disk, so a warm build neither shapes nor segments.

A ShapedText (glyphs, advances, break opportunities) is a pure function of
the text's content (its spans, not where it was written), the language, the
fonts (their contents), the style, and the code and libraries that made it
(pamphlet's ``text`` package, HarfBuzz, and Pyphen or PyThaiNLP when they
found breaks). The key holds all of them; the entry holds the glyph columns
of each run and the face that shaped it by family and style, which the
reader looks up in its own font library.

Warm, this also spares the Pyphen dictionary (about 0.1 s to load) and the
Thai word dictionary (about 0.3 s).
"""

from __future__ import annotations

from itertools import accumulate

from ..buildcontext import memo
from ..cache import DiskCache, code_fingerprint, installed_version, key_of, python_tag
from ..languages import Language
from .breaks import Break
from .fontlibrary import FontLibrary
from .shaped import Glyph, ShapedRun, ShapedText

_CACHE = DiskCache("shaped", "4", limit=50_000)


def shaped_key(content: tuple, lang: Language, library: FontLibrary, bold: bool, italic: bool, hyphenate: bool,
               display: bool = False) -> str:
    return key_of(_context(lang, library, hyphenate), content, bold, italic, hyphenate, display)


def _context(lang: Language, library: FontLibrary, hyphenate: bool) -> str:
    """What every text of a language and font library is shaped with (found once)."""
    found = _CONTEXTS.get((lang, library, hyphenate))
    if found is None:
        import uharfbuzz

        hyphenator = installed_version("pyphen") if hyphenate and lang.hyphenate else None
        segmenter = (installed_version("pythainlp") if lang.breaking == "thai"
                     else installed_version("icu") if lang.breaking == "dictionary"
                     else installed_version("budoux") if lang.phrases else None)
        found = _CONTEXTS[(lang, library, hyphenate)] = key_of(
            "shaped", python_tag(), code_fingerprint("text"), uharfbuzz.__version__, hyphenator, segmenter,
            repr(lang), library.fingerprint())
    return found


_CONTEXTS = memo("shaping contexts")  # (language, library, hyphenate) -> the part of every key they share


def load(key: str, library: FontLibrary):
    """The ShapedText stored under ``key``, or None."""
    value = _CACHE.load(key)
    if value is None:
        return None
    try:
        text, runs, break_pos, break_kinds, break_phrases, rtl = value
        shaped_runs = []
        advance = [0.0] * len(text)
        for family, style, start, end, gids, clusters, advances, x_offsets, y_offsets, texts, sources, level in runs:
            glyphs = tuple(map(Glyph._make, zip(gids, clusters, advances, x_offsets, y_offsets, texts, sources)))
            for cluster, width in zip(clusters, advances):
                advance[cluster] += width
            keys = tuple(-c for c in clusters) if level % 2 else tuple(clusters)
            shaped_runs.append(ShapedRun(library.face(family, style), start, end, glyphs, keys, level))
        breaks = tuple(map(Break, break_pos, break_kinds, break_phrases))
    except (KeyError, TypeError, ValueError, IndexError):
        return None  # an entry of another shape: rebuilt by the caller
    return ShapedText(text, tuple(shaped_runs), tuple(accumulate(advance, initial=0.0)), breaks, rtl)


def store(key: str, shaped) -> None:
    runs = [(run.face.family, run.face.style, run.start, run.end,
             [g.gid for g in run.glyphs], [g.cluster for g in run.glyphs], [g.advance for g in run.glyphs],
             [g.x_offset for g in run.glyphs], [g.y_offset for g in run.glyphs], [g.text for g in run.glyphs],
             [g.source for g in run.glyphs], run.level)
            for run in shaped.runs]
    _CACHE.store(key, (shaped.text, runs, [b.pos for b in shaped.breaks], [b.kind for b in shaped.breaks],
                       [b.phrase for b in shaped.breaks], shaped.rtl))
