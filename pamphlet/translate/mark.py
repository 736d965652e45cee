"""Marking blocks: "this translation is of the current English, and it is
draft / reviewed". Records the English fingerprint and the status in the
translation file, and the English itself in the history."""

from __future__ import annotations

from pathlib import Path

from ..content.load import SOURCE_LANG, load_document
from ..errors import Location, PamphletError, Problem, Problems
from ..projectdirs import doc_option
from . import history
from .yamlfile import TranslationFile


def mark(folder: Path, lang: str, block_ids: list[str] | None, status: str) -> list[str]:
    """Mark the given blocks (every translated block if None); returns their ids.
    Unknown and untranslated ids are reported together and nothing is written."""
    from ..suggest import did_you_mean

    folder = Path(folder)
    source = load_document(folder, SOURCE_LANG)
    path = folder / f"{lang}.yaml"
    if not path.is_file():
        raise PamphletError(Problem(Location(path), f"{lang} has no translation file yet, so no block to mark",
                                    f"expected {path.name} beside {source.path.name}: write it, or start it from "
                                    f"make_pamphlet.py export{doc_option(folder)} --lang {lang} and import the file back"))
    doc = load_document(folder, lang)
    known = {b.id: b for b in doc.blocks}
    problems = Problems()
    if block_ids is None:
        block_ids = [b.id for b in doc.blocks if b.status != "missing"]
    for block_id in block_ids:
        if block_id not in known:
            problems.add(Location(source.path), f"no block '{block_id}'{did_you_mean(block_id, known)}",
                         "expected a block id of the document (make_pamphlet.py status lists the stale and missing ones)")
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
