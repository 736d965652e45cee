"""Where each translation stands: blocks missing, draft, reviewed or stale.

In:  a document folder and a language.
Out: ``LanguageStatus`` (counts and the ids of stale and missing blocks, in
     reading order); the warnings a build prints once per translation file;
     the problems a ``--strict`` build refuses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..content.load import SOURCE_LANG, load_document
from ..content.model import Document
from ..errors import Location, Problem


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


def _ids(doc: Document, status: str) -> tuple[str, ...]:
    return tuple(b.id for b in doc.blocks if b.status == status)


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
    stale_ids, missing_ids = _ids(doc, "stale"), _ids(doc, "missing")
    return LanguageStatus(lang, doc.path, len(doc.blocks), count["reviewed"], count["draft"], len(stale_ids), len(missing_ids),
                          stale_ids, missing_ids)


def _listed(ids: tuple[str, ...], most: int = 6) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def content_warnings(doc: Document) -> list[str]:
    """What a build says about a translation file (once per file, with counts)."""
    if doc.lang == SOURCE_LANG:
        return []
    name, total = doc.path.name, len(doc.blocks)
    found = []
    stale, missing = _ids(doc, "stale"), _ids(doc, "missing")
    if stale:
        found.append(f"{name}: {len(stale)} of {total} blocks are stale (the English changed since they were translated): "
                     f"{_listed(stale)}; see make_pamphlet.py status --lang {doc.lang}")
    if missing:
        found.append(f"{name}: {len(missing)} of {total} blocks are missing and printed in English: {_listed(missing)}")
    drafts = sum(1 for b in doc.blocks if b.status == "draft")
    if drafts:
        found.append(f"{name}: {drafts} of {total} blocks are a draft translation awaiting review")
    return found


def strict_problems(doc: Document) -> list[Problem]:
    """A --strict build refuses stale and missing blocks, each named with its line."""
    found = []
    for block in doc.blocks:
        if block.status == "stale":
            why = "it records no source fingerprint" if not block.translated_from else "the English changed since it was translated"
            found.append(Problem(block.where, f"block '{block.id}' is stale: {why}",
                                 "expected a translation of the current English (re-import it, or mark it reviewed once checked)"))
        elif block.status == "missing":
            found.append(Problem(Location(doc.path), f"block '{block.id}' is not translated (source {block.where})",
                                 f"expected an entry '{block.id}:' in {doc.path.name}"))
    return found
