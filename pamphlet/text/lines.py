"""Breaking a ShapedText into lines of a given width (greedy, first fit).

A hyphenation point is taken only when the best plain break would leave the
line less than 80 % full; a word longer than the line is broken between
clusters as a last resort and reported, never cut off.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .breaks import is_break_space
from .shaping import ShapedText

_FILL_BEFORE_HYPHENATING = 0.8
_EPSILON = 1e-6


@dataclass(frozen=True)
class Line:
    start: int  # first character drawn
    end: int  # one past the last character drawn (trailing spaces excluded)
    width: float  # em, including a drawn hyphen
    hyphen: bool = False
    forced: bool = False  # broken inside a word because the word is wider than the line


def hyphen_width(shaped: ShapedText, pos: int) -> float:
    face = shaped.face_at(max(pos - 1, 0))
    gid = face.glyph("-")
    return face.advance(gid) / face.upem if gid is not None else 0.0


def _trim(text: str, start: int, end: int) -> int:
    while end > start and is_break_space(text[end - 1]):
        end -= 1
    return end


def break_lines(shaped: ShapedText, width: float) -> list[Line]:
    """Lines of at most ``width`` em (a single cluster wider than that still gets a line)."""
    text, n = shaped.text, len(shaped.text)
    candidates = [b for b in shaped.breaks if b.pos < n] + [None]
    positions = [b.pos for b in candidates[:-1]] + [n]
    lines: list[Line] = []
    start = 0
    while start < n and is_break_space(text[start]):
        start += 1
    while start < n:
        best = best_hyphen = None
        best_width = hyphen_line_width = 0.0
        k = bisect_right(positions, start)
        while k < len(candidates):
            b = candidates[k]
            pos = positions[k]
            end = _trim(text, start, pos)
            w = shaped.width(start, end)
            if b is not None and b.kind == "hyphen":
                w += hyphen_width(shaped, pos)
            if w > width + _EPSILON:
                break
            if b is not None and b.kind == "hyphen":
                best_hyphen, hyphen_line_width = (pos, end), w
            else:
                best, best_width, best_hyphen = (pos, end), w, None
            k += 1
        if best_hyphen and (best is None or best_width < _FILL_BEFORE_HYPHENATING * width):
            (pos, end), line = best_hyphen, Line(start, best_hyphen[1], hyphen_line_width, hyphen=True)
        elif best:
            (pos, end), line = best, Line(start, best[1], best_width)
        else:
            pos = end = _force_break(shaped, start, width)
            line = Line(start, end, shaped.width(start, end), forced=True)
        lines.append(line)
        start = pos
        while start < n and is_break_space(text[start]):
            start += 1
    return lines


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
