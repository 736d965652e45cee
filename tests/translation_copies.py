"""Copies of the shipped document in temporary folders, for tests that edit it."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import DOC


def copy_document(tmp_path: Path) -> Path:
    """A copy of the flagship document (same folder name, so its id checks out)."""
    folder = tmp_path / DOC.name
    shutil.copytree(DOC, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} appears {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def drop_entry(path: Path, block_id: str) -> None:
    """Remove one block's entry from a translation file (as if never translated)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  {block_id}:\n")
    end = start + 1
    while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
