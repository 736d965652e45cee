"""Printer profiles as data: ``profiles/<name>.yaml`` -> PrintProfile."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .buildcontext import remembered
from .errors import Location, PamphletError, Problem, Problems
from .impose.paperpath import DEFAULT_PAPER_PATH, PAPER_PATHS
from .layouts import parse_length
from .projectdirs import checked_asset_path, project_root
from .yamlsource import load_mapping

_KEYS = {"description", "bleed", "unprintable_edge", "colour", "booklet", "marks", "duplex", "pdfx", "output_intent",
         "paper_thickness", "paper_path"}
PDFX_VERSIONS = ("PDF/X-4", "PDF/X-1a:2003")
MAX_EDGE = 72.0  # points: no printer leaves more than an inch unprinted
MAX_THICKNESS = 0.5 * 72 / 25.4  # points: 0.5 mm, heavy card


@dataclass(frozen=True)
class OutputIntent:
    """The printing condition a PDF/X file is made for, with its ICC profile."""

    profile: Path
    identifier: str  # e.g. FOGRA39
    registry: str
    condition: str
    info: str


@dataclass(frozen=True)
class PrintProfile:
    """A print profile (profiles/*.yaml): what the printer needs of the file."""

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
    output_intent: OutputIntent | None = None
    paper_thickness: float = 0.29  # points; 80 gsm / 20 lb bond is about 0.1 mm
    paper_path: str = DEFAULT_PAPER_PATH  # manual duplex: see impose/paperpath.py
    edge_where: Location | None = field(default=None, compare=False)  # the line giving unprintable_edge

    @property
    def commercial(self) -> bool:
        return self.bleed

    @property
    def no_transparency(self) -> bool:
        """PDF/X-1a allows no transparency (X-4 and home PDFs do)."""
        return self.pdfx == "PDF/X-1a:2003"

    @property
    def output_profile(self) -> Path | None:
        """The ICC profile of the output intent, if the profile has one."""
        return self.output_intent.profile if self.output_intent else None


def text_clipped(profile: PrintProfile, layout, booklet: str) -> Problem | None:
    """A layout whose text comes nearer a sheet edge than the printer can
    print would lose the outer letters of its lines: said before anything is
    built. Booklets printed as single pages face the edge on every side;
    imposed, their inside margin is at the fold."""
    margin = layout.margin
    if layout.scheme == "trifold":
        nearest = margin["all"]
    else:
        nearest = min(margin[k] for k in (("top", "bottom", "outside") + (("inside",) if booklet == "pages" else ())))
    if nearest + 0.01 >= profile.unprintable_edge:
        return None
    return Problem(profile.edge_where or Location(layout.path),
                   f"print profile '{profile.name}' cannot print within {profile.unprintable_edge / 72:.2f} in of the sheet "
                   f"edge, but layout '{layout.name}' sets text {nearest / 72:.2f} in from it ({layout.path.name})",
                   "expected the layout's margins at least the profile's unprintable_edge (the outer letters would be cut)")


def available_profiles() -> list[str]:
    return sorted(p.stem for p in (project_root() / "profiles").glob("*.yaml"))


# The screen edition's: nothing a printer needs. It is not a file of
# profiles/ (no --print names it): a screen layout takes it whatever the
# print profiles asked for.
SCREEN = PrintProfile(name="screen", description="A screen: single pages, RGB, live links, bookmarks", bleed=False,
                      unprintable_edge=0.0, colour="rgb", booklet="pages", crop_marks=False, fold_marks="none",
                      duplex="none")


@remembered
def load_profile(name: str) -> PrintProfile:
    path = project_root() / "profiles" / f"{name}.yaml"
    if not path.is_file():
        raise PamphletError(f"unknown print profile '{name}'; expected one of: {', '.join(available_profiles())}")
    data = load_mapping(path, "the profile file")
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
    edge = _length(data, "unprintable_edge", path, problems, default="0")
    if not 0 <= edge <= MAX_EDGE:
        problems.add(Location(path, data.line_of("unprintable_edge")), f"unprintable_edge is {edge / 72:.2f} in",
                     f"expected 0 to {MAX_EDGE / 72:g} in (office printers: about 0.25 in)")
    thickness = _length(data, "paper_thickness", path, problems, default="0.1mm")
    if not 0 < thickness <= MAX_THICKNESS:
        problems.add(Location(path, data.line_of("paper_thickness")), f"paper_thickness is {thickness / 72 * 25.4:.2f} mm",
                     f"expected more than 0 and at most {MAX_THICKNESS / 72 * 25.4:g} mm (office paper: about 0.1 mm)")
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
        output_intent=_output_intent(data, path, problems),
        paper_thickness=thickness,
        paper_path=choice("paper_path", tuple(PAPER_PATHS), DEFAULT_PAPER_PATH),
        edge_where=Location(path, data.line_of("unprintable_edge")),
    )
    if profile.pdfx and profile.pdfx not in PDFX_VERSIONS:
        problems.add(Location(path, data.line_of("pdfx")), f"pdfx is {profile.pdfx!r}", f"expected one of: {', '.join(PDFX_VERSIONS)}")
    if profile.pdfx and "output_intent" not in data:
        problems.add(Location(path, data.line_of("pdfx")), f"{profile.pdfx} needs an output intent", "expected output_intent: {profile: FILE.icc, identifier: ...}")
    if profile.pdfx and profile.colour != "cmyk":
        problems.add(Location(path, data.line_of("colour")), f"{profile.pdfx} with colour {profile.colour!r}", "expected colour: cmyk")
    problems.raise_if_any()
    return profile


def _length(data, key: str, path: Path, problems: Problems, default: str) -> float:
    try:
        return parse_length(data.get(key, default), Location(path, data.line_of(key)))
    except PamphletError as exc:
        problems.extend(exc)
        return 0.0


def _output_intent(data, path: Path, problems: Problems) -> OutputIntent | None:
    entry = data.get("output_intent")
    if entry is None:
        return None
    where = Location(path, data.line_of("output_intent"))
    needed = ("profile", "identifier", "registry", "condition", "info")
    if not isinstance(entry, dict) or not set(needed) <= set(entry):
        problems.add(where, "output_intent is incomplete", f"expected keys: {', '.join(needed)}")
        return None
    icc = checked_asset_path(entry["profile"], path.parent, Location(path, entry.line_of("profile")), "ICC profile",
                             problems)
    if icc is None:
        return None
    if not icc.is_file():
        problems.add(Location(path, entry.line_of("profile")), f"ICC profile '{entry['profile']}' not found", f"expected a CMYK ICC profile at {icc}")
        return None
    return OutputIntent(icc, *(str(entry[k]) for k in needed[1:]))
