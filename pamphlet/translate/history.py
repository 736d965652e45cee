"""The English a translation was made from, kept beside the document.

``history.yaml`` in the document folder maps each fingerprint the tools have
recorded in a translation to the English block text it stands for. The
tools append to it whenever they record a fingerprint (``import``, ``mark``),
so a proof can show a stale block's English as it was and as it is now,
without version control. Entries are never changed or removed: an old
translation may still point at them.

    3f2a9c1b:
      block: who-intro
      fields:
        text: "Migrant sex workers* include anyone who:"
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content.fingerprint import fingerprint
from ..content.model import Block
from ..errors import Location, PamphletError, Problem
from ..output import write_atomic
from .labels import field_label

FILE_NAME = "history.yaml"
_HEADER = ("# English block texts by fingerprint: what each translation's 'source:' was\n"
           "# made from. Appended by make_pamphlet.py (import, mark); do not edit.\n")


def history_path(folder: Path) -> Path:
    return Path(folder) / FILE_NAME


def read_history(folder: Path) -> dict[str, dict]:
    """fingerprint -> {"block": id, "fields": {label: markup}}; {} if none yet."""
    path = history_path(folder)
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PamphletError(Problem(Location(path, mark.line + 1 if mark else None), f"history is unreadable ({exc.__class__.__name__})",
                                    "expected the file the tools write; restore it from version control"))
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PamphletError(Problem(Location(path, 1), "history is not a mapping", "expected fingerprint: {block, fields}"))
    return {str(k): v for k, v in data.items() if isinstance(v, dict)}


def english_as_it_was(folder: Path, fp: str) -> dict[str, str] | None:
    """The English fields (label -> markup) a fingerprint stands for, if recorded."""
    entry = read_history(folder).get(fp)
    fields = entry.get("fields") if entry else None
    return {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else None


def record(folder: Path, blocks: list[Block]) -> None:
    """Append the English of these source blocks under their fingerprints
    (those not recorded yet)."""
    known = read_history(folder)
    new = {}
    for block in blocks:
        fp = fingerprint(block)
        if fp not in known and fp not in new:
            new[fp] = {"block": block.id, "fields": {field_label(path): text.markup for path, text in block.fields()}}
    if not new:
        return
    path = history_path(folder)
    existing = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
    if existing and not existing.endswith("\n"):
        existing += "\n"
    added = yaml.safe_dump(new, allow_unicode=True, sort_keys=False, width=4096, default_style=None)
    write_atomic(path, (existing + added).encode("utf-8"))
