"""What a CAT tool's file holds once read, and what the import's check makes of it.

In:  ``po.read_po`` and ``xliff.read_xliff`` read a file into an ``Exchange``
     (what its header says, with lines, and its ``Incoming`` units).
Out: ``intake.check_exchange`` turns it into ``CheckedBlock``s (to write)
     and ``Skipped`` blocks (left as they are, each with why), for
     ``writeback.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# What a CAT tool says of one text (po.py and xliff.py map their flags and states onto these).
NEEDS_REVIEW = "needs-review"  # PO fuzzy, XLIFF new / needs-*: not yet checked against this English
TRANSLATED = "translated"  # checked by the translator; a draft until reviewed
REVIEWED = "reviewed"  # PO 'reviewed' flag, XLIFF signed-off / final / approved="yes"
OLDER_ENGLISH = "older-english"  # why a block stays stale: the file's English is an older one


@dataclass(frozen=True)
class Incoming:
    """One unit as read back from a CAT tool's file."""

    line: int
    context: str
    source: str
    target: str
    status: str | None  # NEEDS_REVIEW | TRANSLATED | REVIEWED | None (untranslated)
    note: str = ""  # the translator's comment (PO '#', XLIFF <note from="translator">)


@dataclass(frozen=True)
class Said:
    """One thing a file's header says, and the line it says it on."""

    value: str | None
    line: int | None = None


@dataclass(frozen=True)
class Exchange:
    """A PO or XLIFF file, read: who it is for and its units."""

    path: Path
    format: str  # po | xliff
    lang: Said  # PO 'Language:', XLIFF target-language
    document: Said = Said(None)  # PO 'Project-Id-Version:', XLIFF original
    source_lang: Said = Said(None)  # XLIFF source-language (PO says none)
    units: tuple[Incoming, ...] = ()


@dataclass(frozen=True)
class CheckedBlock:
    """One block the file translates, checked and ready to write."""

    block_id: str
    texts: dict = field(hash=False)  # path -> the translation, as the file has it
    made_from: str  # the fingerprint of the English the file's source texts are
    statuses: dict = field(hash=False)  # path -> NEEDS_REVIEW | TRANSLATED | REVIEWED
    notes: dict = field(hash=False)  # field label -> the translator's comment
    line: int  # the file's first line for this block


@dataclass(frozen=True)
class Skipped:
    """A block the import leaves as it is, and why."""

    block_id: str
    why: str  # one of SKIP_REASONS


@dataclass(frozen=True)
class Outcome:
    """What the import did to one block: written with a status, or left stale and why."""

    block_id: str
    status: str  # draft | reviewed (written), or NEEDS_REVIEW | OLDER_ENGLISH (why it is still stale)


NOT_IN_FILE = "not in the file"
NOT_TRANSLATED = "no translation in the file"
COPIED_SOURCE = "the English copied in and still marked as needing translation"
SKIP_REASONS = (NOT_TRANSLATED, COPIED_SOURCE, NOT_IN_FILE)
