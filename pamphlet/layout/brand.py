"""Brands as data: ``brands/<name>.yaml`` -> Brand (name and palette)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..errors import Location, PamphletError, Problems
from ..paths import project_root
from ..text.fonts import read_families
from ..yamlsource import load

REQUIRED_COLOURS = ("ink", "accent", "tint", "warm", "muted", "paper")


@dataclass(frozen=True)
class Colour:
    rgb: tuple[float, float, float]
    cmyk: tuple[float, float, float, float]


@dataclass(frozen=True)
class Brand:
    name: str
    palette: dict[str, Colour]
    fonts: tuple = ()  # (family name, FontFamily) pairs laid over the bundled fonts


def _rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    if len(value) != 6:
        raise ValueError(value)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))


@cache
def load_brand(name: str = "default") -> Brand:
    path = project_root() / "brands" / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in path.parent.glob("*.yaml"))
        raise PamphletError(f"unknown brand '{name}'; expected one of: {', '.join(known)}")
    data = load(path)
    problems = Problems()
    palette: dict[str, Colour] = {}
    colours = data.get("palette") or {}
    for key in REQUIRED_COLOURS:
        if key not in colours:
            problems.add(Location(path, getattr(colours, "line", 1)), f"palette has no '{key}'", f"expected colours: {', '.join(REQUIRED_COLOURS)}")
    for key, entry in colours.items():
        where = Location(path, colours.line_of(key))
        try:
            cmyk = tuple(float(v) for v in entry["cmyk"])
            if len(cmyk) != 4 or not all(0 <= v <= 1 for v in cmyk):
                raise ValueError(cmyk)
            palette[key] = Colour(_rgb(str(entry["rgb"])), cmyk)
        except (KeyError, TypeError, ValueError):
            problems.add(where, f"colour '{key}' is {entry!r}", 'expected {rgb: "#RRGGBB", cmyk: [C, M, Y, K] with values 0..1}')
    fonts: tuple = ()
    if "fonts" in data:
        try:
            fonts = tuple(read_families(data["fonts"], path).items())
        except PamphletError as exc:
            problems.extend(exc)
    problems.raise_if_any()
    return Brand(str(data.get("name", name)), palette, fonts)
