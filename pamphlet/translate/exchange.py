"""Exchange with CAT tools: translations as units out, checked units back in.

In (export): a document folder and a language.
Out: ``Unit``s, one per translatable text (a block's text, each list item,
     each contact label and value), in reading order, with the
     translator's notes; ``po`` and ``xliff`` write them.
In (import): an ``Exchange`` read from a PO or XLIFF file (incoming.py).
Out: the translation file updated in place (texts, fingerprints, statuses,
     notes), or a PamphletError with every problem as ``FILE:line: ...``
     and nothing written.

An import runs in three phases: the file's header is checked (its
language, its document, its source language), its units are checked by
block (intake.py: ``CheckedBlock``s and skipped blocks), then the blocks
are written (writeback.py). A unit's context is its label
(``who-list.items.2``). A text the CAT tool still flags for review (PO
``fuzzy``, XLIFF ``needs-review-translation`` and the like) and the
translator left as it was says nothing new: its block keeps the
fingerprint it had, so a stale block stays stale until every such text is
cleared or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.load import SOURCE_LANG, load_document
from ..content.model import Document
from ..errors import Location, Problems
from ..languages import Language, language, languages
from ..projectdirs import doc_option
from . import history
from .incoming import COPIED_SOURCE, NEEDS_REVIEW, NOT_IN_FILE, NOT_TRANSLATED, OLDER_ENGLISH, Exchange, Outcome, Skipped
from .labels import field_label, label
from .status import translation
from .yamlfile import block_notes


@dataclass(frozen=True)
class Unit:
    """One translatable text, as exported."""

    context: str  # who-list.items.2
    block_type: str
    source: str  # the English, markup included
    target: str  # the translation ('' when the block is missing)
    status: str  # missing | draft | reviewed | stale
    where: str  # en.yaml:LINE
    previous: str = ""  # a stale block's English as it was, when known
    note: str = ""  # the translator's note on this text


@dataclass(frozen=True)
class ImportResult:
    """What an import did, block by block."""

    path: Path
    lang: str
    changed: tuple[Outcome, ...]  # each block written, with its status
    unchanged: int
    # Blocks of the file still stale after the import, each with why:
    # NEEDS_REVIEW (a text still flagged for review, left as it was) or OLDER_ENGLISH.
    stale: tuple[Outcome, ...] = ()
    format: str = "po"  # po | xliff
    skipped: tuple[Skipped, ...] = ()  # blocks left as they were, each with why
    noted: tuple[str, ...] = ()  # blocks whose translator's notes were written
    warnings: tuple[str, ...] = ()

    def summary(self) -> list[str]:
        """What the import did, as lines for the person who ran it."""
        statuses = [o.status for o in self.changed]
        counts = ", ".join(f"{statuses.count(s)} {s}" for s in ("draft", "reviewed") if s in statuses)
        lines = [f"{self.path.name}: {len(self.changed)} block(s) updated{f' ({counts})' if counts else ''}, "
                 f"{self.unchanged} unchanged{self._skipped()}"]
        if self.noted:
            lines.append(f"{self.path.name}: the translator's notes kept with {len(self.noted)} block(s): {_listed(self.noted)}")
        flagged = [o.block_id for o in self.stale if o.status == NEEDS_REVIEW]
        older = [o.block_id for o in self.stale if o.status == OLDER_ENGLISH]
        if flagged:
            still, clear = (("fuzzy", "remove the fuzzy flag") if self.format == "po" else
                            ("in state new or needs-*", "set the state translated (or signed-off)"))
            lines.append(f"{self.path.name}: {len(flagged)} block(s) stay stale, still {still} and unchanged: "
                         f"{', '.join(flagged)}; once a text is checked against the current English, {clear} or edit it "
                         f"and import again, or run make_pamphlet.py mark{doc_option(self.path.parent)} --lang {self.lang} "
                         f"--draft {' '.join(flagged)}")
        if older:
            lines.append(f"{self.path.name}: {len(older)} block(s) stay stale, translated from English that has since "
                         f"changed: {', '.join(older)}; export again to see the current English")
        return lines

    def _skipped(self) -> str:
        if not self.skipped:
            return ""
        reasons = [(why, tuple(s.block_id for s in self.skipped if s.why == why))
                   for why in (NOT_TRANSLATED, COPIED_SOURCE, NOT_IN_FILE)]
        return f", {len(self.skipped)} skipped (" + "; ".join(f"{why}: {_listed(ids)}" for why, ids in reasons if ids) + ")"


def _listed(ids: tuple[str, ...], most: int = 6) -> str:
    return ", ".join(ids[:most]) + (f" and {len(ids) - most} more" if len(ids) > most else "")


def units(folder: Path, lang: str) -> list[Unit]:
    folder = Path(folder)
    source = load_document(folder, SOURCE_LANG)
    doc = translation(folder, lang)
    notes = block_notes(doc.path)
    found: list[Unit] = []
    for english, translated in zip(source.blocks, doc.blocks):
        old = history.english_as_it_was(folder, translated.translated_from) if translated.status == "stale" else None
        targets = dict(translated.fields()) if translated.status != "missing" else {}
        for path, text in english.fields():
            target = targets.get(path)
            found.append(Unit(
                context=label(english.id, path), block_type=english.type, source=text.markup,
                target=target.markup if target is not None else "", status=translated.status,
                where=f"{source.path.name}:{text.where.line}",
                previous=(old or {}).get(field_label(path), ""),
                note=notes.get(english.id, {}).get(field_label(path), ""),
            ))
    return found


def import_units(folder: Path, exchange: Exchange, reviewed: bool = False, force: bool = False) -> ImportResult:
    """Check the file's header, then every unit by block, then update the translation file in one write."""
    from .intake import Target, check_blocks, group_units
    from .writeback import write_blocks

    folder = Path(folder)
    lang = _language(exchange)
    source = load_document(folder, SOURCE_LANG)
    problems = Problems()
    _check_document(exchange, source, problems)
    path = folder / f"{lang.code}.yaml"
    current = {b.id: b for b in load_document(folder, lang.code).blocks} if path.is_file() else {}
    target = Target(folder, exchange.path, lang, source, current, exchange.lang.line, force)
    intake = check_blocks(target, group_units(target, exchange.units, problems), problems)
    problems.raise_if_any()
    written = write_blocks(target, intake.checked, reviewed)
    return ImportResult(path, lang.code, written.changed, len(intake.checked) - len(written.changed), written.stale,
                        exchange.format, intake.skipped, written.noted, intake.warnings)


def _language(exchange: Exchange) -> Language:
    """The project's language the file is for; refused when it names none, or English."""
    from .langcode import project_code

    problems = Problems()
    said = exchange.lang.value
    choices = [c for c in languages() if c != SOURCE_LANG]
    code = project_code(said, languages()) if said else None
    where = Location(exchange.path, exchange.lang.line)
    header = "PO 'Language:' header" if exchange.format == "po" else "XLIFF <file target-language>"
    if code is None or code.code is None or code.code == SOURCE_LANG:
        problems.add(where, f"the file's language is {said!r}{code.hint if code else ''}" if said else "the file names no language",
                     f"expected one of: {', '.join(choices)} ({header})")
        problems.raise_if_any()
    return language(code.code)


def _check_document(exchange: Exchange, source: Document, problems: Problems) -> None:
    """A file for another document, or translated from another language, is refused."""
    said = exchange.document
    what = "Project-Id-Version" if exchange.format == "po" else "<file original>"
    if said.value and said.value.strip() not in (source.id, "PACKAGE VERSION"):
        problems.add(Location(exchange.path, said.line), f"the file is for document {said.value.strip()!r} ({what})",
                     f"expected '{source.id}', the document of {source.path}: is this the right --doc?")
    lang = exchange.source_lang
    if lang.value is not None and (lang.value.replace("_", "-").split("-")[0].lower() != SOURCE_LANG):
        problems.add(Location(exchange.path, lang.line), f"the file's source language is {lang.value!r}",
                     f"expected '{SOURCE_LANG}': the English is what the pamphlet is translated from")
