"""What a build writes: fits or fails loudly, atomically and reproducibly."""

from __future__ import annotations

import re

import pytest

from pamphlet.errors import PamphletError
from pamphlet.pipeline import BuildOptions, build

from .test_content import GOOD_SOURCE, write_doc

LONG = " ".join(["Sex work is work, and sex workers are entitled to safety, dignity, equality and justice."] * 24)


def long_document(tmp_path, paragraphs: int):
    blocks = "".join(f"  - {{id: p{n}, type: paragraph, text: \"{LONG}\"}}\n" for n in range(paragraphs))
    ids = ", ".join(f"p{n}" for n in range(paragraphs))
    source = GOOD_SOURCE.replace("flow: [intro]", f"flow: [intro, {ids}]") + blocks
    return write_doc(tmp_path, source)


def options(folder, out, layout="trifold-letter"):
    return BuildOptions(doc=folder, langs=("en",), layouts=(layout,), out_dir=out)


def test_overflow_names_the_block_and_the_amount_and_keeps_the_old_pdf(tmp_path):
    folder = long_document(tmp_path, 3)
    out = tmp_path / "out"
    (result,) = build(options(folder, out))
    good = result.path.read_bytes()

    source = folder / "en.yaml"
    source.write_text(source.read_text().replace("flow: [intro, p0, p1, p2]", "flow: [intro, p0, p1, p2, p3, p4, p5]")
                      + "".join(f"  - {{id: p{n}, type: paragraph, text: \"{LONG}\"}}\n" for n in (3, 4, 5)))
    with pytest.raises(PamphletError) as info:
        build(options(folder, out))
    message = str(info.value)
    assert re.search(r"en\.yaml:\d+: block 'p\d' does not fit in layout 'trifold-letter' \(en\): \d+\.\d pt too much "
                     r"for the frames up to inside right at the minimum body size 8.5 pt", message), message
    assert re.search(r"\(its tallest block is 'p0' at \S*en\.yaml:\d+, \d+ pt\)", message), message
    assert result.path.read_bytes() == good  # the earlier PDF is untouched
    assert [p.name for p in out.iterdir()] == [result.path.name]  # no temporary file left behind


def test_a_quote_taller_than_a_panel_is_reported(tmp_path):
    source = GOOD_SOURCE.replace("flow: [intro]", "flow: [intro, huge]") + f"  - {{id: huge, type: quote, text: \"{LONG} {LONG}\", attribution: — Someone}}\n"
    folder = write_doc(tmp_path, source)
    with pytest.raises(PamphletError) as info:
        build(options(folder, tmp_path / "out"))
    assert "block 'huge' does not fit in layout 'trifold-letter' (en)" in str(info.value)
    assert re.search(r"\d+\.\d pt too much for inside left at the minimum body size 8.5 pt", str(info.value))
    assert not (tmp_path / "out").exists()


def test_a_character_no_font_has_fails_with_its_code_point(tmp_path):
    source = GOOD_SOURCE.replace("text: Hello", "text: Hello \U0001F98B ཀ")
    folder = write_doc(tmp_path, source)
    with pytest.raises(PamphletError) as info:
        build(options(folder, tmp_path / "out"))
    found = [str(p).replace(str(folder) + "/", "") for p in info.value.problems]
    assert found == ["en.yaml:7: block 'intro': characters '\U0001F98B' (U+1F98B), 'ཀ' (U+0F40) are in no font; expected "
                     "characters the fonts have (tried latin, thai, sc, tc, jp, kr, naskh, nastaliq, thai-looped, myanmar, "
                     "khmer, lao, devanagari, bengali, ethiopic); add a font that has them (fonts: in "
                     "the document or brand file) or replace them"]
    assert not (tmp_path / "out").exists()


def test_same_inputs_give_identical_bytes(tmp_path):
    folder = long_document(tmp_path, 2)
    first = build(options(folder, tmp_path / "a", "booklet-a4"))[0].path.read_bytes()
    second = build(options(folder, tmp_path / "b", "booklet-a4"))[0].path.read_bytes()
    assert first == second
