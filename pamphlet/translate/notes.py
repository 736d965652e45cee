"""What a build says about a translation file: the warnings it prints once
per file, and the problems a ``--strict`` build refuses.

Apart from ``status.py`` (the ``status`` command's counts), so a build
loads only these few functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.load import SOURCE_LANG
from ..errors import Location, Problem
from ..projectdirs import doc_option

if TYPE_CHECKING:
    from ..content.model import Document


def blocks_with(doc: Document, status: str) -> tuple[str, ...]:
    """The ids of the blocks in ``status``, in reading order."""
    return tuple(b.id for b in doc.blocks if b.status == status)


def _listed(ids: tuple[str, ...], most: int = 6) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def start_command(lang: str, folder) -> str:
    """How to start translating a language's untranslated blocks."""
    doc = doc_option(folder)
    return (f"to translate them: make_pamphlet.py export{doc} --lang {lang} -o {lang}.po, then make_pamphlet.py "
            f"import{doc} {lang}.po (or write them into {lang}.yaml)")


def content_warnings(doc: Document) -> list[str]:
    """What a build says about a translation file (once per file, with counts)."""
    if doc.lang == SOURCE_LANG:
        return []
    name, total = doc.path.name, len(doc.blocks)
    found = []
    stale, missing = blocks_with(doc, "stale"), blocks_with(doc, "missing")
    if stale:
        found.append(f"{name}: {len(stale)} of {total} blocks are stale (the English changed since they were translated): "
                     f"{_listed(stale)}; see make_pamphlet.py status{doc_option(doc.folder)} --lang {doc.lang}")
    if missing:
        found.append(f"{name}: {len(missing)} of {total} blocks are not translated yet and print in English: "
                     f"{_listed(missing)}; {start_command(doc.lang, doc.folder)}")
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
