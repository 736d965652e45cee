"""Breaking a ShapedText into lines of a given width.

Body text is broken greedily (first fit). A hyphenation point is taken only
when the best plain break would leave the line less than 80 % full; a word
longer than the line is broken between clusters as a last resort and
reported, never cut off. A line does not end inside a katakana word when
an earlier break on it, outside any katakana word, fills about two thirds
(0.6) of the measure or more (in solid setting: when ending there spreads
the line by no more than ``STRETCH_LIMIT``). With ``last_line`` (a quote),
a last line of one word takes a word from the line above where that line
stays half full.

``display`` (titles, headings, callouts) sets balanced lines: the fewest
lines (but a last line of one word counts for more than one line more),
then the fewest lines of one word, then the longest line as short as it can
be, then the lines as even as they can be. In a language with a phrase
model (ja, zh-Hans, zh-Hant) lines break only between phrases (inside one
only where it alone is wider than the line, under kinsoku); elsewhere a
break where the sense breaks (after a clause's punctuation, before a
joining sign) is preferred, worth ``_SENSE`` of the measure in length.

``solid`` sets Chinese and Japanese body text solid: a quarter em between
a Latin run and the CJK beside it; closing punctuation whose ink sits in
the left half of its em (、。」 in Japanese and Simplified Chinese fonts,
not the centred marks of Traditional Chinese) set half-width at the line's
end; every line but the last justified to the measure by spacing the gaps
beside CJK characters (and word spaces) evenly; and no last line of a
single character. First fit sets the lines; where it leaves a line that
would be spread by more than ``MAX_STRETCH`` a gap (one ending before a
long Latin word, or before a katakana word), or a one-character last line,
that line and a few above it are chosen again together, so they share the
slack. That search may end a line inside a katakana word (JLREQ allows it;
kinsoku still keeps ー and small kana off a line's start) at the cost of
spreading a line to ``STRETCH_LIMIT``, and avoids above all a line spread
further. The extra space is carried by the Line (``gaps``, ``end_trim``),
so the renderer draws exactly what was measured.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from dataclasses import dataclass
from heapq import heappop, heappush

from ..buildcontext import memo
from .breaks import JOINING_SIGNS, NO_START, is_break_space
from .scripts import is_cjk
from .shaping import ShapedText

_FILL_BEFORE_HYPHENATING = 0.8
_FILL_BEFORE_SPLITTING_KATAKANA = 0.6  # "about two thirds" of the measure
_INSIDE_PHRASE, _INSIDE_KATAKANA = 1, 100  # what a display line ending inside a phrase costs
_EPSILON = 1e-6


@dataclass(frozen=True)
class Line:
    """One line of a broken text: which characters it draws and how wide it is."""

    start: int  # first character drawn
    end: int  # one past the last character drawn (trailing spaces excluded)
    width: float  # em, including a drawn hyphen
    hyphen: bool = False
    forced: bool = False  # broken inside a word because the word is wider than the line
    gaps: tuple[tuple[int, float], ...] = ()  # (pos, em): space added before text[pos] (solid setting)
    end_trim: float = 0.0  # em of the last glyph's advance left out at the line end (half-width punctuation)


def hyphen_width(shaped: ShapedText, pos: int) -> float:
    face = shaped.face_at(max(pos - 1, 0))
    gid = face.glyph("-")
    return face.advance(gid) / face.upem if gid is not None else 0.0


def _trim(text: str, start: int, end: int) -> int:
    while end > start and is_break_space(text[end - 1]):
        end -= 1
    return end


def _line_start(text: str, pos: int) -> int:
    """Where a line after a break at ``pos`` starts (spaces at a break are dropped)."""
    while pos < len(text) and is_break_space(text[pos]):
        pos += 1
    return pos


def break_lines(shaped: ShapedText, width: float, solid: bool = False, display: bool = False,
                phrases: bool = False, last_line: bool = False) -> list[Line]:
    """Lines of at most ``width`` em (a single cluster wider than that still
    gets a line); ``solid``: set solid; ``display``: balanced, broken between
    phrases where the language has a phrase model (``phrases``), with no
    one-word last line where another way fits; ``last_line``: body text
    whose last line is not left with one word where the line above can
    give it another (a quote). See the module's docstring.

    Lines are remembered per text object (shaped texts are themselves
    remembered by content): the fit search asks again at each size it
    retries, and a rebuild after an edit breaks only the texts that changed."""
    key = (id(shaped), width, solid, display, last_line)
    found = _LINES.get(key)
    if found is not None and found[0] is shaped:  # the text is held, so its id is not reused
        return list(found[1])
    if display:
        lines = _balanced_phrase_lines(shaped, width, runts=not phrases)
    else:
        lines = _solid(shaped, width) if solid else _ragged(shaped, width)
        if last_line and not solid:
            lines = _without_runt(shaped, lines, width)
    _LINES.keep(key, (shaped, tuple(lines)))
    return lines


_LINES = memo("broken lines", limit=50_000)  # (id of the shaped text, width, ...) -> (the text, its lines)
_SENSE = 0.12  # of the measure: what a display line broken against the sense costs
_CLAUSE_ENDS = frozenset(",;:.!?—–)")
_RUNT_KEEPS = 0.5  # the line above a runt gives it a word only if it stays this full


def _has_space(text: str, start: int, end: int) -> bool:
    return any(is_break_space(ch) for ch in text[start:_trim(text, start, end)])


def widest_piece(shaped: ShapedText, last_two: bool = False) -> float:
    """The widest stretch of the text no break opportunity divides (em):
    what a display line must hold whole; with ``last_two``, the last two
    words count as one piece (a last line of one word is a runt)."""
    text = shaped.text
    ends = [b.pos for b in shaped.breaks if b.kind != "hyphen" and b.phrase] + [len(text)]
    widest, start = 0.0, _line_start(text, 0)
    for end in ends:
        widest = max(widest, shaped.width(start, _trim(text, start, end)))
        start = _line_start(text, end)
    spaces = [b.pos for b in shaped.breaks if b.kind == "space"]
    if last_two and len(spaces) >= 2:
        widest = max(widest, shaped.width(spaces[-2], _trim(text, spaces[-2], len(text))))
    return widest


def _by_sense(text: str, pos: int) -> bool:
    """Whether a line ending before ``text[pos]`` ends where the sense
    breaks: after a clause's punctuation, or before a joining sign."""
    end = _trim(text, 0, pos)
    return (end > 0 and text[end - 1] in _CLAUSE_ENDS) or text[pos] in JOINING_SIGNS


def _without_runt(shaped: ShapedText, lines: list[Line], width: float) -> list[Line]:
    """The lines with a one-word last line given the last word of the line
    above, where that line stays at least ``_RUNT_KEEPS`` full and the new
    last line fits."""
    if len(lines) < 2 or lines[-1].hyphen or lines[-2].hyphen or lines[-2].forced:
        return lines
    text, above, last = shaped.text, lines[-2], lines[-1]
    if _has_space(text, last.start, last.end):
        return lines
    earlier = [b.pos for b in shaped.breaks if above.start < b.pos < last.start and b.kind != "hyphen"
               and _line_start(text, b.pos) < last.start]
    for pos in reversed(earlier):
        end = _trim(text, above.start, pos)
        kept = shaped.width(above.start, end)
        start = _line_start(text, pos)
        moved = shaped.width(start, last.end)
        if kept < _RUNT_KEEPS * width:
            break
        if moved <= width + _EPSILON:
            return lines[:-2] + [Line(above.start, end, kept), Line(start, last.end, moved)]
    return lines


def _ragged(shaped: ShapedText, width: float, measure=None, hyphenate_below: float = _FILL_BEFORE_HYPHENATING,
            may_split=None, least=None) -> list[Line]:
    """First fit. ``may_split(start, end, width)``: whether a line whose
    furthest break outside a katakana word ends at ``end`` may end inside
    one instead (by default: when that line would be under two thirds full).
    ``least(start, end)``: the narrowest a line may be set (solid setting
    compresses punctuation to fit one more character); a line fits when that
    is within the measure."""
    may_split = may_split or (lambda start, end, w: _may_split_katakana(w, width))
    text, n = shaped.text, len(shaped.text)
    candidates = [b for b in shaped.breaks if b.pos < n] + [None]
    positions = [b.pos for b in candidates[:-1]] + [n]
    lines: list[Line] = []
    start = _line_start(text, 0)
    while start < n:
        best = best_hyphen = best_whole = None  # best_whole: the furthest break outside a katakana word
        best_width = hyphen_line_width = whole_width = 0.0
        k = bisect_right(positions, start)
        while k < len(candidates):
            b = candidates[k]
            pos = positions[k]
            end = _trim(text, start, pos)
            w = measure(start, end) if measure else shaped.width(start, end)
            tightest = least(start, end) if least else w
            if b is not None and b.kind == "hyphen":
                w += hyphen_width(shaped, pos)
                tightest += hyphen_width(shaped, pos)
            if tightest > width + _EPSILON:
                break
            if b is not None and b.kind == "hyphen":
                best_hyphen, hyphen_line_width = (pos, end), w
            else:
                best, best_width, best_hyphen = (pos, end), w, None
                if b is None or not _inside_katakana_word(text, pos):
                    best_whole, whole_width = (pos, end), w
            k += 1
        if best and best_whole and best_whole != best and _inside_katakana_word(text, best[0]) \
                and not may_split(start, best_whole[1], whole_width):
            best, best_width = best_whole, whole_width
        if best_hyphen and (best is None or best_width < hyphenate_below * width):
            (pos, end), line = best_hyphen, Line(start, best_hyphen[1], hyphen_line_width, hyphen=True)
        elif best:
            (pos, end), line = best, Line(start, best[1], best_width)
        else:
            pos = end = _force_break(shaped, start, width)
            line = Line(start, end, shaped.width(start, end), forced=True)
        lines.append(line)
        start = _line_start(text, pos)
    return lines


def _may_split_katakana(whole: float, width: float) -> bool:
    """Whether a line may end inside a katakana word: only when its furthest
    break outside one (``whole`` em wide) leaves it shorter than about two thirds."""
    return whole < _FILL_BEFORE_SPLITTING_KATAKANA * width


def _force_break(shaped: ShapedText, start: int, width: float) -> int:
    """Where to break a word wider than the line: after the last '/' or
    before the last '.', '@' or '?' that fits (addresses), else at the
    furthest cluster boundary that fits (at least one cluster)."""
    text = shaped.text
    starts = sorted({g.cluster for run in shaped.runs for g in run.glyphs if g.cluster > start} | {len(text)})
    fit, preferred = starts[0], None
    for pos in starts:
        if shaped.width(start, pos) > width + _EPSILON:
            break
        fit = pos
        if pos < len(text) and (text[pos - 1] == "/" or text[pos] in ".@?") and pos - start > 1:
            preferred = pos
    return preferred or fit


# -- phrases (ja, zh-Hans, zh-Hant) -------------------------------------------

def _is_katakana(ch: str) -> bool:
    code = ord(ch)  # not the middle dot (U+30FB), which separates words
    return 0x30A1 <= code <= 0x30FA or 0x30FC <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F


def _inside_katakana_word(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and _is_katakana(text[pos - 1]) and _is_katakana(text[pos])


def _display_ends(shaped: ShapedText, width: float) -> tuple[dict[int, int], set[int]]:
    """Where a display line may end, and what ending there costs (0 between
    phrases; inside a phrase only where the phrase alone is wider than the
    line); and the starts of one-character phrases."""
    text, n = shaped.text, len(shaped.text)
    breaks = [b for b in shaped.breaks if b.pos < n and b.kind != "hyphen"]
    cost: dict[int, int] = {}
    phrase_ends = [b.pos for b in breaks if b.phrase] + [n]
    start = 0
    for end in phrase_ends:
        if shaped.width(start, _trim(text, start, end)) > width + _EPSILON:
            for b in breaks:
                if start < b.pos < end and not b.phrase:
                    cost[b.pos] = _INSIDE_KATAKANA if _inside_katakana_word(text, b.pos) else _INSIDE_PHRASE
        cost[end] = 0
        start = end
    return cost, {end - 1 for end in phrase_ends} & set(phrase_ends)


def _balanced_phrase_lines(shaped: ShapedText, width: float, runts: bool = False) -> list[Line]:
    """Lines broken only between phrases (in a language without a phrase
    model, every break is between phrases), inside a phrase only where the
    phrase alone is wider than the line (and there preferably not inside a
    katakana word); the fewest lines; of those (``runts``) without a last
    line of one word, then the ones whose longest line is shortest, then
    whose lines are most even, then with fewest lines that start with a
    phrase of one character (a particle or suffix cut off). The words ``runts``
    and sense: see the module's docstring."""
    text, n = shaped.text, len(shaped.text)
    cost, short_phrase = _display_ends(shaped, width)
    allowed = sorted(cost)

    # best[i] up to allowed[i]: (cost, a one-word last line, lines, one-word lines, longest plus
    # what breaks against the sense cost, sum of squares, short starts), then the index of the
    # previous end, the longest line and the breaks against the sense.
    first = _line_start(text, 0)
    best: list[tuple | None] = [None] * len(allowed)
    starts = [_line_start(text, pos) for pos in allowed]
    ends = [_trim(text, 0, pos) for pos in allowed]
    spaces = list(accumulate((is_break_space(ch) for ch in text), initial=0))  # break spaces before each position
    for i, pos in enumerate(allowed):
        for j in range(i - 1, -2, -1):  # the line from the previous end back: wider at each step
            start = first if j < 0 else starts[j]
            end = max(ends[i], start)
            w = shaped.width(start, end)
            if w > width + _EPSILON and j != i - 1:
                break  # too wide, and every earlier start wider still; a piece wider than the line gets one of its own
            if j >= 0 and best[j] is None:
                continue
            so_far = (0, 0, 0, 0, 0.0, 0.0, 0, -1, 0.0, 0) if j < 0 else best[j]
            # A line of one word (no space in it) is what balancing avoids first, a last line most.
            one_word = runts and (j >= 0 or pos < n) and spaces[end] == spaces[start]
            runt = int(one_word and pos == n)  # a last line of one word outranks even one line more
            # Without a phrase model, a break where the sense breaks (after a
            # clause's punctuation, before a joining sign) is worth a little
            # length: "Migration + sex work / ≠ trafficking".
            weak = so_far[9] + (runts and pos < n and not _by_sense(text, pos))
            longest = max(so_far[8], w)
            candidate = (so_far[0] + cost[pos], so_far[1] + runt, so_far[2] + 1, so_far[3] + int(one_word),
                         round(longest + _SENSE * width * weak, 6), round(so_far[5] + w * w, 6),
                         so_far[6] + (j >= 0 and start in short_phrase), j, longest, weak)
            if best[i] is None or candidate[:7] <= best[i][:7]:  # on a tie the earliest start, as ever
                best[i] = candidate
    chosen, i = [], len(allowed) - 1
    while i >= 0:
        chosen.append(allowed[i])
        i = best[i][7]
    lines, start = [], first
    for pos in reversed(chosen):
        end = _trim(text, start, pos)
        if end > start:
            lines.append(Line(start, end, shaped.width(start, end)))
        start = _line_start(text, pos)
    return lines


# -- solid setting (ja, zh-Hans, zh-Hant body text) -----------------------------

QUARTER_EM = 0.25
HALF_EM = 0.5  # the blank half of a punctuation mark's em, taken out to fit one more character (JLREQ)
# The space justification adds beside one character without the line
# looking letter-spaced: an eighth of an em. A line that needs more shares
# its slack with the lines above; only where they cannot take it all (a
# paragraph's first line ending before a katakana word) is a line spread
# further. (The space is drawn inside the glyphs' advances, so no reader
# takes it for a word space; as a gap between glyphs, poppler read 0.1 em
# as a space, pdf.js 0.12, poppler -raw 0.15 and pdfium 0.25.)
MAX_STRETCH = 0.125
# JLREQ allows about a quarter em between characters; past a fifth of an em
# a line reads as letter-spaced. A line ends inside a katakana word (never
# before ー or a small kana: kinsoku) rather than be spread further, and
# such a break costs about what spreading a line from an eighth of an em to
# this limit does, so it is taken only where it saves that much.
STRETCH_LIMIT = 0.2
_KATAKANA_COST = (STRETCH_LIMIT - MAX_STRETCH) ** 2
_FILL_BEFORE_HYPHENATING_SOLID = 0.95
_SHARING_LINES = 5  # lines above an uneven one that may share its slack
_HYPHEN_COST = MAX_STRETCH ** 2  # a hyphen weighs as much as a line spread to the limit
_COMPRESSIBLE = frozenset("、。，．」』）】〕〉》〙〗〟｠")


def _is_ideographic(ch: str) -> bool:
    """A CJK character that takes the quarter em beside Latin (a letter, kana
    and ー included, not punctuation)."""
    return is_cjk(ch) and ch.isalnum()


def _is_latin(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


class _Solid:
    """What solid setting measures in one text, found once: the line
    search measures every candidate break of every line, so each measure
    is two bisections and a look-up instead of a walk over the line's glyphs.

    ``spaced``: cluster starts where a quarter em separates Latin from CJK;
    ``stretch``: those where justification may add space (a gap beside a
    CJK character, or after a word space)."""

    def __init__(self, shaped: ShapedText):
        self.shaped = shaped
        text = shaped.text
        starts = sorted({g.cluster for run in shaped.runs for g in run.glyphs if g.cluster > 0})
        self.spaced: list[int] = []
        self.stretch: list[int] = []
        for pos in starts:
            before, after = text[pos - 1], text[pos]
            if (_is_ideographic(before) and _is_latin(after)) or (_is_latin(before) and _is_ideographic(after)):
                self.spaced.append(pos)
            if ((is_cjk(before) or is_cjk(after)) and not before.isspace() and not after.isspace()) \
                    or (is_break_space(before) and not after.isspace()):
                self.stretch.append(pos)
        self.squeeze = [pos for pos in starts if _squeezable(shaped, pos)]
        self._trims: dict[int, float] = {}

    def gaps(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """The spaced and stretchable positions strictly inside text[start:end]."""
        return (self.spaced[bisect_right(self.spaced, start):bisect_left(self.spaced, end)],
                self.stretch[bisect_right(self.stretch, start):bisect_left(self.stretch, end)])

    def end_trim(self, end: int) -> float:
        found = self._trims.get(end)
        if found is None:
            found = self._trims[end] = _end_trim(self.shaped, end)
        return found

    def width(self, start: int, end: int) -> float:
        spaced = bisect_left(self.spaced, end) - bisect_right(self.spaced, start)
        return self.shaped.width(start, end) + QUARTER_EM * max(spaced, 0) - self.end_trim(end)

    def squeezed(self, start: int, end: int) -> list[int]:
        """Positions strictly inside text[start:end] where half an em of a
        punctuation mark's blank half may be taken out."""
        return self.squeeze[bisect_right(self.squeeze, start):bisect_left(self.squeeze, end)]

    def tight(self, start: int, end: int) -> float:
        """The least width the line may be set at: its punctuation compressed."""
        return self.width(start, end) - HALF_EM * len(self.squeezed(start, end))


_OPENING = frozenset("「『（【〔〈《〘〖〝｟")


def _squeezable(shaped: ShapedText, pos: int) -> bool:
    """Whether the space before text[pos] holds a blank half em: after a
    closing mark whose ink sits in the left half of its em, or before an
    opening one whose ink sits in the right half (JLREQ's compressible
    punctuation; the centred marks of Traditional Chinese fonts have none)."""
    text = shaped.text
    if text[pos - 1] in _COMPRESSIBLE:
        return _end_trim(shaped, pos) > 0
    if text[pos] in _OPENING:
        for run in shaped.runs:
            glyphs = run.slice(pos, pos + 1)
            if glyphs:
                g = glyphs[0]
                return _ink_left(run.face, g.gid) >= g.advance / 2 - 0.02
    return False


def _ink_left(face, gid: int) -> float:
    """The left edge of a glyph's ink, in em."""
    extents = face.hb_font.get_glyph_extents(gid)
    return extents.x_bearing / face.upem if extents else 0.0


def _end_trim(shaped: ShapedText, end: int) -> float:
    """Em to leave out of the advance of closing punctuation ending a line,
    when its ink sits in the left half of its em."""
    if end <= 0 or shaped.text[end - 1] not in _COMPRESSIBLE:
        return 0.0
    for run in shaped.runs:
        glyphs = run.slice(end - 1, end)
        if glyphs:
            g = glyphs[-1]
            return g.advance / 2 if _ink_right(run.face, g.gid) <= g.advance / 2 + 0.02 else 0.0
    return 0.0


_INK = memo("glyph ink")  # (face, file, glyph) -> the right edge of its ink, in em


def _ink_right(face, gid: int) -> float:
    """The right edge of a glyph's ink, in em."""
    key = (face.key, face.path, gid)
    if key not in _INK:
        extents = face.hb_font.get_glyph_extents(gid)
        _INK[key] = (extents.x_bearing + extents.width) / face.upem if extents else 0.0
    return _INK[key]


def _visible(text: str) -> int:
    """Characters of a line that count for its length (closing punctuation and spaces do not)."""
    return sum(1 for ch in text if not ch.isspace() and ch not in NO_START)


def _solid(shaped: ShapedText, width: float) -> list[Line]:
    solid = _Solid(shaped)
    # A justified line hides less slack: an English word is hyphenated
    # rather than leave more than a twentieth of the line to spread.
    lines = solid_first_fit(solid, width)
    text = shaped.text
    settled = 0  # lines before this one are final
    while (uneven := _first_uneven(solid, lines, width, settled)) is not None:
        # The uneven line's slack is shared with a few lines above it: they
        # are chosen again, together, to end where it ends.
        first, last = max(uneven - _SHARING_LINES, settled), uneven + 1
        if last == len(lines) - 1 and _one_character(text, lines[-1].start, lines[-1].end):
            last += 1  # the last line is chosen again too
        if last - first < 2:  # a first line: no line above to share with
            settled = last
            continue
        upto = lines[last].start if last < len(lines) else len(text)
        shared = _evenly_filled(solid, width, lines[first:last], upto) or lines[first:last]
        lines[first:last] = shared
        settled = first + len(shared)
    return [_justified(solid, line, width, last=k == len(lines) - 1) for k, line in enumerate(lines)]


def solid_first_fit(solid: _Solid, width: float) -> list[Line]:
    """First fit for solid setting: a line ends inside a katakana word only
    where ending outside it would spread the line past STRETCH_LIMIT."""
    return _ragged(solid.shaped, width, solid.width, hyphenate_below=_FILL_BEFORE_HYPHENATING_SOLID,
                   may_split=lambda start, end, w: _stretch(solid, start, end, w, width) > STRETCH_LIMIT,
                   least=solid.tight)


def _stretch(solid: _Solid, start: int, end: int, natural: float, width: float) -> float:
    """Em a line from ``start`` to ``end`` needs beside each gap to reach the measure."""
    _, stretch = solid.gaps(start, end)
    slack = width - natural
    if slack <= _EPSILON:
        return 0.0
    return slack / max(len(stretch), 1)


def _first_uneven(solid: _Solid, lines: list[Line], width: float, settled: int) -> int | None:
    """The first line from ``settled`` on that would be spread by more than
    MAX_STRETCH, or the one before a last line of a single character."""
    for k in range(settled, len(lines) - 1):
        line = lines[k]
        if not line.forced and _stretch(solid, line.start, line.end, line.width, width) > MAX_STRETCH + _EPSILON:
            return k
    if settled <= len(lines) - 2 and _one_character(solid.shaped.text, lines[-1].start, lines[-1].end):
        return len(lines) - 2
    return None


def _one_character(text: str, start: int, end: int) -> bool:
    return _visible(text[start:end]) < 2


def _evenly_filled(solid: _Solid, width: float, lines: list[Line], upto: int) -> list[Line]:
    """First-fit ``lines`` chosen again together, from where the first
    starts to the break at ``upto``, so that slack left by the last of them
    (ending before a katakana word it may not split, or before a long Latin
    word, or above a last line of one character) is shared by the lines
    above it: the fewest lines; of those, no one-character last line; then
    the least spreading beyond MAX_STRETCH; then the least spreading overall
    (sums of squares of the em per gap). Each line obeys the rules first fit
    obeys (kinsoku, the katakana rule, hyphens only in a line otherwise
    under 95 % full); none starts later than first fit's line of the same
    rank (first fit fills each line as far as it may), which keeps the search small."""
    text = solid.shaped.text
    first = lines[0].start
    candidates = _Candidates(solid, first)
    paragraph_start = _line_start(text, 0)
    latest = [line.start for line in lines]
    # No line of the same number of lines can leave more than all of them leave together.
    most_slack = sum(max(width - line.width, 0.0) for line in lines) + 1.0
    # best[start]: (cost, previous start, the line that ends there as (end, width, hyphen, forced))
    best: dict[int, tuple[tuple, int, tuple]] = {first: ((0, 0, 0.0, 0.0, 0.0), -1, ())}
    pending = [first]
    while pending:
        start = heappop(pending)
        cost = best[start][0]
        if cost[0] < len(latest) and (start > latest[cost[0]] or solid.width(start, latest[cost[0]]) > most_slack):
            continue  # later than first fit's line, or so much earlier that the lines above leave more than all may
        for next_start, line, line_cost in candidates.lines_from(start, width, upto, paragraph_start, most_slack):
            total = tuple(a + b for a, b in zip(cost, line_cost))
            found = best.get(next_start)
            if found is None and next_start < upto:
                heappush(pending, next_start)
            if found is None or total < found[0]:
                best[next_start] = (total, start, line)
    if upto not in best:
        return []
    chosen, at = [], upto
    while at != first:
        _, start, (end, w, hyphen, forced) = best[at]
        chosen.append(Line(start, end, w, hyphen=hyphen, forced=forced))
        at = start
    return chosen[::-1]


class _Candidates:
    """The break positions after ``first``, with what a line search asks
    of each found once: where a line ending there ends (spaces dropped),
    whether it is inside a katakana word, the hyphen it would draw."""

    def __init__(self, solid: _Solid, first: int):
        self.solid = solid
        shaped = solid.shaped
        text, n = shaped.text, len(shaped.text)
        breaks = [b for b in shaped.breaks if first < b.pos < n]
        self.positions = [b.pos for b in breaks] + [n]
        self.ends = [_trim(text, first, pos) for pos in self.positions]
        self.katakana = [_inside_katakana_word(text, b.pos) for b in breaks] + [False]
        self.hyphens = [hyphen_width(shaped, b.pos) if b.kind == "hyphen" else None for b in breaks] + [None]
        self.next_starts = [_line_start(text, pos) for pos in self.positions]

    def lines_from(self, start: int, width: float, upto: int, paragraph_start: int, most_slack: float):
        """(where the next line starts, the line as (end, width, hyphen,
        forced), its cost) for every line that may start at ``start``, end
        by ``upto`` and, unless it ends there, leave at most ``most_slack``."""
        solid = self.solid
        text, n = solid.shaped.text, len(solid.shaped.text)
        measure = solid.width
        limit = width + _EPSILON
        plain: list[int] = []  # indexes of the positions where a line may end without a hyphen
        hyphens: list[int] = []
        widths: dict[int, float] = {}
        k = bisect_right(self.positions, start)
        while k < len(self.positions):
            end = max(self.ends[k], start)
            w = measure(start, end)
            hyphen = self.hyphens[k]
            if hyphen is not None:
                w += hyphen
            if w - HALF_EM * len(solid.squeezed(start, end)) > limit:
                break
            widths[k] = w
            if hyphen is not None:
                hyphens.append(k)
            elif end > start:
                plain.append(k)
            k += 1
        choices = plain  # inside a katakana word too, at a cost (STRETCH_LIMIT)
        if max((widths[k] for k in choices), default=0.0) < _FILL_BEFORE_HYPHENATING_SOLID * width:
            choices = choices + hyphens
        if not choices:
            pos = end = _force_break(solid.shaped, start, width)
            yield _line_start(text, pos), (end, solid.shaped.width(start, end), False, True), (1, 0, 0.0, 0.0, 0.0)
            return
        shortest = width - most_slack
        for k in choices:
            next_start = self.next_starts[k]
            if next_start > upto or (next_start < upto and widths[k] < shortest):
                continue
            end, w = max(self.ends[k], start), widths[k]
            if self.positions[k] >= n:  # the last line
                yield n, (end, w, False, False), (1, int(start > paragraph_start and _one_character(text, start, end)),
                                                  0.0, 0.0, 0.0)
                continue
            hyphen = self.hyphens[k] is not None
            spread = _stretch(solid, start, end, w, width)
            over, beyond = max(spread - STRETCH_LIMIT, 0.0), max(spread - MAX_STRETCH, 0.0)
            split = _KATAKANA_COST if self.katakana[k] else 0.0
            yield next_start, (end, w, hyphen, False), (1, 0, over * over, beyond * beyond + split,
                                                         spread * spread + (_HYPHEN_COST if hyphen else 0.0))


def _justified(solid: _Solid, line: Line, width: float, last: bool) -> Line:
    """The line with its quarter ems, its half-width end and, unless it is
    the last, its slack spread over its gaps so it ends on the measure; a
    line wider than the measure (first fit took one character more) with
    its punctuation compressed to the measure."""
    spaced, stretch = solid.gaps(line.start, line.end)
    natural = solid.width(line.start, line.end) + (hyphen_width(solid.shaped, line.end) if line.hyphen else 0.0)
    extra = {pos: QUARTER_EM for pos in spaced}
    drawn = natural
    squeeze = solid.squeezed(line.start, line.end)
    if natural > width + _EPSILON and squeeze:  # one character more than fits: punctuation compressed
        each = min((natural - width) / len(squeeze), HALF_EM)
        for pos in squeeze:
            extra[pos] = extra.get(pos, 0.0) - each
        drawn = natural - each * len(squeeze)
    elif not last and stretch and natural < width:
        each = (width - natural) / len(stretch)
        for pos in stretch:
            extra[pos] = extra.get(pos, 0.0) + each
        drawn = width
    return Line(line.start, line.end, drawn, line.hyphen, line.forced,
                tuple(sorted(extra.items())), solid.end_trim(line.end))
