"""check: what a page draws, as a print shop's preflight reads it.

In:  a page (its content stream and resources, forms, patterns and images
     followed), its number and the print profile.
Out: Findings: RGB colour (operators, colour spaces, images, inline images,
     gradients) and spot colours where the profile is CMYK only; Lab under
     PDF/X-1a; transparency under PDF/X-1a; image resolution; and for print
     shops, ink above 300% total area coverage, text under 12 pt on more
     than one plate, and lines thinner than 0.1 pt.

The content is walked with the graphics state a renderer keeps: the
transformation matrix, fill and stroke colour, line width, font size and
text matrix, so sizes and widths are measured as they print.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ..partner.brand import SINGLE_PLATE_BELOW
from ..profiles import PrintProfile
from .findings import FAIL_PPI_COMMERCIAL, FAIL_PPI_HOME, WARN_PPI, Finding
MAX_INK = 300.0  # percent: total area coverage a shop accepts (FOGRA39 allows 330 at most)
HAIRLINE = 0.1  # points: thinner lines may break up or vanish on press
PROCESS = ("/Cyan", "/Magenta", "/Yellow", "/Black")
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_INLINE_SPACES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}


@dataclass(frozen=True)
class Space:
    """A colour space reduced to what the press cares about."""

    kind: str  # cmyk | gray | rgb | lab | spot | registration | none | process | pattern | other
    names: tuple[str, ...] = ()  # colorants of a Separation or DeviceN space
    components: int = 1

    def initial(self) -> tuple[float, ...]:
        return {"cmyk": (0.0, 0.0, 0.0, 1.0), "gray": (0.0,), "rgb": (0.0, 0.0, 0.0),
                "lab": (0.0, 0.0, 0.0)}.get(self.kind, (1.0,) * self.components)


DEVICE_GRAY = Space("gray")


@dataclass(frozen=True)
class Ink:
    """The current colour: its space and component values."""

    space: Space = DEVICE_GRAY
    values: tuple[float, ...] = (0.0,)

    @property
    def plates(self) -> int | None:
        """How many plates print it; None where that depends on a conversion (RGB, Lab)."""
        kind = self.space.kind
        if kind == "gray":
            return int(self.values[0] < 0.999) if self.values else 1
        if kind in ("cmyk", "spot", "process"):
            return sum(1 for v in self.values if v > 0.001)
        if kind == "registration":
            return 4
        if kind == "none":
            return 0
        return None

    @property
    def coverage(self) -> float | None:
        """Total ink in percent; None for registration marks and colours converted later."""
        kind = self.space.kind
        if kind == "gray":
            return (1.0 - self.values[0]) * 100 if self.values else 100.0
        if kind in ("cmyk", "spot", "process"):
            return sum(self.values) * 100
        return None

    def __str__(self) -> str:
        kind, v = self.space.kind, self.values
        if kind == "cmyk" and len(v) == 4:
            return " ".join(f"{p}{round(x * 100)}" for p, x in zip("CMYK", v))
        if kind == "gray" and v:
            return f"K{round((1 - v[0]) * 100)} (grey)"
        if kind in ("spot", "process"):
            return " ".join(f"{n.lstrip('/')} {round(x * 100)}%" for n, x in zip(self.space.names, v))
        return kind


@dataclass(frozen=True)
class _State:
    ctm: tuple[float, ...] = _IDENTITY
    fill: Ink = Ink()
    stroke: Ink = Ink()
    line_width: float = 1.0
    font_size: float = 0.0
    render_mode: int = 0


def multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m x n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _scale(m: tuple[float, ...]) -> float:
    """How much a matrix scales lengths (the root of its area factor)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


@dataclass
class _Walk:
    """Where the walk through one content stream is: its resources, how deep
    in forms and patterns, the saved graphics states and the text matrix."""

    resources: object
    depth: int
    stack: list = field(default_factory=list)
    text_matrix: tuple = _IDENTITY


_STATE_OPERATORS = frozenset((b"q", b"Q", b"cm", b"w"))
_COLOUR_OPERATORS = frozenset((b"g", b"G", b"k", b"K", b"rg", b"RG", b"cs", b"CS", b"sc", b"scn", b"SC", b"SCN"))
_TEXT_OPERATORS = frozenset((b"BT", b"Tm", b"Tf", b"Tr", b"Tj", b"TJ", b"'", b'"'))


def _graphics_state(walk: _Walk, op: bytes, operands, state: _State) -> _State:
    """The state after q, Q, cm or w."""
    if op == b"q":
        walk.stack.append(state)
    elif op == b"Q":
        return walk.stack.pop() if walk.stack else state
    elif op == b"cm":
        return replace(state, ctm=multiply(tuple(_number(v) for v in operands), state.ctm))
    else:
        return replace(state, line_width=_number(operands[0]))
    return state


class PageScanner:
    """Walks one page's content and collects its findings."""

    def __init__(self, page_number: int, profile: PrintProfile | None):
        self.page = page_number
        self.profile = profile
        self.findings: list[Finding] = []
        self._reported: set[str] = set()

    # -- what is checked for this profile -------------------------------------------
    @property
    def cmyk_only(self) -> bool:
        return self.profile is not None and self.profile.colour == "cmyk"

    @property
    def x1a(self) -> bool:
        return self.profile is not None and self.profile.no_transparency

    @property
    def commercial(self) -> bool:
        return self.profile is not None and self.profile.bleed

    def report(self, key: str, message: str, expected: str, warning: bool = False) -> None:
        if key not in self._reported:
            self._reported.add(key)
            self.findings.append(Finding((self.page,), message, expected, warning))

    @property
    def _cmyk_expected(self) -> str:
        return f"expected CMYK only for '{self.profile.name}'"

    # -- walking -------------------------------------------------------------------
    def run(self, page) -> None:
        self._group(page.get("/Group"))
        contents = page.get_contents()
        if contents is not None:
            self._walk(contents.get_data(), page.get("/Resources"), _State(), depth=0)

    def _group(self, group) -> None:
        if self.x1a and group is not None and group.get_object().get("/S") == "/Transparency":
            self.report("group", "a transparency group", "expected no transparency for PDF/X-1a")

    def _walk(self, data: bytes, resources, state: _State, depth: int) -> None:
        from pypdf.generic import ContentStream, DecodedStreamObject  # loaded when a page is read

        resources = resources.get_object() if resources is not None else {}
        if not (self.cmyk_only or self.x1a or _has_images(resources)):
            return  # nothing here to check; parsing content is the costly part
        walk = _Walk(resources, depth)
        stream = DecodedStreamObject()
        stream.set_data(data)
        for operands, op in ContentStream(stream, None).operations:
            if op in _STATE_OPERATORS:
                state = _graphics_state(walk, op, operands, state)
            elif op in _COLOUR_OPERATORS:
                state = self._colour(walk, op, operands, state)
            elif op in _TEXT_OPERATORS:
                state = self._text_operator(walk, op, operands, state)
            else:
                self._paint_operator(walk, op, operands, state)

    def _colour(self, walk: _Walk, op: bytes, operands, state: _State) -> _State:
        """The state after a colour operator, reporting colour the profile forbids."""
        if op in (b"cs", b"CS"):
            space = self._space(operands[0], walk.resources, f"colour space {operands[0]}")
            return replace(state, **{"fill" if op == b"cs" else "stroke": Ink(space, space.initial())})
        if op in (b"sc", b"scn", b"SC", b"SCN"):
            fill = op.islower()
            current = state.fill if fill else state.stroke
            values = tuple(_number(v) for v in operands if not isinstance(v, str))
            if operands and isinstance(operands[-1], str):  # a pattern
                self._pattern(operands[-1], walk.resources, walk.depth)
            return replace(state, **{"fill" if fill else "stroke": Ink(current.space, values or current.values)})
        space = {b"g": DEVICE_GRAY, b"k": Space("cmyk", (), 4), b"rg": Space("rgb", (), 3)}[op.lower()]
        if space.kind == "rgb" and self.cmyk_only:
            self.report("rgb-op", f"RGB colour ({op.decode()} operator)", self._cmyk_expected)
        ink = Ink(space, tuple(_number(v) for v in operands))
        return replace(state, **{"fill" if op.islower() else "stroke": ink})

    def _text_operator(self, walk: _Walk, op: bytes, operands, state: _State) -> _State:
        """The state after a text operator; shown text is checked at its size."""
        if op == b"BT":
            walk.text_matrix = _IDENTITY
        elif op == b"Tm":
            walk.text_matrix = tuple(_number(v) for v in operands)
        elif op == b"Tf":
            return replace(state, font_size=_number(operands[1]))
        elif op == b"Tr":
            return replace(state, render_mode=int(_number(operands[0])))
        else:
            self._text(state, walk.text_matrix)
        return state

    def _paint_operator(self, walk: _Walk, op: bytes, operands, state: _State) -> None:
        """What a painting operator (paths, shadings, forms, images, graphics states) draws, checked."""
        resources = walk.resources
        if op in (b"f", b"F", b"f*"):
            self._paint(state.fill)
        elif op in (b"S", b"s"):
            self._stroke(state)
        elif op in (b"B", b"B*", b"b", b"b*"):
            self._paint(state.fill)
            self._stroke(state)
        elif op == b"gs":
            self._ext_state(operands[0], resources)
        elif op == b"sh":
            self._shading(operands[0], (resources.get("/Shading") or {}).get(operands[0]))
        elif op == b"Do":
            xobject = (resources.get("/XObject") or {}).get(operands[0])
            if xobject is not None:
                self._draw(operands[0], xobject.get_object(), state, walk.depth)
        elif op == b"INLINE IMAGE":
            self._inline_image(operands["settings"], resources, state)

    # -- colour ----------------------------------------------------------------------
    def _space(self, value, resources, where: str, depth: int = 0) -> Space:
        """The Space of a colour space name or array, reporting what the profile forbids."""
        space = _resolve(value, resources, depth)
        if space.kind == "rgb" and self.cmyk_only:
            self.report(f"rgb-space{where}", f"RGB {where}", self._cmyk_expected)
        elif space.kind == "lab" and self.x1a:
            self.report(f"lab{where}", f"Lab {where}", "expected CMYK only for PDF/X-1a (Lab and ICC colour need PDF/X-4)")
        elif space.kind == "spot" and self.cmyk_only:
            names = ", ".join(n.lstrip("/") for n in space.names if n not in PROCESS)
            self.report(f"spot{names}", f"spot colour {names}",
                        f"expected process CMYK only for '{self.profile.name}' (convert spot colours to CMYK)")
        return space

    def _paint(self, ink: Ink) -> None:
        coverage = ink.coverage
        if self.commercial and coverage is not None and coverage > MAX_INK + 0.5:
            self.report(f"tac{ink}", f"{coverage:.0f}% ink ({ink})",
                        f"expected at most {MAX_INK:.0f}% total area coverage")

    def _stroke(self, state: _State) -> None:
        self._paint(state.stroke)
        if not self.commercial:
            return
        width = state.line_width * _scale(state.ctm)
        if width < HAIRLINE:
            shown = "a zero-width line (the thinnest the device can draw)" if width == 0 else f"a line {width:.2f} pt wide"
            self.report(f"hairline{width:.2f}", shown, f"expected lines at least {HAIRLINE} pt wide (thinner ones break up on press)")

    def _text(self, state: _State, text_matrix: tuple[float, ...]) -> None:
        mode = state.render_mode % 4
        if mode == 3:
            return  # invisible text (a text layer over an image)
        inks = ([state.fill] if mode in (0, 2) else []) + ([state.stroke] if mode in (1, 2) else [])
        size = state.font_size * _scale(text_matrix) * _scale(state.ctm)
        for ink in inks:
            self._paint(ink)
            plates = ink.plates
            if self.commercial and size < SINGLE_PLATE_BELOW and plates is not None and plates > 1:
                self.report(f"plates{size:.1f}{ink}", f"text at {size:.1f} pt on {plates} plates ({ink})",
                            f"expected text under {SINGLE_PLATE_BELOW:g} pt on one plate (100% K, or one process colour)")

    def _pattern(self, name: str, resources, depth: int) -> None:
        pattern = (resources.get("/Pattern") or {}).get(name)
        if pattern is None:
            return
        pattern = pattern.get_object()
        if pattern.get("/PatternType") == 2:
            self._shading(name, pattern.get("/Shading"))
        elif depth < 8:  # a tiling pattern: its cell is content of its own
            self._walk(pattern.get_data(), pattern.get("/Resources"), _State(), depth + 1)

    def _shading(self, name: str, shading) -> None:
        if shading is None:
            return
        shading = shading.get_object()
        space = self._space(shading.get("/ColorSpace"), {}, f"gradient (shading {name})")
        function = shading.get("/Function")
        function = function.get_object() if function is not None else None
        if isinstance(function, dict) and function.get("/FunctionType") == 2:
            for key in ("/C0", "/C1"):
                values = tuple(_number(v) for v in function.get(key, [0.0] if key == "/C0" else [1.0]))
                self._paint(Ink(space, values))

    def _ext_state(self, name: str, resources) -> None:
        state = (resources.get("/ExtGState") or {}).get(name)
        if not self.x1a or state is None:
            return
        state = state.get_object()
        if _number(state.get("/CA", 1)) < 1 or _number(state.get("/ca", 1)) < 1:
            self.report("alpha", "transparency (constant alpha below 1)", "expected no transparency for PDF/X-1a")
        if state.get("/SMask", "/None") != "/None":
            self.report("smask", "a soft mask", "expected no transparency for PDF/X-1a")
        if state.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
            self.report("blend", f"blend mode {state.get('/BM')}", "expected no transparency for PDF/X-1a")

    # -- forms and images --------------------------------------------------------------
    def _draw(self, name: str, xobject, state: _State, depth: int) -> None:
        kind = xobject.get("/Subtype")
        if kind == "/Form" and depth < 8:
            self._group(xobject.get("/Group"))
            matrix = tuple(_number(v) for v in xobject.get("/Matrix", _IDENTITY))
            self._walk(xobject.get_data(), xobject.get("/Resources"), replace(state, ctm=multiply(matrix, state.ctm)),
                       depth + 1)
        elif kind == "/Image":
            self._image(name, xobject, state.ctm)

    def _image(self, name: str, image, ctm: tuple[float, ...]) -> None:
        space = None
        if not image.get("/ImageMask"):
            space = self._space(image.get("/ColorSpace"), {}, f"image {name}")
        if self.x1a and image.get("/SMask") is not None:
            self.report(f"smask{name}", f"image {name} has a soft mask", "expected no transparency for PDF/X-1a")
        if self.commercial and space is not None and space.kind == "cmyk":
            coverage = _image_coverage(image)
            if coverage is not None and coverage > MAX_INK + 0.5:
                self.report(f"tac-image{name}", f"{coverage:.0f}% ink in image {name}",
                            f"expected at most {MAX_INK:.0f}% total area coverage")
        self._resolution(name, int(_number(image.get("/Width"))), int(_number(image.get("/Height"))), ctm)

    def _inline_image(self, settings, resources, state: _State) -> None:
        value = settings.get("/CS", settings.get("/ColorSpace"))
        if value is not None and not settings.get("/IM", settings.get("/ImageMask")):
            self._space(_INLINE_SPACES.get(value, value), resources, "inline image")
        self._resolution("(inline)", int(_number(settings.get("/W", settings.get("/Width")))),
                         int(_number(settings.get("/H", settings.get("/Height")))), state.ctm)

    def _resolution(self, name: str, pixels_w: int, pixels_h: int, ctm: tuple[float, ...]) -> None:
        width_pt = math.hypot(ctm[0], ctm[1])
        height_pt = math.hypot(ctm[2], ctm[3])
        if width_pt <= 0 or height_pt <= 0 or pixels_w <= 0 or pixels_h <= 0:
            return
        pixels = f"{pixels_w} x {pixels_h} px"
        ppi = min(pixels_w / (width_pt / 72), pixels_h / (height_pt / 72))
        fail_below = FAIL_PPI_COMMERCIAL if self.commercial else FAIL_PPI_HOME
        if ppi < fail_below:
            self.report(f"ppi{name}", f"an image ({pixels}) prints at {ppi:.0f} ppi",
                        f"expected at least {fail_below} ppi ({WARN_PPI} for sharp print)")
        elif ppi < WARN_PPI:
            self.report(f"ppi{name}", f"an image ({pixels}) prints at {ppi:.0f} ppi",
                        f"expected {WARN_PPI} ppi for sharp print", warning=True)


def _resolve(value, resources, depth: int = 0) -> Space:
    """A colour space (a name, a named resource or an array) as a Space."""
    value = value.get_object() if hasattr(value, "get_object") else value
    if value is None or depth > 8:
        return Space("other")
    if isinstance(value, str):
        device = {"/DeviceCMYK": Space("cmyk", (), 4), "/DeviceGray": DEVICE_GRAY, "/DeviceRGB": Space("rgb", (), 3),
                  "/Pattern": Space("pattern")}.get(value)
        if device is not None:
            return device
        named = (resources.get("/ColorSpace") or {}).get(value) if resources is not None else None
        return _resolve(named, resources, depth + 1) if named is not None else Space("other")
    if not isinstance(value, list) or not value:
        return Space("other")
    family = value[0]
    if family == "/ICCBased":
        n = int(_number(value[1].get_object().get("/N", 0)))
        return {1: DEVICE_GRAY, 3: Space("rgb", (), 3), 4: Space("cmyk", (), 4)}.get(n, Space("other"))
    if family in ("/CalRGB",):
        return Space("rgb", (), 3)
    if family == "/CalGray":
        return DEVICE_GRAY
    if family == "/Lab":
        return Space("lab", (), 3)
    if family in ("/Indexed", "/I"):
        return _resolve(value[1], resources, depth + 1)
    if family == "/Pattern":
        return Space("pattern")
    if family == "/Separation":
        name = str(value[1])
        if name == "/All":
            return Space("registration", (name,))
        if name == "/None":
            return Space("none", (name,))
        return Space("process" if name in PROCESS else "spot", (name,))
    if family == "/DeviceN":
        names = tuple(str(n) for n in value[1].get_object())
        spot = any(n not in PROCESS and n != "/None" for n in names)
        return Space("spot" if spot else "process", names, len(names))
    return Space("other")


def _image_coverage(image) -> float | None:
    """The most ink any pixel of a CMYK image carries, in percent."""
    from PIL import ImageMath

    try:
        pixels = image.decode_as_image()
    except Exception:  # a filter pypdf cannot decode: nothing measured, nothing claimed
        return None
    if pixels.mode != "CMYK":
        return None
    c, m, y, k = (channel.convert("I") for channel in pixels.split())
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] / 255 * 100


def _resolved(value) -> dict:
    return value.get_object() if value is not None else {}


def _has_images(resources, depth: int = 0) -> bool:
    """Whether an image is drawn from these resources, directly or in a form."""
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Image":
            return True
        if xobject.get("/Subtype") == "/Form" and depth < 8 and _has_images(_resolved(xobject.get("/Resources")), depth + 1):
            return True
    return False
