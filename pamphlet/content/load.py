"""content: YAML files -> a validated Document in one language.

In:  a document folder (``text/<doc>/``) and a language code.
Out: ``Document`` whose blocks carry the language's text, or a PamphletError
     listing every problem found as ``file:line: what; expected``.

The source file (``en.yaml``) defines blocks and editions; a translation file
maps block ids to text. See docs/content-format.md.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..buildcontext import remembered
from ..errors import Location, PamphletError, Problem, Problems
from ..languages import Language, language, languages
from ..limits import MAX_BLOCK_CHARS, MAX_BLOCKS, MAX_DOCUMENT_CHARS
from ..projectdirs import checked_asset_path
from ..suggest import did_you_mean, misspelt
from ..text.fontlibrary import read_families
from ..yamlsource import LList, LMap, load
from .characters import text_problems
from .fingerprint import PATTERN as FINGERPRINT, fingerprint
from .inline import parse_inline
from .artfile import KINDS, checked_art
from .model import BLOCK_TYPES, SLOTS, Block, ContactLine, Document, Edition, ImageRef, Text
from .partners import PartnerPolicy, read_policy, read_site_qr
from .whitespace import normalise

SOURCE_LANG = "en"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STATUSES = ("draft", "reviewed")
QUOTE_KINDS = ("testimony", "citation")

# Text keys each block type has: key -> required?
TEXT_KEYS: dict[str, dict[str, bool]] = {
    "title": {"text": True, "subtitle": False},
    "heading": {"text": True},
    "paragraph": {"text": True},
    "list": {"heading": False, "items": True},
    "note": {"text": True},
    "quote": {"text": True, "attribution": False},
    "callout": {"text": True},
    "contact": {"heading": False, "lines": True},
    "image": {"caption": False, "alt": True},
}
SETTING_KEYS: dict[str, tuple[str, ...]] = {"heading": ("level",), "quote": ("kind",), "image": ("file", "width")}
# Keys a translation may give besides the text keys: an image block may show
# other art in a language (a picture with words in it).
TRANSLATION_SETTING_KEYS: dict[str, tuple[str, ...]] = {"image": ("file",)}
SOURCE_DOC_KEYS = ("id", "lang", "title", "organisation", "notes", "fonts", "qr")
TRANSLATION_DOC_KEYS = ("lang", "status", "translator", "notes", "title")


def available_languages(folder: Path) -> list[str]:
    """Languages that have a content file in this document folder, in registry order."""
    return [code for code in languages() if (folder / f"{code}.yaml").is_file()]


def load_document(folder: Path, lang: str) -> Document:
    folder = Path(folder).resolve()
    source_path, path = folder / f"{SOURCE_LANG}.yaml", folder / f"{lang}.yaml"
    return _load_cached(folder, lang, _stamp(source_path), _stamp(path))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


@remembered(maxsize=64)
def _load_cached(folder: Path, lang: str, _source_stamp, _stamp) -> Document:
    """One parse per file version per process (a batch loads each file once)."""
    source = _source_cached(folder, _source_stamp)
    if lang == SOURCE_LANG:
        return source
    return _read_translation(source, folder / f"{lang}.yaml", language(lang))


@remembered(maxsize=16)
def _source_cached(folder: Path, _source_stamp) -> Document:
    """The source parsed once per version: saving a translation (watch) re-reads only that file."""
    return _read_source(folder)


class _Reader:
    """Shared checks; collects problems for one file."""

    def __init__(self, path: Path, lang: Language):
        self.path = path
        self.lang = lang
        self.problems = Problems()

    def at(self, line: int | None) -> Location:
        return Location(self.path, line)

    def check_keys(self, mapping: LMap, allowed: tuple[str, ...], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed)
                self.problems.add(
                    self.at(mapping.line_of(key)),
                    f"unknown key '{key}' in {what}",
                    f"expected one of: {', '.join(allowed)}{hint}",
                )

    def mapping(self, value: Any, line: int | None, what: str) -> LMap | None:
        if isinstance(value, LMap):
            return value
        self.problems.add(self.at(line), f"{what} is {_kind(value)}", "expected a mapping of keys to values")
        return None

    def text(self, value: Any, line: int | None, what: str) -> Text | None:
        if not isinstance(value, str) or not value.strip():
            self.problems.add(self.at(line), f"{what} is {_kind(value)}", "expected non-empty text")
            return None
        where = self.at(getattr(value, "line", line))
        bad = text_problems(value)
        for message, expected in bad:
            self.problems.add(where, f"{what}: {message}", expected)
        if bad:
            return None
        markup = normalise(value, self.lang)
        try:
            spans = parse_inline(markup)
        except ValueError as exc:
            self.problems.add(where, f"{what}: {exc}", "expected balanced ** and _ markup")
            return None
        return Text(spans, where, markup)

    def text_list(self, value: Any, line: int | None, what: str) -> tuple[Text, ...]:
        if not isinstance(value, LList) or not value:
            self.problems.add(self.at(line), f"{what} is {_kind(value)}", "expected a list of texts")
            return ()
        found = [self.text(item, item_line, f"{what} item {n + 1}") for n, (item, item_line) in enumerate(zip(value, value.item_lines))]
        return tuple(t for t in found if t is not None)

    def contact_lines(self, value: Any, line: int | None, what: str) -> tuple[ContactLine, ...]:
        if not isinstance(value, LList) or not value:
            self.problems.add(self.at(line), f"{what} is {_kind(value)}", "expected a list of {label, value} mappings")
            return ()
        found = []
        for n, (item, item_line) in enumerate(zip(value, value.item_lines)):
            entry = self.mapping(item, item_line, f"{what} item {n + 1}")
            if entry is None:
                continue
            self.check_keys(entry, ("label", "value"), f"{what} item {n + 1}")
            label = self.text(entry.get("label"), entry.line_of("label"), f"{what} item {n + 1} label")
            text = self.text(entry.get("value"), entry.line_of("value"), f"{what} item {n + 1} value")
            if label and text:
                found.append(ContactLine(label, text))
        return tuple(found)

    def image_ref(self, entry: LMap, block_id: str, folder: Path, width: ImageRef | None = None) -> ImageRef | None:
        """The art an image block names: a readable PNG, JPEG, SVG or
        single-page PDF inside the document folder. ``width`` carries the
        source's width into a translation that swaps the file."""
        line = entry.line_of("file")
        file = entry.get("file")
        if not isinstance(file, str) or not file.strip():
            self.problems.add(self.at(line or entry.line), f"image '{block_id}' has no 'file'" if file is None else f"image '{block_id}' file is {_kind(file)}",
                              "expected a path inside the document folder, e.g. 'art/mark.svg'")
            return None
        path = checked_asset_path(file, folder, self.at(line), f"image '{block_id}' file", self.problems)
        if path is None:
            return None
        if path.suffix.lower() not in KINDS:
            self.problems.add(self.at(line), f"image '{block_id}' file '{file}' is not PNG, JPEG, SVG or PDF", "expected .png, .jpg, .svg or .pdf")
            return None
        art = checked_art(path, self.at(line), file, f"image '{block_id}' file", self.problems, folder)
        if art is None:
            return None
        aspect = art.aspect
        if width is not None:
            return ImageRef(path, width.width, width.relative, self.at(line), aspect)
        value, wline = entry.get("width", 1.0), entry.line_of("width")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not 0 < value <= 1:
                self.problems.add(self.at(wline), f"image '{block_id}' width is {value}", "expected a fraction of the measure (0 to 1) or a length such as '1.5in'")
                return None
            return ImageRef(path, float(value), True, self.at(line), aspect)
        from ..layouts import parse_length

        try:
            points = parse_length(value, self.at(wline))
        except PamphletError:
            points = 0.0
        if points <= 0:
            self.problems.add(self.at(wline), f"image '{block_id}' width is {_kind(value)}", "expected a fraction of the measure (0 to 1) or a length such as '1.5in'")
            return None
        return ImageRef(path, points, False, self.at(line), aspect)

    def block_texts(self, entry: LMap, block_type: str, block_id: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        """Read the text keys of one block (source or translation); ``allowed``
        are its keys, so a misspelt key (reported by check_keys) is not also
        reported as a missing one."""
        fields: dict[str, Any] = {}
        for key, required in TEXT_KEYS[block_type].items():
            what = f"block '{block_id}' {key}"
            if key not in entry:
                if required and not misspelt(entry, key, allowed):
                    self.problems.add(self.at(entry.line), f"block '{block_id}' has no '{key}'", f"expected '{key}' for {'an' if block_type[0] in 'aeiou' else 'a'} {block_type} block")
                continue
            line = entry.line_of(key)
            if key == "items":
                fields[key] = self.text_list(entry[key], line, what)
            elif key == "lines":
                fields[key] = self.contact_lines(entry[key], line, what)
            else:
                fields[key] = self.text(entry[key], line, what)
        size = sum(len(t.plain) for value in fields.values() for t in _texts(value))
        if size > MAX_BLOCK_CHARS:
            self.problems.add(self.at(entry.line), f"block '{block_id}' has {size:,} characters",
                              f"expected at most {MAX_BLOCK_CHARS:,} in one block (split it into several)")
        return fields

    def check_total(self, blocks: list[Block]) -> None:
        size = sum(len(t.plain) for block in blocks for t in block.texts())
        if size > MAX_DOCUMENT_CHARS:
            self.problems.add(self.at(1), f"the file's text is {size:,} characters",
                              f"expected at most {MAX_DOCUMENT_CHARS:,} (far more than any pamphlet holds)")


def _texts(value) -> list[Text]:
    """The Texts in one field of a block (a text, a list of them, contact lines)."""
    if isinstance(value, Text):
        return [value]
    if isinstance(value, tuple):
        return [t for item in value for t in ((item.label, item.value) if isinstance(item, ContactLine) else (item,))]
    return []


def _kind(value: Any) -> str:
    if value is None:
        return "missing"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"text '{value[:30]}'"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _refuse_empty(reader: _Reader, top: LMap | None, wanted: str) -> None:
    """A file with nothing in it (or only comments) is one problem, not one per missing key."""
    if top is not None:
        reader.problems.add(reader.at(1), "the file is empty", f"expected its {wanted} (see docs/content-format.md)")
    reader.problems.raise_if_any()


def _read_source(folder: Path) -> Document:
    path = folder / f"{SOURCE_LANG}.yaml"
    data = load(path)
    reader = _Reader(path, language(SOURCE_LANG))
    top = reader.mapping(data, 1, "the file")
    if not top:
        _refuse_empty(reader, top, "document, editions and blocks")
    reader.check_keys(top, ("document", "editions", "blocks", "partners"), "the file")

    meta = reader.mapping(top.get("document"), top.line_of("document"), "'document'") or LMap()
    reader.check_keys(meta, SOURCE_DOC_KEYS, "'document'")
    for key in ("id", "lang", "title"):
        if not isinstance(meta.get(key), str):
            reader.problems.add(reader.at(meta.line_of(key)), f"'document' has no '{key}'", "expected text")
    if isinstance(meta.get("id"), str) and meta["id"] != folder.name:
        reader.problems.add(reader.at(meta.line_of("id")), f"document id '{meta['id']}' differs from its folder '{folder.name}'", "expected the folder name")
    if isinstance(meta.get("lang"), str) and meta["lang"] != SOURCE_LANG:
        reader.problems.add(reader.at(meta.line_of("lang")), f"lang is '{meta['lang']}' in {path.name}", f"expected '{SOURCE_LANG}'")

    blocks, defined = _read_blocks(reader, top)
    reader.check_total(blocks)
    editions = _read_editions(reader, top, blocks, defined)
    site_qr = read_site_qr(meta["qr"], reader.at(meta.line_of("qr")), reader.problems) if "qr" in meta else None
    partners = PartnerPolicy()
    if "partners" in top:
        partners = read_policy(top["partners"], reader.at(top.line_of("partners")), defined, reader.problems)
    fonts: tuple = ()
    if "fonts" in meta:
        try:
            fonts = tuple(read_families(meta["fonts"], path).items())
        except PamphletError as exc:
            reader.problems.extend(exc)
    reader.problems.raise_if_any()
    return Document(
        id=str(meta["id"]),
        lang=SOURCE_LANG,
        title=str(meta["title"]),
        organisation=str(meta.get("organisation", "")),
        folder=folder,
        path=path,
        blocks=tuple(blocks),
        editions=editions,
        fonts=fonts,
        partners=partners,
        site_qr=site_qr,
    )


def _read_blocks(reader: _Reader, top: LMap) -> tuple[list[Block], set[str]]:
    """The valid blocks, and every id the file defines: a block that is
    itself wrong (its type, its text) still exists for the editions and the
    partner policy that name it, so only its own problem is reported."""
    raw = top.get("blocks")
    if not isinstance(raw, LList) or not raw:
        reader.problems.add(reader.at(top.line_of("blocks")), "'blocks' is " + _kind(raw), "expected a list of blocks")
        return [], set()
    if len(raw) > MAX_BLOCKS:
        reader.problems.add(reader.at(top.line_of("blocks")), f"{len(raw)} blocks", f"expected at most {MAX_BLOCKS} blocks")
        reader.problems.raise_if_any()
    blocks: list[Block] = []
    seen: dict[str, int] = {}
    defined: set[str] = set()
    for entry, line in zip(raw, raw.item_lines):
        entry = reader.mapping(entry, line, "a block")
        if entry is None:
            continue
        block_id, block_type = entry.get("id"), entry.get("type")
        if isinstance(block_id, str):
            defined.add(block_id)
        if not isinstance(block_id, str) or not ID_PATTERN.match(block_id):
            reader.problems.add(
                reader.at(entry.line_of("id")),
                "block has no id" if block_id is None else f"block id {block_id!r} is not valid",
                "expected lowercase letters, digits and hyphens, e.g. 'who-heading'",
            )
            continue
        if block_id in seen:
            reader.problems.add(reader.at(entry.line_of("id")), f"duplicate block id '{block_id}' (first on line {seen[block_id]})", "expected each id once")
            continue
        seen[block_id] = entry.line_of("id")
        if block_type is None:  # no type: a misspelt 'type:' key, or none at all
            typo = misspelt(entry, "type", ("id", "type", *{k for keys in TEXT_KEYS.values() for k in keys}))
            if typo is not None:
                reader.problems.add(reader.at(entry.line_of(typo)), f"unknown key '{typo}' in block '{block_id}'",
                                    f"expected 'type: ' and one of: {', '.join(BLOCK_TYPES)} (did you mean 'type'?)")
            else:
                reader.problems.add(reader.at(entry.line), f"block '{block_id}' has no type",
                                    f"expected 'type: ' and one of: {', '.join(BLOCK_TYPES)}")
            continue
        if block_type not in BLOCK_TYPES:
            reader.problems.add(reader.at(entry.line_of("type")), f"block '{block_id}' has type {block_type!r}", f"expected one of: {', '.join(BLOCK_TYPES)}")
            continue
        allowed = ("id", "type", *TEXT_KEYS[block_type], *SETTING_KEYS.get(block_type, ()))
        reader.check_keys(entry, allowed, f"{block_type} block '{block_id}'")
        fields = reader.block_texts(entry, block_type, block_id, allowed)
        if block_type == "image":
            fields["image"] = reader.image_ref(entry, block_id, reader.path.parent)
        level, kind = entry.get("level", 2), entry.get("kind", "testimony")
        if block_type == "heading" and level not in (1, 2):
            reader.problems.add(reader.at(entry.line_of("level")), f"heading '{block_id}' has level {level!r}", "expected 1 or 2")
        if block_type == "quote" and kind not in QUOTE_KINDS:
            reader.problems.add(reader.at(entry.line_of("kind")), f"quote '{block_id}' has kind {kind!r}", f"expected one of: {', '.join(QUOTE_KINDS)}")
        blocks.append(Block(id=str(block_id), type=str(block_type), where=reader.at(entry.line), level=level, kind=kind, **fields))
    return blocks, defined


def _read_editions(reader: _Reader, top: LMap, blocks: list[Block], known: set[str]) -> dict[str, Edition]:
    raw = reader.mapping(top.get("editions"), top.line_of("editions"), "'editions'")
    if raw is None:
        return {}
    editions: dict[str, Edition] = {}
    for name, entry in raw.items():
        entry = reader.mapping(entry, raw.line_of(name), f"edition '{name}'")
        if entry is None:
            continue
        reader.check_keys(entry, SLOTS, f"edition '{name}'")
        slots: dict[str, tuple[str, ...]] = {}
        used: dict[str, str] = {}
        for slot in ("cover", "back", "flow"):
            ids = entry.get(slot, LList())
            line = entry.line_of(slot)
            if slot == "flow" and ids == "all":
                continue
            if not isinstance(ids, list):
                reader.problems.add(reader.at(line), f"edition '{name}' {slot} is {_kind(ids)}", "expected a list of block ids" + (" or 'all'" if slot == "flow" else ""))
                continue
            item_lines = getattr(ids, "item_lines", [line] * len(ids))
            for block_id, item_line in zip(ids, item_lines):
                if block_id not in known:
                    reader.problems.add(reader.at(item_line), f"edition '{name}' {slot} names block '{block_id}', which does not exist", "expected an id from 'blocks'")
                elif block_id in used:
                    reader.problems.add(reader.at(item_line), f"edition '{name}' uses block '{block_id}' twice (in {used[block_id]} and {slot})", "expected each block in one slot")
                else:
                    used[block_id] = slot
            slots[slot] = tuple(str(i) for i in ids)
        if entry.get("flow") == "all":
            slots["flow"] = tuple(b.id for b in blocks if b.id not in used)
        editions[name] = Edition(name=name, cover=slots.get("cover", ()), flow=slots.get("flow", ()), back=slots.get("back", ()))
    return editions


def read_translation_at(folder: Path, lang: str, path: Path) -> Document:
    """A translation of the document in ``folder`` read from another file
    (a file about to replace ``<lang>.yaml`` is checked with it first)."""
    folder = Path(folder).resolve()
    return _read_translation(_source_cached(folder, _stamp(folder / f"{SOURCE_LANG}.yaml")), Path(path), language(lang))


def _read_translation(source: Document, path: Path, lang: Language) -> Document:
    """A translation file read against its source: its header, then each
    source block's translation (or the source block, marked missing); all
    problems raised together."""
    if not path.is_file():
        raise PamphletError(Problem(Location(path), f"no {lang.name} text for '{source.id}'", f"expected {path.name} beside {source.path.name}"))
    reader = _Reader(path, lang)
    top = reader.mapping(load(path), 1, "the file")
    if not top:
        _refuse_empty(reader, top, "document and blocks")
    reader.check_keys(top, ("document", "editions", "blocks"), "the file")
    meta, status = _translation_header(reader, top, lang)
    editions = _narrowed_editions(reader, top, source)
    # 'blocks:' with nothing under it: a new translation with no block translated yet.
    empty = "blocks" in top and top["blocks"] is None
    raw = LMap() if empty else reader.mapping(top.get("blocks"), top.line_of("blocks"), "'blocks'") or LMap()
    blocks = _translated_blocks(reader, raw, source, status)
    reader.check_total(blocks)
    reader.problems.raise_if_any()
    title = meta.get("title")
    if not isinstance(title, str):
        cover = next((b for b in blocks if b.type == "title"), None)
        title = cover.text.plain if cover and cover.text else source.title
    return replace(source, lang=lang.code, title=title, path=path, blocks=tuple(blocks), status=status,
                   editions=editions)


def _narrowed_editions(reader: _Reader, top: LMap, source: Document) -> dict[str, Edition]:
    """The source's editions, less the flow blocks a translation leaves out
    of one (``editions: {trifold: {leave_out: [ID, ...]}}``): a language set
    taller than the English (Urdu's Nastaliq) may not fit a tri-fold whole."""
    raw = top.get("editions")
    if raw is None:
        return source.editions
    raw = reader.mapping(raw, top.line_of("editions"), "'editions'")
    editions = dict(source.editions)
    for name, entry in (raw or {}).items():
        line = raw.line_of(name)
        if name not in source.editions:
            reader.problems.add(reader.at(line), f"edition '{name}' is not in {source.path.name}",
                                f"expected one of: {', '.join(source.editions)}")
            continue
        entry = reader.mapping(entry, line, f"edition '{name}'")
        if entry is None:
            continue
        reader.check_keys(entry, ("leave_out",), f"edition '{name}'")
        ids = entry.get("leave_out")
        flow = source.editions[name].flow
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            reader.problems.add(reader.at(entry.line_of("leave_out") or line), f"leave_out of '{name}' is {_kind(ids)}",
                                "expected a list of block ids of the edition's flow")
            continue
        unknown = [i for i in ids if i not in flow]
        if unknown:
            reader.problems.add(reader.at(entry.line_of("leave_out")), f"leave_out of '{name}' names {', '.join(unknown)}",
                                f"expected block ids of its flow in {source.path.name}")
            continue
        editions[name] = replace(source.editions[name], flow=tuple(i for i in flow if i not in ids))
    return editions


def _translation_header(reader: _Reader, top: LMap, lang: Language) -> tuple[LMap, str]:
    """The file's ``document:`` mapping, checked, and its status."""
    meta = reader.mapping(top.get("document"), top.line_of("document"), "'document'") or LMap()
    reader.check_keys(meta, TRANSLATION_DOC_KEYS, "'document'")
    if meta.get("lang") != lang.code:
        reader.problems.add(reader.at(meta.line_of("lang")), f"lang is {meta.get('lang')!r}", f"expected '{lang.code}' (the file name)")
    status = meta.get("status", "draft")
    if status not in STATUSES:
        reader.problems.add(reader.at(meta.line_of("status")), f"status {status!r}", f"expected one of: {', '.join(STATUSES)}")
    return meta, status


def _translated_blocks(reader: _Reader, raw: LMap, source: Document, status: str) -> list[Block]:
    """Every source block, translated where the file has it; an id the
    source does not have is a problem (a typo would lose its text)."""
    known = {block.id for block in source.blocks}
    for block_id in raw:
        if block_id not in known:
            reader.problems.add(reader.at(raw.line_of(block_id)), f"'{block_id}' is not a block of {source.path.name}", "expected a source block id (a typo would lose this text)")
    blocks: list[Block] = []
    for block in source.blocks:
        if block.id not in raw:
            # Not translated yet: the English stands in (a build warns, --strict refuses).
            blocks.append(replace(block, status="missing"))
            continue
        entry = reader.mapping(raw[block.id], raw.line_of(block.id), f"block '{block.id}'")
        if entry is not None:
            blocks.append(_translated_block(reader, block, entry, source, status))
    return blocks


def _translated_block(reader: _Reader, block: Block, entry: LMap, source: Document, status: str) -> Block:
    """One block's translation: its texts (and image), checked against the
    source block's shape; stale when made from other English."""
    allowed = (*TEXT_KEYS[block.type], *TRANSLATION_SETTING_KEYS.get(block.type, ()), "source", "status", "notes")
    reader.check_keys(entry, allowed, f"block '{block.id}'")
    fields = reader.block_texts(entry, block.type, block.id, allowed)
    if block.type == "image":
        fields["image"] = reader.image_ref(entry, block.id, source.folder, block.image) if "file" in entry else block.image
    _check_shape(reader, block, entry, fields)
    block_status = entry.get("status", status)
    if block_status not in STATUSES:
        reader.problems.add(reader.at(entry.line_of("status")), f"status {block_status!r}", f"expected one of: {', '.join(STATUSES)}")
    made_from = entry.get("source", "")
    if made_from and not (isinstance(made_from, str) and FINGERPRINT.match(made_from)):
        reader.problems.add(reader.at(entry.line_of("source")), f"block '{block.id}' source {made_from!r} is not a fingerprint",
                            "expected the value the tools write (make_pamphlet.py import or mark), or no 'source' line")
    if made_from != fingerprint(block):
        block_status = "stale"  # translated from other English (or from unrecorded English)
    return Block(id=block.id, type=block.type, where=reader.at(entry.line), level=block.level, kind=block.kind,
                 status=block_status, translated_from=str(made_from), **fields)


def _check_shape(reader: _Reader, block: Block, entry: LMap, fields: dict) -> None:
    """As many items and lines as the source block, and every text it has."""
    for key in ("items", "lines"):
        given = entry.get(key)  # counted as written: an item that is itself wrong is reported on its own line
        if key in fields and isinstance(given, LList) and given and len(given) != len(getattr(block, key)):
            reader.problems.add(
                reader.at(entry.line_of(key)),
                f"block '{block.id}' has {len(given)} {key}",
                f"expected {len(getattr(block, key))} like the source ({block.where})",
            )
    for key in TEXT_KEYS[block.type]:
        if getattr(block, key) and key not in entry and not TEXT_KEYS[block.type][key]:
            reader.problems.add(reader.at(entry.line), f"block '{block.id}' has no '{key}'", f"expected '{key}' like the source ({block.where})")
