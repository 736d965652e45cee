"""Exchange with CAT tools: translations as units out, checked units back in.

In (export): a document folder and a language.
Out: ``Unit``s, one per translatable text (a block's text, each list item,
     each contact label and value), in reading order; ``po`` and ``xliff``
     write them.
In (import): ``Incoming`` units read from a PO or XLIFF file.
Out: the translation file updated in place (texts, fingerprints, statuses),
     or a PamphletError with every problem as ``FILE:line: ...`` and
     nothing written.

A unit's context is its label (``who-list.items.2``). A block is imported
when the file translates every text of it; its fingerprint is that of the
English the file's source texts are (the current English, or an older one
from the history, which leaves the block stale). A text the CAT tool still
flags for review (PO ``fuzzy``, XLIFF ``needs-review-translation`` and the
like) and the translator left as it was says nothing new: its block keeps
the fingerprint it had, so a stale block stays stale until every such text
is cleared or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.fingerprint import fingerprint
from ..content.inline import parse_inline
from ..content.load import SOURCE_LANG, load_document
from ..content.model import Block
from ..content.whitespace import normalise
from ..errors import Location, PamphletError, Problems
from ..languages import language, languages
from ..paths import doc_option
from . import history
from .paths import field_label, label, parse_label
from .status import translation
from .yamlfile import TranslationFile


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


@dataclass(frozen=True)
class Incoming:
    """One unit as read back from a CAT tool's file."""

    line: int
    context: str
    source: str
    target: str
    status: str | None  # NEEDS_REVIEW | TRANSLATED | REVIEWED | None (untranslated)


# What a CAT tool says of one text (po.py and xliff.py map their flags and states onto these).
NEEDS_REVIEW = "needs-review"  # PO fuzzy, XLIFF new / needs-*: not yet checked against this English
TRANSLATED = "translated"  # checked by the translator; a draft until reviewed
REVIEWED = "reviewed"  # PO 'reviewed' flag, XLIFF signed-off / final / approved="yes"
OLDER_ENGLISH = "older-english"  # why a block stays stale: the file's English is an older one


@dataclass(frozen=True)
class ImportResult:
    path: Path
    lang: str
    changed: tuple[tuple[str, str], ...]  # (block id, status) of each block written
    unchanged: int
    # Blocks of the file still stale after the import, each with why:
    # NEEDS_REVIEW (a text still flagged for review, left as it was) or OLDER_ENGLISH.
    stale: tuple[tuple[str, str], ...] = ()
    format: str = "po"  # po | xliff

    def summary(self) -> list[str]:
        """What the import did, as lines for the person who ran it."""
        statuses = [s for _, s in self.changed]
        counts = ", ".join(f"{statuses.count(s)} {s}" for s in ("draft", "reviewed") if s in statuses)
        lines = [f"{self.path.name}: {len(self.changed)} block(s) updated{f' ({counts})' if counts else ''}, "
                 f"{self.unchanged} unchanged"]
        flagged = [b for b, why in self.stale if why == NEEDS_REVIEW]
        older = [b for b, why in self.stale if why == OLDER_ENGLISH]
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


def units(folder: Path, lang: str) -> list[Unit]:
    folder = Path(folder)
    source = load_document(folder, SOURCE_LANG)
    doc = translation(folder, lang)
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
            ))
    return found


def import_units(folder: Path, lang: str | None, file: Path, incoming: list[Incoming], reviewed: bool = False,
                 header_line: int = 1, format: str = "po") -> ImportResult:
    """Check every incoming unit, then update the translation file in one write."""
    folder = Path(folder)
    problems = Problems()

    def at(line: int | None) -> Location:
        return Location(file, line)

    if lang is None or lang not in languages() or lang == SOURCE_LANG:
        problems.add(at(header_line), f"the file's language is {lang!r}" if lang else "the file names no language",
                     f"expected one of: {', '.join(c for c in languages() if c != SOURCE_LANG)} (PO 'Language:' header, XLIFF target-language)")
        problems.raise_if_any()
    source = load_document(folder, SOURCE_LANG)
    path = folder / f"{lang}.yaml"
    doc = load_document(folder, lang) if path.is_file() else None
    lang_info = language(lang)
    known = {b.id: b for b in source.blocks}

    by_block: dict[str, dict[tuple, Incoming]] = {}
    seen: dict[str, int] = {}
    for unit in incoming:
        parsed = parse_label(unit.context) if unit.context else None
        if parsed is None:
            problems.add(at(unit.line), f"context {unit.context!r} is not a block text label",
                         "expected a label like 'who-intro.text' or 'who-list.items.2' (msgctxt / unit id as exported)")
            continue
        block_id, field = parsed
        if unit.context in seen:
            problems.add(at(unit.line), f"'{unit.context}' appears twice (first on line {seen[unit.context]})", "expected each text once")
            continue
        seen[unit.context] = unit.line
        block = known.get(block_id)
        if block is None:
            problems.add(at(unit.line), f"'{block_id}' is not a block of {source.path.name}",
                         "expected a block id of the current English (export again after the English changed)")
            continue
        english = dict(block.fields())
        if field not in english:
            problems.add(at(unit.line), f"block '{block_id}' has no text '{field_label(field)}'", _expected_fields(block))
            continue
        by_block.setdefault(block_id, {})[field] = unit

    checked: dict[str, tuple[dict[tuple, str], str, dict[tuple, str | None]]] = {}
    library = None
    for block_id, found in by_block.items():
        block = known[block_id]
        english = dict(block.fields())
        translated = {f: u for f, u in found.items() if u.target.strip()}
        if not translated:
            continue  # nothing translated in this block: left as it is
        absent = [f for f in english if f not in translated]
        if absent:
            first = min(found.values(), key=lambda u: u.line)
            problems.add(at(found[absent[0]].line if absent[0] in found else first.line),
                         f"block '{block_id}' is translated in part: {', '.join(label(block_id, f) for f in absent)} "
                         f"{'has' if len(absent) == 1 else 'have'} no translation",
                         "expected every text of a block translated (a list keeps its number of items), or none")
            continue
        made_from = _made_from(folder, block, {f: u.source for f, u in found.items()})
        if made_from is None:
            first = min(found.values(), key=lambda u: u.line)
            problems.add(at(first.line), f"the English of block '{block_id}' in this file is neither the current English "
                                         f"nor one the history knows", f"expected the source text of {block.where} (export again)")
            continue
        for field, unit in translated.items():
            what = label(block_id, field)
            library = library or _library(source)
            _check_text(problems, at(unit.line), what, english[field].markup, unit.target, lang_info, library, block_id)
        checked[block_id] = ({f: u.target for f, u in translated.items()}, made_from,
                             {f: u.status for f, u in translated.items()})
    problems.raise_if_any()

    file_ = TranslationFile(path, source, lang)
    changed, stale = [], []
    current = {b.id: b for b in doc.blocks} if doc else {}
    for block_id, (texts, made_from, statuses) in checked.items():
        block, now = known[block_id], current.get(block_id)
        plan = _plan(block, now, {f: normalise(t, lang_info) for f, t in texts.items()}, made_from, statuses, reviewed)
        if plan.stale:
            stale.append((block_id, plan.stale))
        if not plan.write:
            continue
        for field in plan.edited:
            file_.set_text(block, field, texts[field].strip())
        if plan.source is None:
            file_.set_status(block, plan.status)  # the fingerprint it had is kept
        else:
            file_.stamp(block, plan.status, plan.source)
        changed.append((block_id, plan.status))
    if changed:
        text = file_.final_text()
        _check_loads(folder, lang, text, file, {b: min(u.line for u in by_block[b].values()) for b in by_block})
        history.record(folder, [known[b] for b, _ in changed if fingerprint(known[b]) == checked[b][1]])
        file_.save(text)
    return ImportResult(path, lang, tuple(changed), len(checked) - len(changed), tuple(stale), format)


@dataclass(frozen=True)
class _Plan:
    """What an import does to one block."""

    write: bool
    edited: tuple  # the fields whose text changes
    status: str  # draft | reviewed
    source: str | None  # the fingerprint to record; None keeps the block's own
    stale: str = ""  # why the block is stale afterwards ('' if it is not)


def _plan(block: Block, now: Block | None, new_texts: dict[tuple, str], made_from: str, statuses: dict[tuple, str],
          reviewed: bool) -> _Plan:
    """Decide one block: which texts change, which fingerprint and status it records.

    A text is checked against the file's English when its translator changed
    it, or when the file no longer flags it for review. While any text of the
    block is unchanged and still flagged, the block keeps its fingerprint:
    its translation was not checked against the new English."""
    current = fingerprint(block)
    old_texts = {f: t.markup for f, t in now.fields()} if now is not None and now.status != "missing" else {}
    edited = tuple(f for f, t in new_texts.items() if t != old_texts.get(f))
    pending = [f for f, s in statuses.items() if s == NEEDS_REVIEW and f not in edited]
    if pending:
        kept = now.translated_from if now is not None else ""
        source = None if made_from == current else made_from  # an older export's edits are of older English
        after = kept if source is None or not edited else source
        why = (NEEDS_REVIEW if made_from == current else OLDER_ENGLISH) if after != current else ""
        return _Plan(bool(edited), edited, "draft", source, why)
    every_reviewed = all(s == REVIEWED or (reviewed and s == TRANSLATED) for s in statuses.values())
    status = "reviewed" if every_reviewed else "draft"
    same = now is not None and not edited and made_from == now.translated_from
    # An unchanged text keeps a reviewed status: re-importing a round trip is not a new draft.
    if same and now.status == "reviewed":
        status = "reviewed"
    why = OLDER_ENGLISH if made_from != current else ""
    if same and now.status in (status, "stale"):  # the same texts from the same English: nothing to record
        return _Plan(False, (), status, made_from, why)
    return _Plan(True, edited, status, made_from, why)


def _check_loads(folder: Path, lang: str, text: str, file: Path, unit_lines: dict[str, int]) -> None:
    """Read the file about to be written as a build would; anything the
    loader refuses is reported at the unit it came from, and nothing is written."""
    import re
    import tempfile

    from ..content.load import read_translation_at

    with tempfile.TemporaryDirectory(prefix="pamphlet-import-") as tmp:
        candidate = Path(tmp) / f"{lang}.yaml"
        candidate.write_text(text, encoding="utf-8")
        try:
            read_translation_at(folder, lang, candidate)
        except PamphletError as exc:
            starts = [(n + 1, m.group(1)) for n, line in enumerate(text.splitlines())
                      if (m := re.match(r"^  ([a-z0-9-]+):", line))]
            problems = Problems()
            for problem in exc.problems:
                line = problem.where.line if problem.where and problem.where.path == candidate else None
                owner = [block for start, block in starts if line and start <= line]
                at = unit_lines.get(owner[-1]) if owner else None
                problems.add(Location(file, at), f"{lang}.yaml would be refused: {problem.message}", problem.expected)
            problems.raise_if_any()


def _expected_fields(block: Block) -> str:
    return f"expected one of: {', '.join(field_label(f) for f, _ in block.fields())}"


def _made_from(folder: Path, block: Block, sources: dict[tuple, str]) -> str | None:
    """The fingerprint of the English these source texts are, if known."""
    lang = language(SOURCE_LANG)
    given = {field_label(f): normalise(s, lang) for f, s in sources.items()}
    current = {field_label(f): t.markup for f, t in block.fields()}
    if all(current.get(k) == v for k, v in given.items()):
        return fingerprint(block)
    for fp, entry in history.read_history(folder).items():
        fields = entry.get("fields") or {}
        if entry.get("block") == block.id and set(fields) == set(current) and all(fields.get(k) == v for k, v in given.items()):
            return fp
    return None


def _library(source):
    from ..text.fonts import library_with

    return library_with(source.fonts)


def _markup_shape(markup: str):
    """What a translation must keep of its source: strong and emphasis runs, footnote marks."""
    spans = parse_inline(markup)
    return (sum(1 for s in spans if s.strong), sum(1 for s in spans if s.em),
            sum(s.text.count("*") for s in spans))


def _check_text(problems: Problems, where: Location, what: str, english: str, target: str, lang, library, block_id: str) -> None:
    from ..content.characters import text_problems
    from ..text.scripts import resolve_classes

    bad = text_problems(target)
    for message, expected in bad:
        problems.add(where, f"{what}: {message}", expected)
    if bad:
        return
    text = normalise(target, lang)
    try:
        got = _markup_shape(text)
    except ValueError as exc:
        problems.add(where, f"{what}: {exc}", "expected balanced ** and _ markup, as in the English")
        return
    want = _markup_shape(english)
    for (name, n_want, n_got) in zip(("**strong** run", "_emphasis_ run", "'*' footnote mark"), want, got):
        if n_want != n_got:
            problems.add(where, f"{what} has {n_got} {name}{'s' if n_got != 1 else ''}, the English {n_want}",
                         f"expected the same inline markup and footnote marks as the English: {english[:60]!r}")
    plain = "".join(s.text for s in parse_inline(text))
    found = Problems()
    library.choose(plain, resolve_classes(plain), ["regular"] * len(plain), lang.fonts, where, block_id, found)
    for problem in found.items[:3]:
        problems.add(where, f"{what}: {problem.message.split(': ', 1)[-1]}", problem.expected)
