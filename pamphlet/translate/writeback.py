"""The import's write phase: checked blocks -> the translation file, in one write.

In:  the ``Target`` (intake.py) and its ``CheckedBlock``s.
Out: ``Written``: the blocks written with their status, those still stale
     with why, those whose translator's notes changed; the file written
     once, after it is read back as a build would read it.

A text is checked against the file's English when its translator changed
it, or when the file no longer flags it for review. While any text of a
block is unchanged and still flagged, the block keeps its fingerprint: its
translation was not checked against the new English.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.fingerprint import fingerprint
from ..content.model import Block
from ..content.whitespace import normalise
from ..errors import Location, PamphletError, Problems
from . import history
from .incoming import NEEDS_REVIEW, OLDER_ENGLISH, REVIEWED, TRANSLATED, CheckedBlock, Outcome
from .intake import Target
from .yamlfile import TranslationFile, block_notes


@dataclass(frozen=True)
class Plan:
    """What an import does to one block."""

    write: bool
    edited: tuple  # the fields whose text changes
    status: str  # draft | reviewed
    source: str | None  # the fingerprint to record; None keeps the block's own
    stale: str = ""  # why the block is stale afterwards ('' if it is not)


@dataclass(frozen=True)
class Written:
    """What the write phase did."""

    changed: tuple[Outcome, ...]  # each block whose text or status was written, with its status
    stale: tuple[Outcome, ...]  # each block still stale, with why
    noted: tuple[str, ...]  # blocks whose translator's notes were written


def plan(block: Block, now: Block | None, new_texts: dict[tuple, str], made_from: str, statuses: dict[tuple, str],
         reviewed: bool) -> Plan:
    """Decide one block: which texts change, which fingerprint and status it records."""
    current = fingerprint(block)
    old_texts = {f: t.markup for f, t in now.fields()} if now is not None and now.status != "missing" else {}
    edited = tuple(f for f, t in new_texts.items() if t != old_texts.get(f))
    pending = [f for f, s in statuses.items() if s == NEEDS_REVIEW and f not in edited]
    if pending and (now is None or now.status == "missing"):
        # Nothing was there to keep: the file's text is a first draft of its English, not a stale block.
        return Plan(True, edited, "draft", made_from, OLDER_ENGLISH if made_from != current else "")
    if pending:
        kept = now.translated_from
        source = None if made_from == current else made_from  # an older export's edits are of older English
        after = kept if source is None or not edited else source
        why = (NEEDS_REVIEW if made_from == current else OLDER_ENGLISH) if after != current else ""
        return Plan(bool(edited), edited, "draft", source, why)
    every_reviewed = all(s == REVIEWED or (reviewed and s == TRANSLATED) for s in statuses.values())
    status = "reviewed" if every_reviewed else "draft"
    same = now is not None and not edited and made_from == now.translated_from
    # An unchanged text keeps a reviewed status: re-importing a round trip is not a new draft.
    if same and now.status == "reviewed":
        status = "reviewed"
    why = OLDER_ENGLISH if made_from != current else ""
    if same and now.status in (status, "stale"):  # the same texts from the same English: nothing to record
        return Plan(False, (), status, made_from, why)
    return Plan(True, edited, status, made_from, why)


def write_blocks(target: Target, checked: tuple[CheckedBlock, ...], reviewed: bool) -> Written:
    """Apply every checked block to the translation file and write it once."""
    known = {b.id: b for b in target.source.blocks}
    path = target.folder / f"{target.lang.code}.yaml"
    file = TranslationFile(path, target.source, target.lang.code)
    notes_now = block_notes(path)
    changed, stale, noted = [], [], []
    for item in checked:
        block = known[item.block_id]
        texts = {f: normalise(t, target.lang) for f, t in item.texts.items()}
        step = plan(block, target.current.get(item.block_id), texts, item.made_from, item.statuses, reviewed)
        if step.stale:
            stale.append(Outcome(item.block_id, step.stale))
        if item.notes != notes_now.get(item.block_id, {}) and (step.write or item.block_id in target.current
                                                                and target.current[item.block_id].status != "missing"):
            file.set_notes(block, item.notes)
            noted.append(item.block_id)
        if not step.write:
            continue
        for field in step.edited:
            file.set_text(block, field, item.texts[field].strip())
        if step.source is None:
            file.set_status(block, step.status)  # the fingerprint it had is kept
        else:
            file.stamp(block, step.status, step.source)
        changed.append(Outcome(item.block_id, step.status))
    if changed or noted:
        text = file.final_text()
        _check_loads(target, text, {c.block_id: c.line for c in checked})
        made_from = {c.block_id: c.made_from for c in checked}
        history.record(target.folder, [known[o.block_id] for o in changed
                                       if fingerprint(known[o.block_id]) == made_from[o.block_id]])
        file.save(text)
    return Written(tuple(changed), tuple(stale), tuple(noted))


def _check_loads(target: Target, text: str, unit_lines: dict[str, int]) -> None:
    """Read the file about to be written as a build would; anything the
    loader refuses is reported at the unit it came from, and nothing is written."""
    import re
    import tempfile
    from pathlib import Path

    from ..content.load import read_translation_at

    lang = target.lang.code
    with tempfile.TemporaryDirectory(prefix="pamphlet-import-") as tmp:
        candidate = Path(tmp) / f"{lang}.yaml"
        candidate.write_text(text, encoding="utf-8")
        try:
            read_translation_at(target.folder, lang, candidate)
        except PamphletError as exc:
            starts = [(n + 1, m.group(1)) for n, line in enumerate(text.splitlines())
                      if (m := re.match(r"^  ([a-z0-9-]+):", line))]
            problems = Problems()
            for problem in exc.problems:
                line = problem.where.line if problem.where and problem.where.path == candidate else None
                owner = [block for start, block in starts if line and start <= line]
                at = unit_lines.get(owner[-1]) if owner else None
                problems.add(Location(target.file, at), f"{lang}.yaml would be refused: {problem.message}", problem.expected)
            problems.raise_if_any()
