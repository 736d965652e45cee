"""The import's check phase: a file's units -> blocks checked to write.

In:  an ``Exchange`` (incoming.py) and the ``Target`` it goes to: the
     English, the translation as it is, the language.
Out: an ``Intake``: ``CheckedBlock``s, ``Skipped`` blocks with why, and
     warnings; every problem added to a ``Problems``, nothing written.

A block is taken when the file translates every text of it. A text is not
a translation when it is blank (only spaces and format characters), or
when it is the English copied in by the tool and still marked as needing
translation (OmegaT's needs-translation targets, Poedit's "copy source",
fuzzy) while the translation file has something else. The file's English
must be the current English or one the history knows; where it is older
than a block that already translates the current English, the block is
refused unless ``force``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.fingerprint import fingerprint
from ..content.load import SOURCE_LANG
from ..content.model import Block, Document
from ..content.whitespace import normalise
from ..errors import Location, Problems
from ..languages import Language, language
from ..projectdirs import doc_option
from . import history
from .incoming import (COPIED_SOURCE, NEEDS_REVIEW, NOT_IN_FILE, NOT_TRANSLATED, CheckedBlock, Incoming, Skipped)
from .labels import field_label, label, parse_label
from .textchecks import blank, check_text, foreign_letter, own_scripts

MOST_SCRIPT_PROBLEMS = 3  # a whole file in another language is one problem, not sixty
GIVEN = "given"


@dataclass(frozen=True)
class Target:
    """Where an import goes: the English, the translation as it is, its language."""

    folder: Path
    file: Path  # the PO or XLIFF file, for locations
    lang: Language
    source: Document
    current: dict = field(hash=False)  # block id -> the translation's Block ({} with no file yet)
    lang_line: int | None = None  # where the file names its language
    force: bool = False  # take text of older English over a block that translates the current one

    def at(self, line: int | None) -> Location:
        return Location(self.file, line)


@dataclass(frozen=True)
class Intake:
    """What the check phase made of a file."""

    checked: tuple[CheckedBlock, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...] = ()


def group_units(target: Target, units: tuple[Incoming, ...], problems: Problems) -> dict[str, dict[tuple, Incoming]]:
    """The units by block and text; labels that name nothing are problems."""
    known = {b.id: b for b in target.source.blocks}
    grouped: dict[str, dict[tuple, Incoming]] = {}
    seen: dict[str, int] = {}
    for unit in units:
        parsed = parse_label(unit.context) if unit.context else None
        if parsed is None:
            problems.add(target.at(unit.line), f"context {unit.context!r} is not a block text label",
                         "expected a label like 'who-intro.text' or 'who-list.items.2' (msgctxt / unit id as exported)")
            continue
        block_id, path = parsed
        if unit.context in seen:
            problems.add(target.at(unit.line), f"'{unit.context}' appears twice (first on line {seen[unit.context]})",
                         "expected each text once")
            continue
        seen[unit.context] = unit.line
        block = known.get(block_id)
        if block is None:
            problems.add(target.at(unit.line), f"'{block_id}' is not a block of {target.source.path.name}",
                         "expected a block id of the current English (export again after the English changed)")
        elif path not in dict(block.fields()):
            problems.add(target.at(unit.line), f"block '{block_id}' has no text '{field_label(path)}'",
                         f"expected one of: {', '.join(field_label(f) for f, _ in block.fields())}")
        else:
            grouped.setdefault(block_id, {})[path] = unit
    return grouped


def check_blocks(target: Target, grouped: dict[str, dict[tuple, Incoming]], problems: Problems) -> Intake:
    """Check every block the file has; the blocks it lacks are skipped."""
    checked, skipped, warnings, foreign = [], [], [], []
    library = None
    for block in target.source.blocks:
        found = grouped.get(block.id)
        if found is None:
            skipped.append(Skipped(block.id, NOT_IN_FILE))
            continue
        result = _check_block(target, block, found, problems)
        if isinstance(result, Skipped):
            skipped.append(result)
            noted = [label(block.id, p) for p, u in found.items() if u.note.strip()]
            if noted:
                warnings.append(f"{target.file.name}: the translator's note on {', '.join(noted)} is not kept: "
                                f"block '{block.id}' is skipped ({result.why})")
        elif result is not None:
            library = library or _library(target.source)
            _check_texts(target, block, found, result, problems, library, foreign)
            checked.append(result)
    _report_foreign(target, foreign, problems)
    return Intake(tuple(checked), tuple(skipped), tuple(warnings))


def _kind(target: Target, block: Block, path: tuple, unit: Incoming) -> str:
    """GIVEN, or why this text is not a translation."""
    if unit.status is None or blank(unit.target):
        return NOT_TRANSLATED
    if unit.status == NEEDS_REVIEW and normalise(unit.target, target.lang) == normalise(unit.source, language(SOURCE_LANG)):
        now = target.current.get(block.id)
        had = dict(now.fields()).get(path) if now is not None and now.status != "missing" else None
        if had is None or had.markup != normalise(unit.target, target.lang):
            return COPIED_SOURCE
    return GIVEN


def _check_block(target: Target, block: Block, found: dict[tuple, Incoming], problems: Problems):
    """A CheckedBlock, a Skipped block, or None after adding its problems."""
    kinds = {path: _kind(target, block, path, unit) for path, unit in found.items()}
    given = {path: found[path] for path, kind in kinds.items() if kind == GIVEN}
    if not given:
        return Skipped(block.id, COPIED_SOURCE if COPIED_SOURCE in kinds.values() else NOT_TRANSLATED)
    first = min(u.line for u in found.values())
    absent = [path for path, _ in block.fields() if path not in given]
    if absent:
        copied = [label(block.id, p) for p in absent if kinds.get(p) == COPIED_SOURCE]
        problems.add(target.at(found[absent[0]].line if absent[0] in found else first),
                     f"block '{block.id}' is translated in part: {', '.join(label(block.id, p) for p in absent)} "
                     f"{'has' if len(absent) == 1 else 'have'} no translation"
                     + (f" ({', '.join(copied)}: the English copied in, still marked as needing translation)" if copied else ""),
                     "expected every text of a block translated (a list keeps its number of items), or none")
        return None
    made_from = _made_from(target.folder, block, {p: u.source for p, u in found.items()})
    if made_from is None:
        problems.add(target.at(first), f"the English of block '{block.id}' in this file is neither the current English "
                                       f"nor one the history knows", f"expected the source text of {block.where} (export again)")
        return None
    texts = {p: u.target for p, u in given.items()}
    statuses = {p: u.status for p, u in given.items()}
    now = target.current.get(block.id)
    if made_from != fingerprint(block) and now is not None and now.status in ("draft", "reviewed"):
        if not _edits(target, now, texts):  # the same texts, checked against older English: nothing new
            made_from, statuses = now.translated_from, dict.fromkeys(statuses, NEEDS_REVIEW)
        elif not target.force:
            problems.add(target.at(first), f"block '{block.id}' is {now.status} and translates the current English, but this "
                         "file's English for it is older (the file was exported before the English changed)",
                         f"expected a file exported since (make_pamphlet.py export{doc_option(target.folder)} --lang "
                         f"{target.lang.code}); "
                         "or import --force to take this file's text anyway, leaving the block stale")
            return None
    return CheckedBlock(block.id, texts, made_from, statuses,
                        {field_label(p): u.note.strip() for p, u in found.items() if u.note.strip()}, first)


def _edits(target: Target, now: Block, texts: dict[tuple, str]) -> bool:
    had = {p: t.markup for p, t in now.fields()}
    return any(normalise(t, target.lang) != had.get(p) for p, t in texts.items())


def _check_texts(target: Target, block: Block, found: dict[tuple, Incoming], checked: CheckedBlock,
                 problems: Problems, library, foreign: list) -> None:
    english = dict(block.fields())
    scripts = own_scripts(target.lang)
    for path, text in checked.texts.items():
        where, what = target.at(found[path].line), label(block.id, path)
        letter = foreign_letter(text, scripts)
        if letter is not None:  # the wrong language: its characters' fonts and markup say nothing more
            foreign.append((where, what, letter))
        else:
            check_text(problems, where, what, english[path].markup, text, target.lang, library, block.id)


def _report_foreign(target: Target, foreign: list, problems: Problems) -> None:
    """Texts in another script: the first few, then how many more."""
    name = f"{target.lang.name} ({target.lang.code})"
    for where, what, letter in foreign[:MOST_SCRIPT_PROBLEMS]:
        problems.add(where, f"{what} is written in {' or '.join(letter.scripts)} ('{letter.char}' U+{ord(letter.char):04X} "
                            f"at character {letter.position}), not in the script of {name}",
                     "expected a translation into the file's language (Latin letters are fine for names and addresses): "
                     "is this file for another language?")
    if len(foreign) > MOST_SCRIPT_PROBLEMS:
        problems.add(target.at(target.lang_line), f"{len(foreign)} texts are not in the script of {name} (the first "
                                                   f"{MOST_SCRIPT_PROBLEMS} are named at their lines)",
                     "expected a file in the language it names")


def _made_from(folder: Path, block: Block, sources: dict[tuple, str]) -> str | None:
    """The fingerprint of the English these source texts are, if known."""
    lang = language(SOURCE_LANG)
    given = {field_label(f): normalise(s, lang) for f, s in sources.items()}
    current = {field_label(f): t.markup for f, t in block.fields()}
    if all(current.get(k) == v for k, v in given.items()):
        return fingerprint(block)
    for fp, entry in history.read_history(folder).items():
        fields = entry.get("fields") or {}
        if entry.get("block") == block.id and set(fields) == set(current) \
                and all(fields.get(k) == v for k, v in given.items()):
            return fp
    return None


def _library(source: Document):
    from ..text.fontlibrary import library_with

    return library_with(source.fonts)
