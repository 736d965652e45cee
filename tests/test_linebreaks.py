"""Golden line-break cases: each file in cases/linebreak holds the input and
the expected lines; a difference is shown as a unified diff.

Set PAMPHLET_REGEN=1 to rewrite the expected lines after a deliberate change
(then read the diff before committing it)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, Problems
from pamphlet.languages import language
from pamphlet.text.fonts import bundled_library
from pamphlet.text.lines import break_lines
from pamphlet.text.shaping import shape_text

CASES = sorted((Path(__file__).parent / "cases" / "linebreak").glob("*.txt"))
MARKER = "--- expected lines (| marks the line ends) ---"


def read_case(path: Path) -> tuple[dict[str, str], list[str] | None]:
    head, _, expected = path.read_text(encoding="utf-8").partition(MARKER)
    fields = {}
    for line in head.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    lines = [line[:-1] for line in expected.strip("\n").splitlines()] if expected else None
    return fields, lines


def lines_for(fields: dict[str, str]) -> list[str]:
    lang = language(fields["lang"])
    problems = Problems()
    text = Text((Span(fields["text"]),), Location(Path("case")))
    shaped = shape_text(text, lang, bundled_library(), problems, "case", hyphenate=fields.get("hyphenate") == "true")
    assert not problems, problems.items
    out = []
    for line in break_lines(shaped, float(fields["width"])):
        out.append(shaped.text[line.start:line.end] + ("-" if line.hyphen else ""))
    return out


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_line_breaks(path):
    fields, expected = read_case(path)
    actual = lines_for(fields)
    if os.environ.get("PAMPHLET_REGEN") or expected is None:
        head = path.read_text(encoding="utf-8").partition(MARKER)[0].rstrip("\n")
        path.write_text(head + "\n" + MARKER + "\n" + "".join(f"{line}|\n" for line in actual), encoding="utf-8")
        expected = actual
    diff = "\n".join(difflib.unified_diff(expected, actual, "expected", "actual", lineterm=""))
    assert actual == expected, "\n" + diff
