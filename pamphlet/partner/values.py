"""Texts a brand gives per language, falling back to a default.

    label: Phone                               # the same in every language
    label: {default: Phone, fr: Téléphone}     # a value per language

A language without its own value takes ``default`` (or, without one, ``en``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.characters import text_problems
from ..content.inline import parse_inline
from ..content.model import Text
from ..content.whitespace import normalise
from ..errors import Location, Problems
from ..languages import Language, languages
from ..suggest import did_you_mean, misspelt
from ..yamlsource import LMap

FALLBACKS = ("default", "en")


@dataclass(frozen=True)
class Translatable:
    """A brand value given per language, with a default."""

    values: tuple[tuple[str, str, Location], ...]  # (language code or 'default', text, where written)

    def text(self, lang: Language) -> Text:
        """The value for ``lang``, as printed text with where it was written."""
        chosen = dict((code, (raw, where)) for code, raw, where in self.values)
        for code in (lang.code, *FALLBACKS):
            if code in chosen:
                raw, where = chosen[code]
                return Text(parse_inline(normalise(raw, lang)), where)
        raise KeyError(lang.code)  # read_translatable never builds one without a fallback

    @property
    def where(self) -> Location:
        return self.values[0][2]


def read_translatable(value, path: Path, line: int | None, what: str, problems: Problems) -> Translatable | None:
    """One text or a mapping of language codes (and 'default') to texts."""
    expected = f"expected text, or {{default: TEXT, <language code>: TEXT, ...}}"
    if isinstance(value, str):
        return _checked(((FALLBACKS[0], value, Location(path, getattr(value, "line", line))),), what, problems)
    if not isinstance(value, LMap) or not value:
        problems.add(Location(path, line), f"{what} is {'empty' if value in (None, '') else type(value).__name__}", expected)
        return None
    known = languages()
    entries = []
    for code, text in value.items():
        where = Location(path, value.line_of(code))
        if code not in known and code != FALLBACKS[0]:
            problems.add(where, f"{what} has a value for '{code}'",
                         f"expected 'default' or a language code: {', '.join(known)}{did_you_mean(str(code), (FALLBACKS[0], *known))}")
        elif not isinstance(text, str):
            problems.add(where, f"{what} ({code}) is not text", expected)
        else:
            entries.append((str(code), text, where))
    if not any(code in FALLBACKS for code in value):
        if misspelt(value, FALLBACKS[0], (FALLBACKS[0], *known)):
            return None  # the misspelt 'default' is reported at its line
        problems.add(Location(path, value.line), f"{what} has no 'default' value",
                     "expected a 'default:' (or 'en:') for the languages not listed")
        return None
    return _checked(tuple(entries), what, problems) if len(entries) == len(value) else None


def _checked(entries, what: str, problems: Problems) -> Translatable | None:
    ok = True
    for code, raw, where in entries:
        if not raw.strip():
            problems.add(where, f"{what} ({code}) is empty", "expected text")
            ok = False
            continue
        bad = text_problems(raw)
        for message, expected in bad:
            problems.add(where, f"{what} ({code}): {message}", expected)
        if bad:
            ok = False
            continue
        try:
            parse_inline(raw)
        except ValueError as exc:
            problems.add(where, f"{what} ({code}): {exc}", "expected balanced ** and _ markup")
            ok = False
    return Translatable(tuple(entries)) if ok else None
