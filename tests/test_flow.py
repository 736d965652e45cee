"""Flowing rows into frames: breaks only where allowed, overflow measured."""

from __future__ import annotations

import pytest

from pamphlet.layout.flow import _DoesNotFit, _flow
from pamphlet.layout.spec import ReaderPage, Rect
from pamphlet.layout.typeset import Fill, Row


def page(name: str, height: float) -> ReaderPage:
    return ReaderPage(name, 100, height, "flow", Rect(0, 0, 100, height))


def row(block: str, height: float, breakable: bool = True, spacer: bool = False) -> Row:
    items = () if spacer else (Fill(0, 0, 10, height, "ink"),)
    return Row(height, items, block, can_break_before=breakable, spacer=spacer)


def test_space_after_the_last_block_is_not_an_overflow():
    rows = [row("a", 50), row("a", 50), row("", 12, spacer=True)]
    placed = _flow(rows, [page("p1", 100)], {})
    assert len(placed) == 1 and len(placed[0][0]) == 2
    assert placed[0][1] == 100  # the space at the foot is not counted as used


def test_an_unbreakable_run_moves_whole_to_the_next_frame():
    rows = [row("a", 60), row("q", 30), row("q", 30, breakable=False)]
    placed = _flow(rows, [page("p1", 100), page("p2", 100)], {})
    assert [len(items) for items, _ in placed] == [1, 2]
    assert [used for _, used in placed] == [60, 60]


def test_overflow_is_what_is_left_after_the_last_frame():
    rows = [row("a", 80), row("b", 80), row("", 10, spacer=True), row("c", 30)]
    with pytest.raises(_DoesNotFit) as info:
        _flow(rows, [page("p1", 100), page("p2", 100)], {})
    o = info.value.overflow
    assert (o.block_id, o.amount, o.frame, o.blocks_after) == ("c", 30, "the frames up to p2", 0)


def test_overflow_counts_the_blocks_left_out():
    rows = [row("a", 100), row("b", 60), row("c", 60), row("c", 10), row("d", 5)]
    with pytest.raises(_DoesNotFit) as info:
        _flow(rows, [page("p1", 100)], {})
    assert (info.value.overflow.block_id, info.value.overflow.blocks_after, info.value.overflow.amount) == ("b", 2, 135)
