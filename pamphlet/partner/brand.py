"""Brands as data: ``brands/<name>.yaml`` (or any YAML file) -> Brand: a
name, a palette with RGB and CMYK values, optional fonts and an optional logo;
a partner's brand also its credit, local contact block, QR code and replaced
blocks (``parts.py``, read by ``partfile.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..buildcontext import remembered
from ..errors import Location, PamphletError, Problems
from ..projectdirs import project_root
from ..suggest import did_you_mean, misspelt
from ..text.fontlibrary import read_families
from ..yamlsource import LMap, load_mapping
from .parts import PARTNER_KEYS, PartnerParts

if TYPE_CHECKING:
    from .logo import Logo

REQUIRED_COLOURS = ("ink", "accent", "tint", "warm", "muted", "paper")
BRAND_KEYS = ("name", "palette", "fonts", "logo", *PARTNER_KEYS)
DEFAULT_BRAND = "default"
COLOUR = '{rgb: "#RRGGBB", cmyk: [C, M, Y, K]}'


SINGLE_PLATE_BELOW = 12.0  # points: smaller text prints on one plate in CMYK (misregistration blurs it)


@dataclass(frozen=True)
class Colour:
    """A palette colour: RGB for screens and home printers; CMYK for fields
    and large type in print, and ``small_text``, the one-plate CMYK (100% K,
    or one process colour) its text takes below ``SINGLE_PLATE_BELOW``."""

    rgb: tuple[float, float, float]
    cmyk: tuple[float, float, float, float]
    small_text: tuple[float, float, float, float] | None = None  # None: cmyk (one plate already) or a K of its darkness

    def text_cmyk(self, size: float) -> tuple[float, float, float, float]:
        """The CMYK for text at ``size`` points."""
        if size >= SINGLE_PLATE_BELOW:
            return self.cmyk
        if self.small_text is not None:
            return self.small_text
        return self.cmyk if plates(self.cmyk) <= 1 else _k_of(self.rgb)


def plates(cmyk: tuple[float, ...]) -> int:
    """How many printing plates carry ink of this colour."""
    return sum(1 for v in cmyk if v > 0.001)


def _k_of(rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
    """Black alone, as dark as the colour looks (its luma)."""
    luma = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return (0.0, 0.0, 0.0, round(1.0 - luma, 2))


def _cmyk(value) -> tuple[float, float, float, float] | None:
    """Four values from 0 to 1, as written; None for anything else."""
    try:
        found = tuple(float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return found if len(found) == 4 and all(0 <= v <= 1 for v in found) else None


def _small_text(entry, key: str, where: Location, problems: Problems) -> tuple[float, float, float, float] | None:
    if "small_text" not in entry:
        return None
    value = _cmyk(entry["small_text"])
    if value is None:
        problems.add(where, f"small_text of '{key}' is {entry['small_text']!r}", "expected [C, M, Y, K] with values 0..1")
        return None
    if plates(value) > 1:
        problems.add(where, f"small_text of '{key}' uses {plates(value)} plates",
                     "expected one plate: 100% K for dark text, or one process colour")
    return value


@dataclass(frozen=True)
class Brand:
    """A brand (brands/*.yaml): its palette, fonts, logo and partner parts."""

    name: str
    palette: dict[str, Colour] = field(hash=False)
    fonts: tuple = ()  # (family name, FontFamily) pairs laid over the bundled fonts
    logo: Logo | None = None
    partner: PartnerParts = PartnerParts()
    where: Location | None = None  # the line of its name


def _rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    if len(value) != 6:
        raise ValueError(value)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))


def brand_path(name: str) -> Path:
    """A brand name (brands/<name>.yaml) or a path to a brand file."""
    if name.endswith((".yaml", ".yml")):
        return Path(name).resolve()
    return brands_dir() / f"{name}.yaml"


def brand_key(name: str) -> str:
    """What output file names call a brand: its file name without .yaml."""
    return brand_path(name).stem


def brands_dir() -> Path:
    return project_root() / "brands"


def available_brands(folder: Path | None = None) -> list[str]:
    """The brands in ``brands/`` by name, or the brand files in another folder by path."""
    if folder is None:
        return sorted(p.stem for p in brands_dir().glob("*.yaml"))
    return sorted(str(p) for p in Path(folder).glob("*.yaml"))


@remembered
def load_brand(name: str = DEFAULT_BRAND) -> Brand:
    path = brand_path(name)
    if not path.is_file() and name.endswith((".yaml", ".yml")):
        raise PamphletError(f"brand file {path} not found; expected a brand .yaml file there")
    if not path.is_file():
        known = available_brands()
        raise PamphletError(f"unknown brand '{name}'; expected one of: {', '.join(known)}, or a path to a brand .yaml file")
    data = load_mapping(path, "the brand file")
    problems = Problems()
    for key in data:
        if key not in BRAND_KEYS:
            problems.add(Location(path, data.line_of(key)), f"unknown key '{key}' in a brand file",
                         f"expected one of: {', '.join(BRAND_KEYS)}{did_you_mean(str(key), BRAND_KEYS)}; "
                         "the document's text is changed only through 'replace', where the document allows it")
    palette = _palette(data, path, problems)
    fonts: tuple = ()
    if "fonts" in data:
        try:
            fonts = tuple(read_families(data["fonts"], path).items())
        except PamphletError as exc:
            problems.extend(exc)
    logo = None
    if "logo" in data:
        from .logo import read_logo  # the logo and its image reader, for a brand that has one

        logo = read_logo(data, path, problems)
    partner = read_partner_parts(data, path, problems)
    problems.raise_if_any()
    return Brand(str(data.get("name", name)), palette, fonts, logo, partner, Location(path, data.line_of("name")))


def _palette(data, path: Path, problems: Problems) -> dict[str, Colour]:
    colours = data.get("palette")
    if colours is None and misspelt(data, "palette", BRAND_KEYS):
        return {}  # the misspelt key is reported at its line
    if not isinstance(colours, dict):
        problems.add(Location(path, data.line_of("palette")), "'palette' is missing" if colours is None else "'palette' is not a mapping",
                     f"expected palette: {{NAME: {COLOUR}}} for {', '.join(REQUIRED_COLOURS)}")
        return {}
    for key in REQUIRED_COLOURS:
        if key not in colours:
            near = misspelt(colours, key, REQUIRED_COLOURS)
            if near is not None:  # said where it was written
                problems.add(Location(path, colours.line_of(near)), f"palette has no '{key}' but has '{near}'",
                             f"expected colours: {', '.join(REQUIRED_COLOURS)} (did you mean '{key}'?)")
            else:
                problems.add(Location(path, data.line_of("palette")), f"palette has no '{key}'", f"expected colours: {', '.join(REQUIRED_COLOURS)}")
    palette: dict[str, Colour] = {}
    for key, entry in colours.items():
        where = Location(path, colours.line_of(key))
        if not isinstance(entry, dict) or not {"rgb", "cmyk"} <= set(entry) <= {"rgb", "cmyk", "small_text"}:
            problems.add(where, f"colour '{key}' is not {{rgb, cmyk}}", f"expected {COLOUR}, and optionally small_text: [C, M, Y, K]")
            continue
        try:
            rgb = _rgb(str(entry["rgb"]))
        except ValueError:
            problems.add(where, f"colour '{key}' has rgb {entry['rgb']!r}", 'expected "#RRGGBB" (six hex digits)')
            continue
        cmyk = _cmyk(entry["cmyk"])
        if cmyk is None:
            problems.add(where, f"colour '{key}' has cmyk {entry['cmyk']!r}", "expected [C, M, Y, K], four values from 0 to 1")
            continue
        palette[key] = Colour(rgb, cmyk, _small_text(entry, key, where, problems))
    return palette


def read_partner_parts(data: LMap, path: Path, problems: Problems) -> PartnerParts:
    """The partner's parts of a brand file; the reader of them is loaded only for a file that has some."""
    if not any(key in data for key in PARTNER_KEYS):
        return PartnerParts()  # the publisher's own brand: nothing to read
    from .partfile import read_parts

    return read_parts(data, path, problems)
