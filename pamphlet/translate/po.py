"""PO files (gettext; Poedit, Weblate, OmegaT, Crowdin) through polib.

One entry per translatable text: ``msgctxt`` is its label
(``who-list.items.2``), ``msgid`` the English, ``msgstr`` the translation;
``#, fuzzy`` marks drafts and stale texts (needs review), and a stale text
carries the English it was translated from as ``#| msgid``; a translator's
note is a ``#`` comment. The header names the document (Project-Id-Version),
the language, the translator (the file's ``translator:``) and, as its
revision date, when the translation file last changed: the same file
exports to the same bytes, and ``msgfmt -c`` has nothing to warn of.

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
from .yamlfile import translator
from .exchange import Unit, units
from .incoming import NEEDS_REVIEW, REVIEWED, TRANSLATED, Exchange, Incoming, Said


def export_po(folder: Path, lang: str) -> bytes:
    import polib

    source = load_document(folder, SOURCE_LANG)
    po = polib.POFile(wrapwidth=78)
    po.header = (f"{source.title} ({source.id}): the {language(lang).name} ({lang}) translation, exported by pamphlet.\n"
                 "msgctxt names the block and text (who-list.items.2); keep ** _ and * as in the English.\n"
                 "Fuzzy entries await review. Once an entry is checked against its msgid, remove the fuzzy\n"
                 "flag (Poedit: untick Needs work) or change the translation: an entry still fuzzy and\n"
                 "unchanged when imported leaves its block as it was (a stale block stays stale).")
    path = folder / f"{lang}.yaml"
    po.metadata = {
        "Project-Id-Version": source.id,
        "PO-Revision-Date": _revised(path if path.is_file() else source.path),
        "Last-Translator": translator(path),
        "Language-Team": f"{language(lang).name} ({lang})",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "pamphlet",
    }
    for unit in units(folder, lang):
        entry = polib.POEntry(msgctxt=unit.context, msgid=unit.source, msgstr=unit.target, tcomment=unit.note,
                              comment=_comment(unit), occurrences=[tuple(unit.where.rsplit(":", 1))])
        if unit.status in ("draft", "stale") and unit.target:
            entry.flags.append("fuzzy")
        if unit.previous and unit.previous != unit.source:
            entry.previous_msgid = unit.previous
        po.append(entry)
    return str(po).encode("utf-8")


def _revised(path: Path) -> str:
    """When the translation file last changed, as a PO header date."""
    from datetime import datetime, timezone

    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def _comment(unit: Unit) -> str:
    notes = {"missing": "not translated yet", "draft": "draft: awaiting review", "reviewed": "reviewed",
             "stale": "stale: the English changed since this was translated"
                      + ("; the English it was translated from is the previous msgid" if unit.previous else "")}
    return f"{unit.block_type}; {notes[unit.status]}"


def read_po(file: Path) -> Exchange:
    """The header and the entries of a PO file; a syntax error is located."""
    import polib

    try:
        text = file.read_bytes().decode("utf-8").removeprefix("\ufeff")  # a byte-order mark says nothing
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
        incoming.append(Incoming(_msgstr_line(lines, entry.linenum), entry.msgctxt or "", entry.msgid, entry.msgstr, status,
                                 entry.tcomment or ""))
    return Exchange(file, "po", _header(po, lines, "Language"), _header(po, lines, "Project-Id-Version"),
                    units=tuple(incoming))


def _header(po, lines: list[str], name: str) -> Said:
    """A header field and its line (the header entry's first line when the field is not there)."""
    value = po.metadata.get(name) or None
    start = f'"{name}:'
    line = next((n for n, text in enumerate(lines, start=1) if text.startswith(start)), None)
    if line is None:
        line = next((n for n, text in enumerate(lines, start=1) if text.startswith('msgid ""')), 1)
    return Said(value, line)


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
            elif (escape := _bad_escape(whole.group(0))) is not None:
                found.append(Problem(Location(file, number), f"{what} has the escape '{escape}', which stands for "
                                     + ESCAPES.get(escape, "a character by its code, or nothing"), ESCAPE_EXPECTED))
        if len(found) >= MAX_SYNTAX_PROBLEMS:
            break
    return found


# The escapes gettext reads that stand for control characters (polib would keep a backslash and a letter).
ESCAPES = {"\\a": "a bell (U+0007)", "\\b": "a backspace (U+0008)", "\\f": "a form feed (U+000C)",
           "\\v": "a vertical tab (U+000B)"}
ESCAPE_EXPECTED = 'expected printable text: the escapes a text may use are \\n, \\t, \\" and \\\\'


def _bad_escape(quoted: str) -> str | None:
    """The first escape in a quoted PO text that is not a new line, tab, quote or backslash."""
    import re

    for match in re.finditer(r"\\(.)", quoted[1:-1]):
        if match.group(1) not in 'ntr"\\':
            return match.group(0)
    return None


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
