"""layout: the blocks of one slot -> a stream of rows, in sections.

In:  the document, the ids of the blocks a slot carries, the Setter.
Out: ``Stream``: every row of those blocks in order, with the spacing
     scale's gap between two blocks, the keep rules applied (a heading keeps
     its first two lines of text in its frame), and where each section starts.

A section is a heading and the blocks after it up to the next heading (the
blocks before the first heading are a section too). Sections are what the
composer places: a frame that opens a section reads as a unit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..content.model import Block, Document
from .typeset import Row, Setter, TextLine

KEEP_AFTER_HEADING = 2  # lines of text a heading keeps with it in its frame


@dataclass(frozen=True)
class Stream:
    """The rows of a slot's blocks, and the rows that open a section."""

    rows: tuple[Row, ...]
    section_starts: frozenset[int]  # indexes of rows that open a section (the first row of a heading)

    def opens_section(self, i: int) -> bool:
        """Whether a frame starting at row ``i`` (its leading space dropped) opens a section."""
        while i < len(self.rows) and self.rows[i].spacer:
            i += 1
        return i >= len(self.rows) or i in self.section_starts


def stream(doc: Document, ids: tuple[str, ...], setter: Setter) -> Stream:
    """All rows of the given blocks. A heading keeps the first two lines of
    text after it in its frame, across blocks: a heading followed by a
    one-line paragraph moves with that line and the next one."""
    rows: list[Row] = []
    starts: set[int] = set()
    keep = 0.0  # lines still to keep with the last heading
    before: Block | None = None
    for block_id in ids:
        block = doc.block(block_id)
        block_rows = setter.rows(block)
        if before is not None:
            block_rows = [setter.gap(setter.spacing.between(before, block), block.id)] + block_rows
        if keep > 0 and block.type != "heading":
            block_rows, keep = _glue_start(block_rows, keep, setter.lead)
        elif keep > 0:
            block_rows = _glue_start(block_rows, float("inf"), setter.lead)[0]
        if block.type == "heading" or before is None:
            starts.add(len(rows) + (1 if before is not None else 0))
        rows += block_rows
        if block.type == "heading":
            keep = KEEP_AFTER_HEADING
        before = block
    return Stream(tuple(rows), frozenset(starts))


def _glue_start(rows: list[Row], lines: float, lead: float) -> tuple[list[Row], float]:
    """Forbid a frame break before the first ``lines`` lines of these rows;
    the rows, and the lines still to glue after them."""
    out = []
    for row in rows:
        if lines > 0:
            out.append(replace(row, can_break_before=False))
            if not row.spacer:
                lines -= _lines_of(row, lead)
        else:
            out.append(row)
    return out, max(lines, 0.0)


def _lines_of(row: Row, lead: float) -> int:
    """The lines of text a row holds: a panel (quote, callout) as many as it
    sets, so a one-line callout after a heading is one line, not two; a
    picture taller than one and a half lines counts as two."""
    baselines = {round(item.baseline, 2) for item in row.items if isinstance(item, TextLine)}
    if baselines:
        return len(baselines)
    return 2 if row.height > 1.5 * lead else 1
