"""Golden case files, as fontTools' feaLib tests keep them: a head of
``key: value`` fields (``#`` lines are comments), a marker line, then the
expected output. A difference is shown as a unified diff;
``PAMPHLET_REGEN=1`` rewrites the expected part after a deliberate change
(then read the diff before committing it)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path


def read_case(path: Path, marker: str, end: str = "") -> tuple[dict[str, str], list[str] | None]:
    """The case's fields and its expected lines (each less ``end``), or None when it has none yet."""
    head, _, expected = path.read_text(encoding="utf-8").partition(marker)
    fields = {}
    for line in head.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    if not expected:
        return fields, None
    return fields, [line[: len(line) - len(end)] for line in expected.strip("\n").splitlines()]


def check_case(path: Path, marker: str, expected: list[str] | None, actual: list[str], end: str = "") -> None:
    """Assert ``actual`` equals the case's expected lines; write them instead under PAMPHLET_REGEN or when missing."""
    if os.environ.get("PAMPHLET_REGEN") or expected is None:
        head = path.read_text(encoding="utf-8").partition(marker)[0].rstrip("\n")
        path.write_text(head + "\n" + marker + "\n" + "".join(f"{line}{end}\n" for line in actual), encoding="utf-8")
        expected = actual
    diff = "\n".join(difflib.unified_diff(expected, actual, "expected", "actual", lineterm=""))
    assert actual == expected, "\n" + diff
