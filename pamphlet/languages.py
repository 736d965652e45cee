"""Language data (text/languages.yaml) as typed objects."""

from __future__ import annotations

from dataclasses import dataclass

from .buildcontext import remembered
from .errors import Location, PamphletError, Problems
from .projectdirs import project_root
from .text.breaks import PHRASE_MODELS
from .yamlsource import load_mapping

BREAKING_MODES = ("spaces", "keep-all", "thai", "dictionary", "cjk")
DIRECTIONS = ("ltr", "rtl")


@dataclass(frozen=True)
class Language:
    """One language of the registry (text/languages.yaml): how its lines break and which fonts set it."""

    code: str
    name: str
    breaking: str
    fonts: tuple[str, ...]
    leading: float
    hyphenate: str | None = None
    cjk_spaces: bool = True
    solid: bool = False  # body text set solid: justified on the character grid (text.lines)
    phrases: str | None = None  # BudouX model for phrase breaks (ja, zh-hans, zh-hant)
    italic: bool = True  # False: the script has no italics (CJK, Thai, Korean); quotes and emphasis stay upright
    direction: str = "ltr"  # rtl: paragraphs right to left, lines right-aligned, the layout mirrored
    display_fonts: tuple[str, ...] = ()  # faces of titles, headings and callouts, when not ``fonts``
    display_leading: float | None = None  # line height of titles, headings and callouts; None: leading - 0.22

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def faces(self, display: bool = False) -> tuple[str, ...]:
        """The face chain of body text, or of display text (titles, headings, callouts)."""
        return self.display_fonts if display and self.display_fonts else self.fonts


@remembered
def languages() -> dict[str, Language]:
    path = project_root() / "text" / "languages.yaml"
    data = load_mapping(path, "the languages file")
    problems = Problems()
    found: dict[str, Language] = {}
    for code, entry in data.items():
        where = Location(path, data.line_of(code))
        try:
            language = Language(
                code=str(code),
                name=str(entry["name"]),
                breaking=str(entry["breaking"]),
                fonts=tuple(str(f) for f in entry["fonts"]),
                leading=float(entry["leading"]),
                hyphenate=str(entry["hyphenate"]) if entry.get("hyphenate") else None,
                cjk_spaces=bool(entry.get("cjk_spaces", True)),
                solid=bool(entry.get("solid", False)),
                phrases=str(entry["phrases"]) if entry.get("phrases") else None,
                italic=entry.get("italic", True) is not False,
                direction=str(entry.get("direction", "ltr")),
                display_fonts=tuple(str(f) for f in entry.get("display_fonts") or ()),
                display_leading=float(entry["display_leading"]) if entry.get("display_leading") else None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            problems.add(where, f"language '{code}' is incomplete ({exc})", "expected name, breaking, fonts, leading")
            continue
        if language.breaking not in BREAKING_MODES:
            problems.add(where, f"unknown breaking '{language.breaking}'", f"expected one of {', '.join(BREAKING_MODES)}")
        if not isinstance(entry.get("italic", True), bool):
            problems.add(where, f"italic of '{code}' is {entry['italic']!r}", "expected true or false")
        if language.direction not in DIRECTIONS:
            problems.add(where, f"unknown direction '{language.direction}'", f"expected one of {', '.join(DIRECTIONS)}")
        if language.phrases is not None and language.phrases not in PHRASE_MODELS:
            problems.add(where, f"unknown phrases '{language.phrases}'", f"expected one of {', '.join(PHRASE_MODELS)}")
        found[code] = language
    problems.raise_if_any()
    return found


ENGLISH_WORDS = {"scan": "Scan for our website"}  # where text/words.yaml has none


@remembered
def printed_words(code: str) -> dict[str, str]:
    """The words the pamphlet prints by itself in this language
    (text/words.yaml), the English for any it lacks."""
    path = project_root() / "text" / "words.yaml"
    data = load_mapping(path, "the words file") if path.is_file() else {}
    words, problems = dict(ENGLISH_WORDS), Problems()
    for lang in dict.fromkeys(("en", code)):
        if data.get(lang) is not None:
            words.update(_words_of(data, lang, path, problems))
    problems.raise_if_any()
    return words


def _words_of(data, lang: str, path, problems: Problems) -> dict[str, str]:
    """One language's entry of the words file, each word checked: a typo'd
    key would otherwise print the English without a word said."""
    from .suggest import did_you_mean

    entry, where = data[lang], Location(path, data.line_of(lang))
    if not isinstance(entry, dict):
        problems.add(where, f"the words of '{lang}' are {str(entry)[:40]!r}",
                     f"expected a mapping such as {{scan: {ENGLISH_WORDS['scan']}}}")
        return {}
    found = {}
    for key, value in entry.items():
        if key not in ENGLISH_WORDS:
            problems.add(where, f"unknown word '{key}' for '{lang}'{did_you_mean(str(key), ENGLISH_WORDS)}",
                         f"expected one of: {', '.join(ENGLISH_WORDS)}")
        elif not isinstance(value, str) or not value.strip():
            problems.add(where, f"'{key}' for '{lang}' is {value!r}", "expected the words as text")
        else:
            found[key] = value
    return found


def language(code: str) -> Language:
    known = languages()
    if code not in known:
        raise PamphletError(f"unknown language '{code}'; expected one of {', '.join(known)}")
    return known[code]
