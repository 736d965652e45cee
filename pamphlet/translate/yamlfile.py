"""Editing a translation file in place: its comments, order and quoting kept.

ruamel.yaml's round trip reads the file into mappings that remember their
comments and styles and writes it back the same way; only the values set
here change. Text values are written double-quoted (a leading ``*`` or a
``: `` needs no thought). A block's ``source:`` (the fingerprint of the
English it translates) and ``status:`` go first in its mapping, so the
blank line after a block stays where it was.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..content.fingerprint import fingerprint
from ..content.model import Block, Document
from ..output import write_atomic

STATUSES = ("draft", "reviewed")
_NUMBER_LIKE = re.compile(r"[0-9]*e?[0-9]*")


def _read(path: Path) -> dict:
    """A translation file as plain data ({} when it is not there); the content loader checks it."""
    import yaml

    if not Path(path).is_file():
        return {}
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data if isinstance(data, dict) else {}


def block_notes(path: Path) -> dict[str, dict[str, str]]:
    """The translator's notes of a translation file: block id -> {field label: note}."""
    blocks = _read(path).get("blocks")
    found = {}
    for block_id, entry in blocks.items() if isinstance(blocks, dict) else ():
        notes = entry.get("notes") if isinstance(entry, dict) else None
        if isinstance(notes, dict):
            found[str(block_id)] = {str(k): str(v) for k, v in notes.items() if isinstance(v, str) and v.strip()}
    return found


def translator(path: Path) -> str:
    """The file's ``translator:`` ('' when none or no file)."""
    document = _read(path).get("document")
    name = document.get("translator") if isinstance(document, dict) else None
    return name.strip() if isinstance(name, str) else ""


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.Resolver = _plain_resolver()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-fold a line the translator wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _plain_resolver():
    """ruamel's resolver, except that plain scalars that look like numbers
    stay text: a fingerprint such as ``102e4420`` would otherwise be read as a
    float (infinity) and written back as ``.inf``, and ``00123456`` as 123456.
    A translation file holds no number the tools compute with, and text
    written back plain reads as it was written."""
    from ruamel.yaml.resolver import VersionedResolver

    class PlainResolver(VersionedResolver):
        def resolve(self, kind, value, implicit):
            tag = super().resolve(kind, value, implicit)
            if str(tag) in ("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"):
                return super().resolve(kind, value, (False, False))  # the plain string's tag
            return tag

    return PlainResolver


def _quoted(text: str):
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


class TranslationFile:
    """One ``<lang>.yaml`` of a document, opened for editing."""

    def __init__(self, path: Path, source: Document, lang: str):
        from ruamel.yaml.comments import CommentedMap

        self.path, self.source, self.lang = Path(path), source, lang
        if self.path.is_file():
            self.data = _yaml().load(self.path.read_text(encoding="utf-8"))
        else:
            self.data = CommentedMap()
            self.data.yaml_set_start_comment(f"{source.title} — {lang} translation.")
            self.data["document"] = CommentedMap([("lang", lang), ("status", "draft"), ("translator", "")])
        if self.data.get("blocks") is None:
            self.data["blocks"] = CommentedMap()
        self.document = self.data["document"]
        self.blocks = self.data["blocks"]

    @property
    def default_status(self) -> str:
        status = self.document.get("status", "draft")
        return status if status in STATUSES else "draft"

    def entry(self, block: Block):
        """The block's mapping, created in source order if it is not there."""
        from ruamel.yaml.comments import CommentedMap

        if block.id not in self.blocks:
            order = [b.id for b in self.source.blocks]
            before = [k for k in self.blocks if k in order and order.index(k) < order.index(block.id)]
            position = list(self.blocks).index(before[-1]) + 1 if before else 0
            self.blocks.insert(position, block.id, CommentedMap())
        return self.blocks[block.id]

    def set_text(self, block: Block, path: tuple, text: str) -> None:
        """Set one text of a block (creating the block or list as needed)."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        entry = self.entry(block)
        name = path[0]
        if len(path) == 1:
            entry[name] = _quoted(text)
            return
        size = len(getattr(block, name))
        seq = entry.get(name)
        if not isinstance(seq, list) or len(seq) != size:
            seq = entry[name] = CommentedSeq([None] * size if name == "items" else [CommentedMap() for _ in range(size)])
        if len(path) == 2:
            seq[path[1]] = _quoted(text)
        else:
            seq[path[1]][path[2]] = _quoted(text)

    def stamp(self, block: Block, status: str, made_from: str | None = None) -> None:
        """Record which English this block translates (the current English
        unless ``made_from`` names another fingerprint), with a status."""
        entry = self.entry(block)
        made_from = made_from or fingerprint(block)
        if _NUMBER_LIKE.fullmatch(made_from):  # 01234567 or 102e4420: quoted, so every YAML reader reads text
            made_from = _quoted(made_from)
        if "source" in entry:
            entry["source"] = made_from
        else:
            entry.insert(0, "source", made_from)
        self.set_status(block, status)

    def set_status(self, block: Block, status: str) -> None:
        """Set a block's status, leaving the fingerprint it records as it is."""
        entry = self.entry(block)
        if "status" in entry:
            entry["status"] = status
        else:
            entry.insert(1 if "source" in entry else 0, "status", status)

    def set_notes(self, block: Block, notes: dict[str, str]) -> None:
        """Keep the translator's notes on a block's texts (``notes: {text: ...}``),
        after its texts; no notes removes the key."""
        from ruamel.yaml.comments import CommentedMap

        entry = self.entry(block)
        if not notes:
            entry.pop("notes", None)
            return
        entry["notes"] = CommentedMap((label, _quoted(text)) for label, text in notes.items())

    def tidy_statuses(self) -> None:
        """One file-level status when every block agrees; per-block ones
        only where a block differs from the file's."""
        statuses = [entry.get("status", self.default_status) for entry in self.blocks.values() if isinstance(entry, dict)]
        if statuses and all(s == statuses[0] for s in statuses):
            self.document["status"] = statuses[0]
        default = self.default_status
        for entry in self.blocks.values():
            if isinstance(entry, dict) and entry.get("status") == default:
                del entry["status"]

    def text(self) -> str:
        out = io.StringIO()
        _yaml().dump(self.data, out)
        return out.getvalue()

    def final_text(self) -> str:
        """The file as it will be written."""
        self.tidy_statuses()
        return self.text()

    def save(self, text: str | None = None) -> None:
        write_atomic(self.path, (text if text is not None else self.final_text()).encode("utf-8"))
