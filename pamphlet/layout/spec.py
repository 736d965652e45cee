"""Layouts as data: ``layouts/<name>.yaml`` -> LayoutSpec.

A layout names an imposition scheme (``trifold`` or ``booklet``), the edition
of the content it sets, its sheet and page geometry, margins, bleed and the
body-size bounds of its fit search. The reader pages it defines (with one
text frame each) are derived here; adding a layout needs only a new file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import Location, PamphletError, Problem, Problems
from ..limits import MAX_BOOKLET_PAGES
from ..paths import project_root
from ..yamlsource import LMap, load_mapping

SCHEMES = ("trifold", "booklet")
BODY_SIZES = (4, 36)  # points: the body text sizes a layout may allow
HOME_UNPRINTABLE = 0.25 * 72  # points at the sheet's edge an office printer leaves blank (and its colour with it)
COLOUR_PADDING = 0.2 * 72  # points between text and the edge of the colour field it sits on
MIN_FRAME = 36.0  # points: the least width and height a text frame may have
_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(pt|in|mm|cm)?\s*$")


def parse_length(value, where: Location) -> float:
    """'0.125in', '3mm', '9pt' or a bare number of points -> points."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = _LENGTH.match(str(value)) if isinstance(value, str) else None
    if not match:
        raise PamphletError(Problem(where, f"length {value!r} is not understood", "expected a number with a unit: pt, in, mm or cm"))
    return float(match.group(1)) * _UNITS[match.group(2) or "pt"]


@dataclass(frozen=True)
class Rect:
    """A rectangle in page space: x from the left, y from the top, in points."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class ReaderPage:
    """One page as the reader sees it: a tri-fold panel or a booklet page."""

    name: str
    width: float
    height: float
    slot: str  # cover | flow | back | blank
    frame: Rect
    number: int | None = None  # printed page number, if any
    spine: str | None = None  # 'left' or 'right' for booklet pages


@dataclass(frozen=True)
class LayoutSpec:
    """A layout (layouts/*.yaml): the sheet, its pages, frames and type sizes."""

    name: str
    path: Path
    description: str
    scheme: str
    edition: str
    sheet: tuple[float, float]
    bleed: float
    body_min: float
    body_max: float
    hyphenate: bool
    panels: tuple[float, ...] = ()
    page: tuple[float, float] = (0.0, 0.0)
    margin: dict[str, float] | None = None
    max_pages: int = 0

    @property
    def text_width(self) -> float:
        """The width of every text frame: one width, so a block split between
        frames continues at the same measure."""
        if self.scheme == "trifold":
            return min(self.panels) - 2 * self.margin["all"]
        return self.page[0] - self.margin["inside"] - self.margin["outside"]

    def trifold_pages(self) -> list[ReaderPage]:
        wide_a, wide_b, fold_in = self.panels
        height = self.sheet[1]
        margin = self.margin["all"]
        frame_h = height - 2 * margin

        def page(name: str, width: float, slot: str) -> ReaderPage:
            x = (width - self.text_width) / 2
            return ReaderPage(name, width, height, slot, Rect(x, margin, self.text_width, frame_h))

        def coloured(name: str, width: float, slot: str, outer_edge: bool) -> ReaderPage:
            # A full colour field ends where a home printer stops printing:
            # text keeps its padding from there, at the sheet's edges; at a
            # fold the colour runs on and the panel's margin holds.
            edge = max(margin, HOME_UNPRINTABLE + COLOUR_PADDING)
            if outer_edge:
                return ReaderPage(name, width, height, slot, Rect(margin, edge, width - margin - edge, height - 2 * edge))
            x = (width - self.text_width) / 2
            return ReaderPage(name, width, height, slot, Rect(x, edge, self.text_width, height - 2 * edge))

        # Reading order: the cover, the flap seen on opening it, the inside
        # spread left to right, then the back. The cover's right edge is the
        # sheet's; the back lies between two folds.
        return [
            coloured("front cover", wide_b, "cover", outer_edge=True),
            page("fold-in flap", fold_in, "flow"),
            page("inside left", wide_a, "flow"),
            page("inside middle", wide_b, "flow"),
            page("inside right", fold_in, "flow"),
            coloured("back", wide_b, "back", outer_edge=False),
        ]

    def booklet_page(self, number: int, slot: str) -> ReaderPage:
        """Page ``number`` (1-based); odd pages are rectos with the spine on the left."""
        width, height = self.page
        m = self.margin
        spine = "left" if number % 2 else "right"
        x = m["inside"] if spine == "left" else m["outside"]
        frame = Rect(x, m["top"], self.text_width, height - m["top"] - m["bottom"])
        shown = number if slot == "flow" else None
        return ReaderPage(f"page {number}", width, height, slot, frame, shown, spine)


def layouts_dir() -> Path:
    return project_root() / "layouts"


def available_layouts() -> list[str]:
    return sorted(p.stem for p in layouts_dir().glob("*.yaml"))


@cache
def load_layout(name: str) -> LayoutSpec:
    path = layouts_dir() / f"{name}.yaml"
    if not path.is_file():
        raise PamphletError(f"unknown layout '{name}'; expected one of: {', '.join(available_layouts())}")
    data = load_mapping(path, "the layout file")
    problems = Problems()

    def at(key: str, mapping: LMap = data) -> Location:
        return Location(path, mapping.line_of(key) if isinstance(mapping, LMap) else None)

    allowed = {"description", "scheme", "edition", "sheet", "panels", "page", "margin", "bleed", "body", "max_pages", "hyphenate"}
    for key in data:
        if key not in allowed:
            problems.add(at(key), f"unknown key '{key}'", f"expected one of: {', '.join(sorted(allowed))}")
    scheme = data.get("scheme")
    if scheme not in SCHEMES:
        problems.add(at("scheme"), f"scheme {scheme!r}", f"expected one of: {', '.join(SCHEMES)}")
        problems.raise_if_any()

    def length(value, key, mapping=data):
        try:
            return parse_length(value, at(key, mapping))
        except PamphletError as exc:
            problems.extend(exc)
            return 0.0

    def size(key):
        value = data.get(key)
        if not isinstance(value, LMap) or set(value) != {"width", "height"}:
            problems.add(at(key), f"'{key}' is {value!r}", "expected {width: LENGTH, height: LENGTH}")
            return (0.0, 0.0)
        return (length(value["width"], "width", value), length(value["height"], "height", value))

    body = data.get("body")
    if not isinstance(body, LMap) or not {"min", "max"} <= set(body):
        problems.add(at("body"), "'body' has no min and max", "expected body: {min: PT, max: PT}")
        body = {"min": 9, "max": 9}
    written = body
    for key in ("min", "max"):
        value = written[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not BODY_SIZES[0] <= value <= BODY_SIZES[1]:
            problems.add(at(key, written), f"body {key} is {value!r}",
                         f"expected a size in points from {BODY_SIZES[0]} to {BODY_SIZES[1]}")
            body = {**body, key: 9}
    sheet = size("sheet")
    spec = dict(
        name=name, path=path, description=str(data.get("description", "")), scheme=scheme,
        edition=str(data.get("edition", scheme)), sheet=sheet, bleed=length(data.get("bleed", 0), "bleed"),
        body_min=float(body["min"]), body_max=float(body["max"]), hyphenate=bool(data.get("hyphenate", False)),
    )
    margin = data.get("margin")
    if scheme == "trifold":
        panels = data.get("panels")
        if not isinstance(panels, list) or len(panels) != 3:
            problems.add(at("panels"), f"'panels' is {panels!r}", "expected three panel widths, the fold-in panel last")
            panels = [0, 0, 0]
        spec["panels"] = tuple(length(p, "panels") for p in panels)
        spec["margin"] = {"all": length(margin, "margin")}
        if abs(sum(spec["panels"]) - sheet[0]) > 0.5:
            problems.add(at("panels"), f"panels add up to {sum(spec['panels']):.2f} pt", f"expected the sheet width, {sheet[0]:.2f} pt")
        if spec["panels"] and spec["panels"][2] > min(spec["panels"][:2]):
            problems.add(at("panels"), "the fold-in panel (last) is wider than the others", "expected it narrower so it tucks in")
    else:
        spec["page"] = size("page")
        if not isinstance(margin, LMap) or set(margin) != {"top", "bottom", "inside", "outside"}:
            problems.add(at("margin"), f"'margin' is {margin!r}", "expected {top, bottom, inside, outside}")
            margin = {"top": 0, "bottom": 0, "inside": 0, "outside": 0}
        spec["margin"] = {k: length(v, k, margin) for k, v in margin.items()}
        spec["max_pages"] = data.get("max_pages", 16)
        if not isinstance(spec["max_pages"], int) or not 4 <= spec["max_pages"] <= MAX_BOOKLET_PAGES or spec["max_pages"] % 4:
            problems.add(at("max_pages"), f"max_pages is {spec['max_pages']!r}",
                         f"expected a multiple of 4 from 4 to {MAX_BOOKLET_PAGES} (a saddle-stitched booklet)")
            spec["max_pages"] = 16
        # Two ISO pages may fall short of the sheet (2 x A5 = 296 mm on A4's
        # 297): they are centred on it, the fold in the middle.
        spare = sheet[0] - 2 * spec["page"][0]
        if not -0.5 <= spare <= _UNITS["mm"] * 2 or abs(spec["page"][1] - sheet[1]) > 0.5:
            problems.add(at("page"), "two pages side by side do not make the sheet",
                         f"expected page width {sheet[0] / 2:.2f} pt (up to 1 mm less) and height {sheet[1]:.2f} pt")
    if spec["body_min"] > spec["body_max"]:
        problems.add(at("body"), "body min is above max", "expected min <= max")
    problems.raise_if_any()
    layout = LayoutSpec(**spec)
    _check_room(layout, data, at, problems)
    problems.raise_if_any()
    return layout


def _check_room(layout: LayoutSpec, data: LMap, at, problems: Problems) -> None:
    """Sizes are positive, margins and bleed not negative, and every text
    frame keeps room for text (a margin wider than its page would set every
    word a letter to a line, or past the page's edge)."""
    if min(layout.sheet) <= 0 or (layout.scheme == "booklet" and min(layout.page) <= 0) or min(layout.panels or (1,)) <= 0:
        problems.add(at("sheet"), "a sheet, page or panel size is zero or less", "expected positive widths and heights")
        return
    if layout.bleed < 0:
        problems.add(at("bleed"), f"bleed is {layout.bleed:.1f} pt", "expected 0 or more")
    margins = data.get("margin")
    for key, value in layout.margin.items():
        if value < 0:
            problems.add(at(key, margins) if key != "all" else at("margin"), f"margin {'' if key == 'all' else key + ' '}"
                         f"is {value:.1f} pt", "expected 0 or more (text set past the edge would be cut or folded)")
    pages = layout.trifold_pages() if layout.scheme == "trifold" else [layout.booklet_page(n, "flow") for n in (1, 2)]
    for page in pages:
        if min(page.frame.w, page.frame.h) < MIN_FRAME:
            problems.add(at("margin"), f"the margins leave a text frame of {page.frame.w:.1f} x {page.frame.h:.1f} pt "
                         f"on {page.name}", f"expected at least {MIN_FRAME:g} pt (half an inch) each way")
            return
