"""text: a styled Text -> ShapedText (fonts chosen, glyphs shaped, breaks found).

Each run of one face is shaped by HarfBuzz on its own, with the whole
paragraph as context, its script guessed from the run and its language set
(so Thai marks stack, and zh-Hans, zh-Hant and ja get their locale forms).
Glyph positions are kept in em (size-independent), so a paragraph is shaped
once and can be broken into lines at any size and width during the fit search.

Every glyph also records the characters it stands for: the first glyph of a
HarfBuzz cluster carries the cluster's text, the others none; and where a
cluster has several glyphs, each records the character it was made from
(HarfBuzz's character-level clusters), so the renderer can give every glyph
its own share of the text in the PDF's ToUnicode map and copy/paste gives
back the source in every reader.
"""

from __future__ import annotations

from itertools import accumulate

import uharfbuzz as hb

from ..buildcontext import memo
from ..content.model import Text
from ..errors import Problems
from ..languages import Language
from .breaks import Break, find_breaks
from . import shapecache
from .fontlibrary import PLAIN_SPACES, FontFace, FontLibrary
from .scripts import resolve_classes
from .shaped import Glyph, ShapedRun, ShapedText


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold-italic"}[(bold, italic)]


def shape_text(
    text: Text,
    lang: Language,
    library: FontLibrary,
    problems: Problems,
    block_id: str,
    bold: bool = False,
    italic: bool = False,
    hyphenate: bool = False,
    display: bool = False,
) -> ShapedText:
    """Shape ``text``; problems found (characters no font has) are added to
    ``problems``. A text that shapes without problems is remembered by its
    content, not by where it was written (an edit that moves the blocks
    after it down a line keeps theirs), in this process and on disk
    (``shapecache``); a text with problems is shaped again each time, so
    they are reported with the block and line they are at now. ``display``:
    set in the language's display faces (titles, headings, callouts)."""
    content = tuple((span.text, span.strong, span.em) for span in text.spans)
    display = display and bool(lang.display_fonts)  # the same text either way when there are none
    key = (content, lang, library, bold, italic, hyphenate, display)  # the library itself: an id could be reused
    shaped = _TEXT_CACHE.get(key)
    if shaped is not None:
        return shaped
    disk_key = shapecache.shaped_key(content, lang, library, bold, italic, hyphenate, display)
    shaped = shapecache.load(disk_key, library)
    if shaped is None:
        found = Problems()
        shaped = _shape_text(text, lang, library, found, block_id, bold, italic, hyphenate, display)
        if found:
            problems.extend(found.items)
            return shaped
        shapecache.store(disk_key, shaped)
    return _TEXT_CACHE.keep(key, shaped)


_TEXT_CACHE = memo("shaped texts", limit=20_000)  # by content, language, library and style


def _shape_text(text: Text, lang: Language, library: FontLibrary, problems: Problems, block_id: str,
                bold: bool, italic: bool, hyphenate: bool, display: bool) -> ShapedText:
    chars: list[str] = []
    styles: list[str] = []
    for span in text.spans:
        style = _style(bold or span.strong, lang.italic and italic != span.em)  # none where the script has none
        chars.extend(span.text)
        styles.extend([style] * len(span.text))
    plain = "".join(chars)
    classes = resolve_classes(plain)
    chain = lang.faces(display)
    faces = library.choose(plain, classes, styles, chain, text.where, block_id, problems)
    reported = {i for i, face in enumerate(faces) if face is None and plain[i] not in PLAIN_SPACES}  # in no font: said
    fallback = library.face(chain[0], "regular")
    faces = [face or fallback for face in faces]

    codepoints = [ord(ch) for ch in plain]
    rtl, levels = _levels(plain, lang)
    advance = [0.0] * len(plain)
    runs: list[ShapedRun] = []
    start = 0
    for end in range(1, len(plain) + 1):
        if end < len(plain) and faces[end] is faces[start] and levels[end] == levels[start]:
            continue
        run = _shape_run(faces[start], codepoints, start, end, lang, plain, levels[start])
        for glyph in run.glyphs:
            advance[glyph.cluster] += glyph.advance
            if glyph.gid == 0 and glyph.cluster not in reported:
                problems.add(
                    text.where,
                    f"block '{block_id}': '{plain[glyph.cluster]}' (U+{ord(plain[glyph.cluster]):04X}) has no glyph in {faces[start].path.name}",
                    "expected a font that has it",
                )
        runs.append(run)
        start = end
    breaks = find_breaks(plain, lang.breaking, lang.hyphenate if hyphenate else None, lang.phrases)
    if any(levels):
        breaks = _outside_isolates(breaks, plain)
    return ShapedText(plain, tuple(runs), tuple(accumulate(advance, initial=0.0)), tuple(_at_clusters(breaks, runs)), rtl)


def _levels(plain: str, lang: Language) -> tuple[bool, tuple[int, ...]]:
    """Whether the paragraph is right to left (a right-to-left language's
    paragraph with a right-to-left letter in it: one left in English is set
    left to right), and each character's bidirectional level (all 0 for a
    text with no right-to-left letter, without loading ICU)."""
    from .bidi import levels, needs_bidi

    if not needs_bidi(plain):
        return False, (0,) * len(plain)
    return lang.rtl, levels(plain, lang.rtl)


def _outside_isolates(breaks: list[Break], plain: str) -> list[Break]:
    """No line break inside a phone number, number, e-mail address or URL
    that the bidirectional algorithm sets whole (see bidi)."""
    from .bidi import isolated_spans

    inside = {pos for start, end in isolated_spans(plain) for pos in range(start + 1, end)}
    return [b for b in breaks if b.pos not in inside]


def _at_clusters(breaks: list[Break], runs: list[ShapedRun]) -> list[Break]:
    """Drop break opportunities that would split a glyph cluster."""
    starts = {g.cluster for run in runs for g in run.glyphs}
    return [b for b in breaks if b.pos in starts]


_SHAPE_CACHE = memo("shaped runs", limit=20_000)  # by face, text and language


def _shape_run(face: FontFace, codepoints: list[int], start: int, end: int, lang: Language, plain: str,
               level: int = 0) -> ShapedRun:
    key = (face.key, face.path, plain, start, end, lang.code, level)
    cached = _SHAPE_CACHE.get(key)
    if cached is not None:
        return cached
    buf = hb.Buffer()
    buf.add_codepoints(codepoints, start, end - start)
    buf.language = lang.code
    buf.guess_segment_properties()
    direction = "rtl" if level % 2 else "ltr"
    buf.direction = direction  # HarfBuzz mirrors brackets in a right-to-left run
    hb.shape(face.hb_font, buf, {})
    scale = 1.0 / face.upem
    infos, positions = buf.glyph_infos, buf.glyph_positions
    clusters = [info.cluster for info in infos]
    sources = _sources(face, codepoints, start, end, lang, clusters, direction)
    bounds = sorted(set(clusters)) + [end]
    cluster_end = dict(zip(bounds, bounds[1:]))
    glyphs = []
    for k, (info, pos) in enumerate(zip(infos, positions)):
        first = k == 0 or clusters[k - 1] != info.cluster
        text = plain[info.cluster:cluster_end[info.cluster]] if first else ""
        glyphs.append(Glyph(info.codepoint, info.cluster, pos.x_advance * scale, pos.x_offset * scale,
                            pos.y_offset * scale, text, sources[k]))
    run = ShapedRun(face, start, end, tuple(glyphs), tuple(-c for c in clusters) if level % 2 else tuple(clusters), level)
    return _SHAPE_CACHE.keep(key, run)


def _sources(face: FontFace, codepoints: list[int], start: int, end: int, lang: Language,
             clusters: list[int], direction: str = "ltr") -> list[int]:
    """For each glyph, the character it was made from: HarfBuzz shaped again
    at character level (same glyphs, finer clusters), where some cluster has
    more than one glyph; -1 everywhere else."""
    if len(set(clusters)) == len(clusters):
        return [-1] * len(clusters)
    buf = hb.Buffer()
    buf.add_codepoints(codepoints, start, end - start)
    buf.language = lang.code
    buf.guess_segment_properties()
    buf.direction = direction
    buf.cluster_level = hb.BufferClusterLevel.CHARACTERS
    hb.shape(face.hb_font, buf, {})
    return [info.cluster for info in buf.glyph_infos]
