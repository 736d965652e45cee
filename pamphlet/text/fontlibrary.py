"""Font faces: loading, coverage, and choosing a face for every character.

The bundled faces are listed in ``fonts/manifest.yaml`` (family -> style ->
file). A document or brand may add families of its own: any TrueType or
OpenType file, CFF outlines or collections (``file.ttc#2``) included. A face
is opened once per process; HarfBuzz reads it for shaping and coverage,
fontTools only when the renderer embeds a subset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import uharfbuzz as hb

from ..buildcontext import memo, remembered
from ..cache import file_digest
from ..errors import Location, PamphletError, Problem, Problems
from ..projectdirs import asset_path, project_root
from ..yamlsource import load_mapping
from .fontfile import font_file_problem
from .scripts import CJK, LATIN, THAI, is_mark

STYLES = ("regular", "bold", "italic", "bold-italic")
PLAIN_SPACES = frozenset(" \t\n\r")  # every face is expected to have these
# Joiners stay in the face of the character before them, as marks do: a ZWJ or
# ZWNJ set in another face would split a conjunct's shaping run.
JOINERS = frozenset("\u200c\u200d\u2060")
# A style a family lacks falls back along this chain.
_STYLE_FALLBACK = {"bold-italic": ("bold-italic", "bold", "italic", "regular"), "bold": ("bold", "regular"),
                   "italic": ("italic", "regular"), "regular": ("regular",)}


class FontFace:
    """One face of one font file (a collection member is ``file#index``)."""

    _opened = memo("font faces")  # (path, index) -> the HarfBuzz face

    def __init__(self, family: str, style: str, path: Path, index: int = 0):
        self.family, self.style, self.path, self.index = family, style, path, index
        self.hb_face = FontFace.open(path, index)
        self.hb_font = hb.Font(self.hb_face)
        self.upem = self.hb_face.upem
        self._has: dict[int, bool] = {}

    @classmethod
    def open(cls, path: Path, index: int = 0) -> "hb.Face":
        """The HarfBuzz face, opened once per process (HarfBuzz maps the file
        rather than holding a copy: CJK fonts are several MB each)."""
        problem = cls.problem(path, index)
        if problem:
            raise PamphletError(Problem(Location(path), *problem))
        return cls._opened[(path, index)]

    @classmethod
    def problem(cls, path: Path, index: int = 0) -> tuple[str, str] | None:
        """(what is wrong, what was expected) if the face cannot be used;
        None once it is open."""
        if (path, index) in cls._opened:
            return None
        expected = "expected a TrueType or OpenType font (TTF, OTF, TTC, OTC)"
        if not path.is_file():
            return "not found", f"expected a font file at {path}"
        problem = font_file_problem(path, index)
        if problem:
            return problem
        face = hb.Face(hb.Blob.from_file_path(str(path)), index)
        if face.glyph_count == 0:
            return "has no glyphs", expected
        if not face.unicodes:
            return "maps no characters", f"{expected} that maps characters to glyphs"
        cls._opened[(path, index)] = face
        return None

    @property
    def digest(self) -> bytes:
        """Identifies the font file's contents (for caches of subsets made from it)."""
        if not hasattr(self, "_digest"):
            self._digest = file_digest(self.path)
        return self._digest

    @property
    def key(self) -> str:
        return f"{self.family}-{self.style}"

    def has(self, ch: str) -> bool:
        cp = ord(ch)
        found = self._has.get(cp)
        if found is None:
            found = self._has[cp] = self.hb_font.get_nominal_glyph(cp) is not None
        return found

    def glyph(self, ch: str) -> int | None:
        return self.hb_font.get_nominal_glyph(ord(ch))

    def advance(self, gid: int) -> int:
        return self.hb_font.get_glyph_h_advance(gid)

    def __repr__(self) -> str:
        return f"FontFace({self.key}, {self.path.name})"


@dataclass(frozen=True)
class FontFamily:
    """A font family's files, by style."""

    name: str
    files: dict[str, tuple[Path, int]] = field(hash=False)  # style -> (path, index in collection)


class FontLibrary:
    """The families available to a build, and the face choice for each character."""

    def __init__(self, families: dict[str, FontFamily]):
        self.families = families
        self._faces: dict[tuple[str, str], FontFace] = {}
        self._orders: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        self._fingerprint: tuple | None = None

    def fingerprint(self) -> tuple:
        """Every family, style and file by contents: what a cached face
        choice and shaping depend on."""
        if self._fingerprint is None:
            self._fingerprint = tuple(
                (name, tuple((style, file_digest(path).hex(), index) for style, (path, index) in sorted(family.files.items())))
                for name, family in self.families.items())
        return self._fingerprint

    def face(self, family: str, style: str = "regular") -> FontFace:
        fam = self.families[family]
        for candidate in _STYLE_FALLBACK[style]:
            if candidate in fam.files:
                key = (family, candidate)
                if key not in self._faces:
                    path, index = fam.files[candidate]
                    self._faces[key] = FontFace(family, candidate, path, index)
                return self._faces[key]
        raise KeyError(f"{family} has no {style}")

    def order_for(self, char_class: str, lang_fonts: tuple[str, ...]) -> list[str]:
        """Families to try for a character of this class, best first."""
        key = (char_class, lang_fonts)
        if key not in self._orders:
            self._orders[key] = self._order_for(char_class, lang_fonts)
        return self._orders[key]

    def _order_for(self, char_class: str, lang_fonts: tuple[str, ...]) -> list[str]:
        order = [f for f in lang_fonts if f in self.families]
        if char_class == LATIN and "latin" in self.families:
            order = ["latin"] + [f for f in order if f != "latin"]
        elif char_class == THAI and "thai" in self.families and not (order and self.face(order[0]).has("\u0e01")):
            # Thai in a language whose main face has none (a name in an English text)
            order = ["thai"] + [f for f in order if f != "thai"]
        elif char_class == CJK and order and order[0] == "latin":
            # A CJK name inside a Latin-script document: try CJK families first.
            order = [f for f in self.families if f not in ("latin", "thai")] + order
        return order + [f for f in self.families if f not in order]

    def choose(self, text: str, classes: list[str], styles: list[str], lang_fonts: tuple[str, ...],
               where: Location | None = None, block_id: str = "", problems: Problems | None = None) -> list[FontFace | None]:
        """The face for every character. Marks stay in their base's face;
        characters no face has are reported together, once each (and get None)."""
        chosen: list[FontFace | None] = []
        missing: dict[str, str] = {}  # character -> its class, in order of appearance
        for i, ch in enumerate(text):
            if (is_mark(ch) or ch in JOINERS) and i and chosen[-1] is not None and chosen[-1].has(ch):
                chosen.append(chosen[-1])
                continue
            face = None
            for family in self.order_for(classes[i], lang_fonts):
                candidate = self.face(family, styles[i])
                if candidate.has(ch):
                    face = candidate
                    break
            if face is None and ch not in PLAIN_SPACES:  # a rarer space no font has would print as a box
                missing.setdefault(ch, classes[i])
            chosen.append(face)
        if missing and problems is not None:
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in list(missing)[:8])
            more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
            tried = ", ".join(self.order_for(next(iter(missing.values())), lang_fonts))
            problems.add(
                where,
                f"block '{block_id}': character{'s' if len(missing) > 1 else ''} {shown}{more} "
                f"{'are' if len(missing) > 1 else 'is'} in no font",
                f"expected characters the fonts have (tried {tried}); "
                "add a font that has them (fonts: in the document or brand file) or replace them",
            )
        return chosen


def _parse_file(spec: str, base: Path, where: Location) -> tuple[Path, int]:
    """``file[#index]`` -> the file inside ``base`` and the collection index."""
    name, _, index = spec.partition("#")
    if not index.isdigit() and index:
        raise PamphletError(Problem(where, f"font '{spec}' has collection index '{index}'",
                                    "expected FILE or FILE#N, N the face's number in a .ttc/.otc collection"))
    return asset_path(name, base, where, "font file"), int(index or 0)


def read_families(faces, path: Path) -> dict[str, FontFamily]:
    """``{family: {style: file[#index]}}`` as written in ``path`` (files
    relative to it) -> font families; every problem reported with its line."""
    if not isinstance(faces, dict):
        raise PamphletError(Problem(Location(path, getattr(faces, "line", 1)), "fonts are not a mapping",
                                    "expected {family: {regular: FILE, bold: FILE}}"))
    problems = Problems()
    families: dict[str, FontFamily] = {}
    for family, styles in faces.items():
        where = Location(path, faces.line_of(family))
        if not isinstance(styles, dict) or "regular" not in styles:
            problems.add(where, f"font family '{family}' has no regular face", "expected at least 'regular: FILE'")
            continue
        files = {}
        for style, spec in styles.items():
            line = Location(path, styles.line_of(style))
            if style not in STYLES:
                problems.add(line, f"unknown font style '{style}'", f"expected one of: {', '.join(STYLES)}")
                continue
            try:
                file, index = _parse_file(str(spec), path.parent, line)
            except PamphletError as exc:
                problems.extend(exc)
                continue
            problem = FontFace.problem(file, index)
            if problem:
                problems.add(line, f"font file '{spec}' {problem[0]}", problem[1])
                continue
            files[style] = (file, index)
        families[str(family)] = FontFamily(str(family), files)
    problems.raise_if_any()
    return families


def read_manifest(path: Path) -> dict[str, FontFamily]:
    """Read a manifest: ``faces: {family: {style: file[#index]}}``."""
    data = load_mapping(path, "the font manifest")
    return read_families(data.get("faces") if isinstance(data, dict) else None, path)


@remembered
def bundled_library() -> FontLibrary:
    """The bundled faces, opened once per process."""
    return FontLibrary(read_manifest(project_root() / "fonts" / "manifest.yaml"))


def library_with(*extra: tuple[tuple[str, FontFamily], ...]) -> FontLibrary:
    """The bundled families with a brand's and a document's own families
    laid over them (a family of the same name is replaced)."""
    if not any(extra):
        return bundled_library()
    return _merged(extra)


@remembered
def _merged(extra: tuple[tuple[tuple[str, FontFamily], ...], ...]) -> FontLibrary:
    families = dict(bundled_library().families)
    for layer in extra:
        families.update(dict(layer))
    return FontLibrary(families)
