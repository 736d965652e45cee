"""Where each translation stands: blocks missing, draft, reviewed or stale.

In:  a document folder and a language.
Out: ``LanguageStatus`` (counts and the ids of stale and missing blocks, in
     reading order). What a build says about a translation, and what a
     ``--strict`` build refuses, are in ``notes.py``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..content.load import SOURCE_LANG, load_document
from ..content.model import Document
from .notes import blocks_with


@dataclass(frozen=True)
class LanguageStatus:
    """How far one translation file is: blocks reviewed, draft, stale and missing."""

    lang: str
    path: Path
    blocks: int
    reviewed: int
    draft: int
    stale: int
    missing: int
    stale_ids: tuple[str, ...]
    missing_ids: tuple[str, ...]

    def as_json(self) -> dict:
        record = asdict(self)
        record["path"] = str(self.path)
        record["stale_ids"], record["missing_ids"] = list(self.stale_ids), list(self.missing_ids)
        return record


def translation(folder: Path, lang: str) -> Document:
    """The translation, or for a language with no file yet the English with
    every block missing (so a new language can be exported, proofed and imported)."""
    folder = Path(folder)
    path = folder / f"{lang}.yaml"
    if path.is_file() or lang == SOURCE_LANG:
        return load_document(folder, lang)
    from ..languages import language

    source = load_document(folder, SOURCE_LANG)
    return replace(source, lang=language(lang).code, path=path, status="draft",
                   blocks=tuple(replace(b, status="missing") for b in source.blocks))


def language_status(folder: Path, lang: str) -> LanguageStatus:
    """The status of one language; a language with no file yet has every block missing."""
    doc = translation(folder, lang)
    count = {s: sum(1 for b in doc.blocks if b.status == s) for s in ("reviewed", "draft", "stale")}
    stale_ids, missing_ids = blocks_with(doc, "stale"), blocks_with(doc, "missing")
    return LanguageStatus(lang, doc.path, len(doc.blocks), count["reviewed"], count["draft"], len(stale_ids), len(missing_ids),
                          stale_ids, missing_ids)
