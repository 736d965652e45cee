"""Flowing rows into frames: breaks only where allowed, overflow measured."""

from __future__ import annotations

import pytest

from pamphlet.layout.frames import DoesNotFit, first_fit
from pamphlet.layout.stream import Stream
from pamphlet.layout.spec import ReaderPage, Rect
from pamphlet.layout.typeset import Fill, Row

from .conftest import LANGS


def page(name: str, height: float) -> ReaderPage:
    return ReaderPage(name, 100, height, "flow", Rect(0, 0, 100, height))


def _flow(rows, pages, where):
    """The rows first-fitted into the pages: per frame, its items' count stand-in (the rows) and height."""
    return [(frame.rows, frame.height) for frame in first_fit(Stream(tuple(rows), frozenset({0})), pages, where)]


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
    with pytest.raises(DoesNotFit) as info:
        _flow(rows, [page("p1", 100), page("p2", 100)], {})
    o = info.value.overflow
    assert (o.block_id, o.amount, o.frame, o.blocks_after) == ("c", 30, "the frames up to p2", 0)


def test_overflow_counts_the_blocks_left_out():
    rows = [row("a", 100), row("b", 60), row("c", 60), row("c", 10), row("d", 5)]
    with pytest.raises(DoesNotFit) as info:
        _flow(rows, [page("p1", 100)], {})
    assert (info.value.overflow.block_id, info.value.overflow.blocks_after, info.value.overflow.amount) == ("b", 2, 135)


def test_overflow_names_the_flows_tallest_block():
    """The block that no longer fits is seldom the one that grew: the
    tallest is named beside it, with where it is and its height."""
    rows = [row("a", 40), row("b", 60), row("b", 60), row("b", 30), row("c", 40)]
    with pytest.raises(DoesNotFit) as info:
        _flow(rows, [page("p1", 100), page("p2", 100)], {"b": "en.yaml:12"})
    assert info.value.overflow.block_id == "c"
    assert info.value.overflow.longest == ("b", "en.yaml:12", 150)


# -- finished frames and the keep rule ----------------------------------------

def _composition(lang: str, layout: str):
    from .conftest import composition

    return composition(lang, layout)


@pytest.mark.parametrize("layout", ["trifold-letter", "trifold-a4", "booklet-letter", "booklet-a4"])
@pytest.mark.parametrize("lang", LANGS)
def test_no_flow_frame_of_the_shipped_pamphlet_is_under_the_fill_floor(build, lang, layout):
    """Read from the build's --json record (the PDFs the other tests read too);
    the last flow frame ends where the text ends."""
    from pamphlet.layout.frames import FILL_FLOOR

    fill = build(lang, layout).as_json()["fill"]
    assert len(fill) == build(lang, layout).reader_pages
    assert all(0 <= f["fill"] <= 1 for f in fill)
    flow = [k for k, f in enumerate(fill) if f["slot"] == "flow"]
    exempt = {flow[-1]}
    low = [(f["page"], f["fill"]) for k, f in enumerate(fill) if k in flow and k not in exempt and f["fill"] < FILL_FLOOR]
    assert low == []


@pytest.mark.parametrize("layout", ["trifold-letter", "trifold-a4", "booklet-letter", "booklet-a4"])
@pytest.mark.parametrize("lang", LANGS)
def test_a_heading_keeps_two_lines_of_text_in_its_frame(lang, layout):
    """Two lines of text, not two things: a one-line callout after a heading
    is one line (the th booklet-a4 and zh-Hans booklet-letter page 5 ended
    on a section heading and its one-line callout)."""
    from pamphlet.layout.typeset import Picture, TextLine

    doc, composition = _composition(lang, layout)
    headings = {b.id for b in doc.blocks if b.type == "heading"}
    for placed in composition.pages:
        if placed.page.slot != "flow":
            continue
        frame = placed.page.frame  # the page number, under the frame, is not text after the heading
        lines = sorted((i for i in placed.items if isinstance(i, TextLine) and i.baseline < frame.y + frame.h),
                       key=lambda i: i.baseline)
        ids = [_block_of(doc, line) for line in lines]
        heading_at = [k for k, block_id in enumerate(ids) if block_id in headings]
        if heading_at:
            after = [block_id for block_id in ids[heading_at[-1] + 1:] if block_id not in headings]
            pictures_below = [i for i in placed.items if isinstance(i, Picture) and i.y > lines[heading_at[-1]].baseline]
            assert len(after) >= 2 or (after and pictures_below), f"{placed.page.name}: heading {ids[heading_at[-1]]} ends the frame"


def _block_of(doc, line) -> str:
    for block in doc.blocks:
        if any(part.plain == line.shaped.text for part in block.texts()):
            return block.id
    return ""


def _rows_of(tmp_path, blocks: list[str]):
    """A one-edition document of these blocks (YAML flow mappings), and the
    rows its booklet flow makes, set at 10 pt on a 200 pt measure."""
    from pamphlet.content.load import load_document
    from pamphlet.errors import Problems
    from pamphlet.languages import language
    from pamphlet.layout.stream import stream
    from pamphlet.layout.typeset import Setter
    from pamphlet.text.fontlibrary import library_with

    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "en.yaml").write_text(
        "document: {id: demo, lang: en, title: Demo}\neditions:\n  booklet: {cover: [], flow: all}\nblocks:\n"
        + "".join(f"  - {block}\n" for block in blocks), encoding="utf-8")
    doc = load_document(folder, "en")
    setter = Setter(language("en"), library_with((), ()), 10.0, 200.0, False, Problems())
    return doc, list(stream(doc, doc.editions["booklet"].flow, setter).rows)


def test_a_heading_and_a_one_line_paragraph_move_together(tmp_path):
    """Room at the foot for the heading and its one line, but not a second
    line: the heading and its line move to the next frame together."""
    doc, rows = _rows_of(tmp_path, [
        "{id: first, type: paragraph, text: One line.}",
        "{id: head, type: heading, text: A heading}",
        "{id: short, type: paragraph, text: A single line.}",
        "{id: more, type: paragraph, text: Another line.}"])
    upto_short = sum(r.height for r in rows if r.block_id in ("first", "head", "short"))
    page = ReaderPage("p", 300, 800, "flow", Rect(0, 0, 200, upto_short + 1))
    placed = _flow(rows, [page, page], {})
    first_frame_blocks = {_block_of(doc, i) for r in placed[0][0] for i in r.items if hasattr(i, "shaped")}
    assert first_frame_blocks == {"first"}


def test_a_one_line_callout_after_a_heading_is_one_line_of_the_two_it_keeps(tmp_path):
    """heading, a one-line callout, a paragraph: the paragraph's first line
    is glued to them (a callout panel is one line of text, not two)."""
    _, rows = _rows_of(tmp_path, [
        "{id: head, type: heading, level: 1, text: A section}",
        "{id: call, type: callout, text: Short.}",
        "{id: more, type: paragraph, text: " + "Words enough for several lines of text here. " * 4 + "}"])
    text = [r for r in rows if r.block_id == "more" and not r.spacer]
    assert len(text) > 2
    assert not text[0].can_break_before  # (the second line is kept by the orphan rule anyway)


@pytest.mark.parametrize("layout", ["trifold-letter", "trifold-a4", "booklet-letter", "booklet-a4"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_line_lies_inside_its_frame(lang, layout):
    """No text runs into a fold, the spine or a page edge: each line, as
    wide as it is drawn (justified width, hyphen), starts and ends inside
    its page's frame, and the pictures do too."""
    from pamphlet.layout.typeset import Picture, TextLine

    _, composition = _composition(lang, layout)
    for placed in composition.pages:
        frame = placed.page.frame
        for item in placed.items:
            if isinstance(item, TextLine):
                right = item.x + item.line.width * item.size
                assert frame.x - 0.01 <= item.x and right <= frame.x + frame.w + 0.5, \
                    f"{placed.page.name}: {item.shaped.text[item.line.start:item.line.end]!r} ends {right - frame.x - frame.w:.1f} pt past the frame"
            elif isinstance(item, Picture):
                assert frame.x - 0.01 <= item.x and item.x + item.w <= frame.x + frame.w + 0.01, placed.page.name
