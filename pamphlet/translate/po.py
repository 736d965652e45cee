"""PO files (gettext; Poedit, Weblate, OmegaT, Crowdin) through polib.

One entry per translatable text: ``msgctxt`` is its label
(``who-list.items.2``), ``msgid`` the English, ``msgstr`` the translation;
``#, fuzzy`` marks drafts and stale texts (needs review), and a stale text
carries the English it was translated from as ``#| msgid``. No dates in the
header, so the same translation exports to the same bytes.

On import, an entry still ``fuzzy`` (Poedit's "Needs work", Weblate's
"Needs editing") whose msgstr is unchanged has not been checked: its block
keeps the fingerprint it had (a stale block stays stale). An entry no
longer fuzzy, or whose msgstr changed, translates the English of its msgid:
a draft, unless it carries the ``reviewed`` flag (``#, reviewed``), the
import is told ``--reviewed`` (for entries not fuzzy), or it is unchanged
from a reviewed block.
"""

from __future__ import annotations

from pathlib import Path

from ..content.load import SOURCE_LANG, load_document
from ..errors import Location, PamphletError, Problem
from ..languages import language
from .exchange import NEEDS_REVIEW, REVIEWED, TRANSLATED, Incoming, Unit, units


def export_po(folder: Path, lang: str) -> bytes:
    import polib

    source = load_document(folder, SOURCE_LANG)
    po = polib.POFile(wrapwidth=78)
    po.header = (f"{source.title} ({source.id}): the {language(lang).name} ({lang}) translation, exported by pamphlet.\n"
                 "msgctxt names the block and text (who-list.items.2); keep ** _ and * as in the English.\n"
                 "Fuzzy entries await review. Once an entry is checked against its msgid, remove the fuzzy\n"
                 "flag (Poedit: untick Needs work) or change the translation: an entry still fuzzy and\n"
                 "unchanged when imported leaves its block as it was (a stale block stays stale).")
    po.metadata = {
        "Project-Id-Version": source.id,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "pamphlet",
    }
    for unit in units(folder, lang):
        entry = polib.POEntry(msgctxt=unit.context, msgid=unit.source, msgstr=unit.target,
                              comment=_comment(unit), occurrences=[tuple(unit.where.rsplit(":", 1))])
        if unit.status in ("draft", "stale") and unit.target:
            entry.flags.append("fuzzy")
        if unit.previous and unit.previous != unit.source:
            entry.previous_msgid = unit.previous
        po.append(entry)
    return str(po).encode("utf-8")


def _comment(unit: Unit) -> str:
    notes = {"missing": "not translated yet", "draft": "draft: awaiting review", "reviewed": "reviewed",
             "stale": "stale: the English changed since this was translated"
                      + ("; the English it was translated from is the previous msgid" if unit.previous else "")}
    return f"{unit.block_type}; {notes[unit.status]}"


def read_po(file: Path) -> tuple[str | None, list[Incoming]]:
    """The language and the entries of a PO file; a syntax error is located."""
    import polib

    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PamphletError(Problem(Location(file), f"not UTF-8 ({exc.reason})", "expected a UTF-8 PO file"))
    broken = syntax_problems(file, text)  # polib reads some broken lines silently (an unquoted text loses letters)
    if broken:
        raise PamphletError(broken)
    try:
        po = polib.pofile(text, check_for_duplicates=False, wrapwidth=78)
    except (OSError, ValueError) as exc:
        line = _line_of(str(exc))
        raise PamphletError(Problem(Location(file, line), f"not a readable PO file ({str(exc).split(' (line')[0]})",
                                    "expected gettext PO syntax"))
    if not len(po) and "msgid" not in text:
        raise PamphletError(Problem(Location(file, 1), "no PO entries in the file", "expected a PO file as exported"))
    lines = text.splitlines()
    incoming = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            raise PamphletError(Problem(Location(file, entry.linenum), "a plural entry", "expected one msgstr per entry"))
        status = None
        if entry.msgstr.strip():
            status = NEEDS_REVIEW if "fuzzy" in entry.flags else (REVIEWED if "reviewed" in entry.flags else TRANSLATED)
        incoming.append(Incoming(_msgstr_line(lines, entry.linenum), entry.msgctxt or "", entry.msgid, entry.msgstr, status))
    return po.metadata.get("Language") or None, incoming


KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
_STRING = r'"(?:[^"\\]|\\.)*"'
MAX_SYNTAX_PROBLEMS = 20


def syntax_problems(file: Path, text: str) -> list[Problem]:
    """Each line that is not PO: every line is blank, a comment (#), a keyword
    and a quoted text, or a quoted text continuing the one above."""
    import re

    from ..suggest import did_you_mean

    string = re.compile(_STRING)
    keyword = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=\s|\"|$)\s*(.*)")
    expected = 'expected msgctxt, msgid or msgstr followed by a text in double quotes, or a "quoted" line continuing it'
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = keyword.match(stripped)
        if match is None and not stripped.startswith('"'):
            word = stripped.split()[0]
            found.append(Problem(Location(file, number), f"'{word[:30]}' is not a PO keyword{did_you_mean(word, KEYWORDS)}", expected))
        else:
            what, rest = (f"the text after {match.group(1)}", match.group(2)) if match else ("the line", stripped)
            whole = string.match(rest)
            if not rest.startswith('"'):
                found.append(Problem(Location(file, number), f"{what} is not in double quotes", expected))
            elif whole is None:
                found.append(Problem(Location(file, number), f"{what} has no closing double quote",
                                     'expected the text to end with " on the same line'))
            elif rest[whole.end():].strip():
                found.append(Problem(Location(file, number), f"{what} goes on after its closing double quote",
                                     'expected a \\" for a quote inside the text'))
        if len(found) >= MAX_SYNTAX_PROBLEMS:
            break
    return found


def _msgstr_line(lines: list[str], start: int) -> int:
    """The line of an entry's msgstr (polib knows where the entry starts)."""
    for number in range(max(start, 1), len(lines) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return start


def _line_of(message: str) -> int | None:
    import re

    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None
