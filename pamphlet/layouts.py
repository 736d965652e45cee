"""Layout files: ``layouts/<name>.yaml`` -> LayoutSpec (layout/spec.py),
checked, with every problem at its line; and lengths as written in any of
the project's files ('0.125in', '3mm', '9pt')."""

from __future__ import annotations

import re
from pathlib import Path

from .buildcontext import remembered
from .errors import Location, PamphletError, Problem, Problems
from .layout.spec import SCHEMES, LayoutSpec
from .limits import MAX_BOOKLET_PAGES
from .projectdirs import project_root
from .yamlsource import LMap, load_mapping

BODY_SIZES = (4, 36)  # points: the body text sizes a layout may allow
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


def layouts_dir() -> Path:
    return project_root() / "layouts"


def available_layouts() -> list[str]:
    return sorted(p.stem for p in layouts_dir().glob("*.yaml"))


@remembered
def load_layout(name: str) -> LayoutSpec:
    """The layout ``layouts/<name>.yaml``, checked: every problem reported at its line, together."""
    path = layouts_dir() / f"{name}.yaml"
    if not path.is_file():
        raise PamphletError(f"unknown layout '{name}'; expected one of: {', '.join(available_layouts())}")
    reader = _LayoutFile(path, load_mapping(path, "the layout file"))
    spec = reader.common(name)
    part = {"trifold": reader.trifold, "booklet": reader.booklet, "screen": reader.screen}[spec["scheme"]]
    spec.update(part(spec["sheet"]))
    reader.problems.raise_if_any()
    layout = LayoutSpec(**spec)
    _check_room(layout, reader.data, reader.at, reader.problems)
    reader.problems.raise_if_any()
    return layout


def is_screen(name: str) -> bool:
    """Whether the layout of this name is a screen edition (built once per
    language, not printed); a layout file with a problem is not (its build
    reports the problem where every build does)."""
    try:
        return load_layout(name).scheme == "screen"
    except PamphletError:
        return False


class _LayoutFile:
    """One layout file being read: its keys, each checked where it is written."""

    ALLOWED = ("description", "scheme", "edition", "sheet", "panels", "page", "margin", "bleed", "body", "max_pages",
               "hyphenate")

    def __init__(self, path: Path, data: LMap):
        self.path, self.data, self.problems = path, data, Problems()

    def at(self, key: str, mapping=None) -> Location:
        mapping = self.data if mapping is None else mapping
        return Location(self.path, mapping.line_of(key) if isinstance(mapping, LMap) else None)

    def length(self, value, key: str, mapping=None) -> float:
        try:
            return parse_length(value, self.at(key, mapping))
        except PamphletError as exc:
            self.problems.extend(exc)
            return 0.0

    def size(self, key: str) -> tuple[float, float]:
        value = self.data.get(key)
        if not isinstance(value, LMap) or set(value) != {"width", "height"}:
            self.problems.add(self.at(key), f"'{key}' is {value!r}", "expected {width: LENGTH, height: LENGTH}")
            return (0.0, 0.0)
        return (self.length(value["width"], "width", value), self.length(value["height"], "height", value))

    def common(self, name: str) -> dict:
        """The keys of every layout: its scheme, sheet, bleed and body sizes."""
        data, problems = self.data, self.problems
        for key in data:
            if key not in self.ALLOWED:
                problems.add(self.at(key), f"unknown key '{key}'", f"expected one of: {', '.join(sorted(self.ALLOWED))}")
        scheme = data.get("scheme")
        if scheme not in SCHEMES:
            problems.add(self.at("scheme"), f"scheme {scheme!r}", f"expected one of: {', '.join(SCHEMES)}")
            problems.raise_if_any()
        body = self.body()
        return dict(name=name, path=self.path, description=str(data.get("description", "")), scheme=scheme,
                    edition=str(data.get("edition", scheme)), sheet=self.size("sheet"),
                    bleed=self.length(data.get("bleed", 0), "bleed"), body_min=body[0], body_max=body[1],
                    hyphenate=bool(data.get("hyphenate", False)))

    def body(self) -> tuple[float, float]:
        """The body sizes of the fit search, (min, max)."""
        body = self.data.get("body")
        if not isinstance(body, LMap) or not {"min", "max"} <= set(body):
            self.problems.add(self.at("body"), "'body' has no min and max", "expected body: {min: PT, max: PT}")
            return (9.0, 9.0)
        sizes = []
        for key in ("min", "max"):
            value = body[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not BODY_SIZES[0] <= value <= BODY_SIZES[1]:
                self.problems.add(self.at(key, body), f"body {key} is {value!r}",
                                  f"expected a size in points from {BODY_SIZES[0]} to {BODY_SIZES[1]}")
                value = 9
            sizes.append(float(value))
        if sizes[0] > sizes[1]:
            self.problems.add(self.at("body"), "body min is above max", "expected min <= max")
        return sizes[0], sizes[1]

    def trifold(self, sheet: tuple[float, float]) -> dict:
        """A tri-fold's three panel widths (the fold-in panel last) and its margin."""
        panels = self.data.get("panels")
        if not isinstance(panels, list) or len(panels) != 3:
            self.problems.add(self.at("panels"), f"'panels' is {panels!r}", "expected three panel widths, the fold-in panel last")
            panels = [0, 0, 0]
        widths = tuple(self.length(p, "panels") for p in panels)
        if abs(sum(widths) - sheet[0]) > 0.5:
            self.problems.add(self.at("panels"), f"panels add up to {sum(widths):.2f} pt", f"expected the sheet width, {sheet[0]:.2f} pt")
        if widths[2] > min(widths[:2]):
            self.problems.add(self.at("panels"), "the fold-in panel (last) is wider than the others", "expected it narrower so it tucks in")
        return {"panels": widths, "margin": {"all": self.length(self.data.get("margin"), "margin")}}

    def screen(self, sheet: tuple[float, float]) -> dict:
        """The screen edition's page (its sheet: one page a sheet), margins and most pages."""
        found = self.pages_and_margins()
        if abs(found["page"][0] - sheet[0]) > 0.5 or abs(found["page"][1] - sheet[1]) > 0.5:
            self.problems.add(self.at("page"), "the page is not the sheet",
                              f"expected page {sheet[0]:.2f} x {sheet[1]:.2f} pt (a screen edition's page is its sheet)")
        return found

    def pages_and_margins(self) -> dict:
        """A paged layout's page size, its four margins and its most pages."""
        page = self.size("page")
        margin = self.data.get("margin")
        if not isinstance(margin, LMap) or set(margin) != {"top", "bottom", "inside", "outside"}:
            self.problems.add(self.at("margin"), f"'margin' is {margin!r}", "expected {top, bottom, inside, outside}")
            margin = {"top": 0, "bottom": 0, "inside": 0, "outside": 0}
        most = self.data.get("max_pages", 16)
        if not isinstance(most, int) or isinstance(most, bool) or not 4 <= most <= MAX_BOOKLET_PAGES or most % 4:
            self.problems.add(self.at("max_pages"), f"max_pages is {most!r}",
                              f"expected a multiple of 4 from 4 to {MAX_BOOKLET_PAGES}")
            most = 16
        return {"page": page, "margin": {k: self.length(v, k, margin) for k, v in margin.items()}, "max_pages": most}

    def booklet(self, sheet: tuple[float, float]) -> dict:
        """A booklet's page size, its four margins and its most pages; two pages make its sheet."""
        found = self.pages_and_margins()
        page = found["page"]
        # Two ISO pages may fall short of the sheet (2 x A5 = 296 mm on A4's
        # 297): they are centred on it, the fold in the middle.
        spare = sheet[0] - 2 * page[0]
        if not -0.5 <= spare <= _UNITS["mm"] * 2 or abs(page[1] - sheet[1]) > 0.5:
            self.problems.add(self.at("page"), "two pages side by side do not make the sheet",
                              f"expected page width {sheet[0] / 2:.2f} pt (up to 1 mm less) and height {sheet[1]:.2f} pt")
        return found


def _check_room(layout: LayoutSpec, data: LMap, at, problems: Problems) -> None:
    """Sizes are positive, margins and bleed not negative, and every text
    frame keeps room for text (a margin wider than its page would set every
    word a letter to a line, or past the page's edge)."""
    if min(layout.sheet) <= 0 or (layout.scheme != "trifold" and min(layout.page) <= 0) or min(layout.panels or (1,)) <= 0:
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
