"""Printer profiles as data: ``profiles/<name>.yaml`` -> PrintProfile."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .errors import Location, PamphletError, Problems
from .layout.spec import parse_length
from .paths import project_root
from .yamlsource import load

_KEYS = {"description", "bleed", "unprintable_edge", "colour", "booklet", "marks", "duplex", "pdfx", "first_page_instructions"}


@dataclass(frozen=True)
class PrintProfile:
    name: str
    description: str
    bleed: bool
    unprintable_edge: float
    colour: str  # rgb | cmyk
    booklet: str  # imposed | pages
    crop_marks: bool
    fold_marks: str  # none | ticks | marks
    duplex: str  # short-edge | manual | none
    pdfx: str | None = None

    @property
    def commercial(self) -> bool:
        return self.bleed


def available_profiles() -> list[str]:
    return sorted(p.stem for p in (project_root() / "profiles").glob("*.yaml"))


@cache
def load_profile(name: str) -> PrintProfile:
    path = project_root() / "profiles" / f"{name}.yaml"
    if not path.is_file():
        raise PamphletError(f"unknown print profile '{name}'; expected one of: {', '.join(available_profiles())}")
    data = load(path)
    problems = Problems()
    for key in data:
        if key not in _KEYS:
            problems.add(Location(path, data.line_of(key)), f"unknown key '{key}'", f"expected one of: {', '.join(sorted(_KEYS))}")

    def choice(key: str, options: tuple[str, ...], default: str) -> str:
        value = str(data.get(key, default))
        if value not in options:
            problems.add(Location(path, data.line_of(key)), f"{key} is {value!r}", f"expected one of: {', '.join(options)}")
        return value

    marks = data.get("marks") or {}
    fold = str(marks.get("fold", "none"))
    if fold not in ("none", "ticks", "marks"):
        problems.add(Location(path, data.line_of("marks")), f"fold marks {fold!r}", "expected none, ticks or marks")
    try:
        edge = parse_length(data.get("unprintable_edge", 0), Location(path, data.line_of("unprintable_edge")))
    except PamphletError as exc:
        problems.extend(exc)
        edge = 0.0
    profile = PrintProfile(
        name=name,
        description=str(data.get("description", "")),
        bleed=bool(data.get("bleed", False)),
        unprintable_edge=edge,
        colour=choice("colour", ("rgb", "cmyk"), "rgb"),
        booklet=choice("booklet", ("imposed", "pages"), "imposed"),
        crop_marks=bool(marks.get("crop", False)),
        fold_marks=fold,
        duplex=choice("duplex", ("short-edge", "manual", "none"), "short-edge"),
        pdfx=str(data["pdfx"]) if data.get("pdfx") else None,
    )
    problems.raise_if_any()
    return profile
