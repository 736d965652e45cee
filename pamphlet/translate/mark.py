"""Marking blocks: "this translation is of the current English, and it is
draft / reviewed". Records the English fingerprint and the status in the
translation file, and the English itself in the history."""

from __future__ import annotations

from pathlib import Path

from ..content.load import SOURCE_LANG, load_document
from ..errors import Location, Problems
from . import history
from .yamlfile import TranslationFile


def mark(folder: Path, lang: str, block_ids: list[str] | None, status: str) -> list[str]:
    """Mark the given blocks (every translated block if None); returns their ids.
    Unknown and untranslated ids are reported together and nothing is written."""
    folder = Path(folder)
    doc = load_document(folder, lang)
    source = load_document(folder, SOURCE_LANG)
    known = {b.id: b for b in doc.blocks}
    problems = Problems()
    if block_ids is None:
        block_ids = [b.id for b in doc.blocks if b.status != "missing"]
    for block_id in block_ids:
        if block_id not in known:
            problems.add(Location(source.path), f"no block '{block_id}'", "expected a block id of the document")
        elif known[block_id].status == "missing":
            problems.add(Location(doc.path), f"block '{block_id}' has no translation to mark",
                         "expected a translated block (write it, or import a PO/XLIFF file)")
    problems.raise_if_any()
    file = TranslationFile(doc.path, source, lang)
    for block_id in block_ids:
        file.stamp(source.block(block_id), status)
    history.record(folder, [source.block(i) for i in block_ids])
    file.save()
    return block_ids
