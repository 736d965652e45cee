"""check: preflight of a PDF against a print profile.

In:  PDF bytes and, optionally, the profile it is meant for.
Out: a list of Findings (page number, what failed, what was expected); an
     empty list means the PDF passed. Every build runs this on its own output
     before writing it; ``make_pamphlet.py check`` runs it on any PDF.

Checked on every page (forms included): fonts embedded and subset; page
boxes nested (TrimBox in BleedBox in MediaBox); image resolution. With a
profile: bleed of the right size; CMYK only (no RGB operators, colour spaces
or images) for CMYK profiles; no transparency for PDF/X-1a; the PDF/X
identification keys and output intent; one trim size for all pages.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..profiles import PrintProfile

if TYPE_CHECKING:  # pypdf is imported when a PDF is read
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

WARN_PPI = 300
FAIL_PPI_COMMERCIAL = 150
FAIL_PPI_HOME = 100
_TOLERANCE = 0.05


@dataclass(frozen=True)
class Finding:
    pages: tuple[int, ...]  # 1-based; empty for the file as a whole
    message: str
    expected: str
    warning: bool = False  # reported, but the file still passes

    def __str__(self) -> str:
        where = f"page {_ranges(self.pages)}: " if len(self.pages) == 1 else f"pages {_ranges(self.pages)}: " if self.pages else ""
        return f"{where}{self.message}; {self.expected}"


def _ranges(pages: tuple[int, ...]) -> str:
    """(1, 2, 3, 5) -> '1-3, 5'."""
    parts, start = [], None
    for n, page in enumerate(pages):
        if start is None:
            start = page
        if n + 1 == len(pages) or pages[n + 1] != page + 1:
            parts.append(str(start) if start == page else f"{start}-{page}")
            start = None
    return ", ".join(parts)


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per problem, listing the pages that have it."""
    merged: dict[tuple, list[Finding]] = {}
    for finding in findings:
        merged.setdefault((finding.message, finding.expected, finding.warning), []).append(finding)
    return [Finding(tuple(p for f in group for p in f.pages), *key) for key, group in merged.items()]


def preflight(pdf: bytes, profile: PrintProfile | None = None) -> list[Finding]:
    """Every finding, warnings included; ``failures()`` keeps the ones that fail."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(pdf), strict=True)
        pages = list(reader.pages)
    except Exception as exc:  # a damaged file is a finding, not a crash
        return [Finding((), f"not a readable PDF ({exc})", "expected a well-formed PDF")]
    if not pages:
        return [Finding((), "the PDF has no pages", "expected at least one page")]
    findings: list[Finding] = []
    fonts_seen: set[str] = set()
    for number, page in enumerate(pages, start=1):
        findings += _check_fonts(number, page, fonts_seen)
        findings += _check_boxes(number, page, profile)
        scan = _Scanner(number, profile)
        scan.run(page)
        findings += scan.findings
    if profile is not None and profile.bleed:
        trims = {tuple(round(float(v), 1) for v in (p.trimbox.width, p.trimbox.height)) for p in pages}
        if len(trims) > 1:
            findings.append(Finding((), f"pages have {len(trims)} different trim sizes", "expected one trim size for a print job"))
    if profile is not None and profile.pdfx:
        findings += _check_pdfx(reader, profile)
    return _merge(findings)


def failures(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not f.warning]


# -- fonts -----------------------------------------------------------------------

def _fonts(resources, seen: set) -> list[tuple[str, DictionaryObject]]:
    """Every font reachable from a resource dictionary (forms included)."""
    found = []
    if not resources:
        return found
    resources = resources.get_object()
    for name, ref in (resources.get("/Font") or {}).items():
        font = ref.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            found.append((str(font.get("/BaseFont", name)), font))
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            found += _fonts(xobject.get("/Resources"), seen)
    return found


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    return any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _subset(name: str) -> bool:
    prefix, plus, _ = name.lstrip("/").partition("+")
    return bool(plus) and len(prefix) == 6 and prefix.isupper()


def _check_fonts(number: int, page, reported: set[str]) -> list[Finding]:
    found = []
    for name, font in _fonts(page.get("/Resources"), set()):
        shown = name.lstrip("/")
        if name in reported:
            continue
        if not _embedded(font):
            reported.add(name)
            found.append(Finding((number,), f"font {shown} is not embedded", "expected every font embedded"))
        elif not _subset(name) and font.get("/Subtype") != "/Type3":
            reported.add(name)
            found.append(Finding((number,), f"font {shown} is embedded whole", "expected fonts embedded as subsets (ABCDEF+Name)"))
    return found


# -- boxes -------------------------------------------------------------------------

def _inside(inner: list[float], outer: list[float]) -> bool:
    return (inner[0] >= outer[0] - _TOLERANCE and inner[1] >= outer[1] - _TOLERANCE
            and inner[2] <= outer[2] + _TOLERANCE and inner[3] <= outer[3] + _TOLERANCE)


def _check_boxes(number: int, page, profile: PrintProfile | None) -> list[Finding]:
    found = []
    media = [float(v) for v in page.mediabox]
    trim = [float(v) for v in page.trimbox]
    bleed = [float(v) for v in page.bleedbox]
    if "/TrimBox" not in page and profile is not None and profile.pdfx:
        found.append(Finding((number,), "no TrimBox", f"expected a TrimBox on every page for {profile.pdfx}"))
    if not _inside(trim, bleed) or not _inside(bleed, media):
        found.append(Finding((number,), f"page boxes out of order (TrimBox {trim}, BleedBox {bleed}, MediaBox {media})",
                             "expected TrimBox inside BleedBox inside MediaBox"))
    if profile is not None and profile.bleed:
        margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
        if min(margins) < 8.5 - _TOLERANCE:
            found.append(Finding((number,), f"bleed of {min(margins):.1f} pt around the trim",
                                 f"expected at least 3 mm (8.5 pt) on every side for '{profile.name}'"))
    return found


# -- content: colour, images, transparency -------------------------------------------

_RGB_SPACES = ("/DeviceRGB", "/CalRGB")


def _is_rgb(space) -> bool:
    space = space.get_object() if hasattr(space, "get_object") else space
    if space in _RGB_SPACES:
        return True
    if isinstance(space, list) and space:
        kind = space[0]
        if kind == "/ICCBased":
            return int(space[1].get_object().get("/N", 0)) == 3
        if kind in _RGB_SPACES:
            return True
        if kind in ("/Indexed",):
            return _is_rgb(space[1])
    return False


class _Scanner:
    """Walks a page's content (and the forms it draws) with the current
    transformation matrix, noting RGB colour, transparency and images."""

    def __init__(self, page_number: int, profile: PrintProfile | None):
        self.page = page_number
        self.profile = profile
        self.findings: list[Finding] = []
        self._reported: set[str] = set()

    def report(self, key: str, message: str, expected: str, warning: bool = False) -> None:
        if key not in self._reported:
            self._reported.add(key)
            self.findings.append(Finding((self.page,), message, expected, warning))

    @property
    def cmyk_only(self) -> bool:
        return self.profile is not None and self.profile.colour == "cmyk"

    @property
    def no_transparency(self) -> bool:
        return self.profile is not None and self.profile.pdfx == "PDF/X-1a:2003"

    def run(self, page) -> None:
        self._group(page.get("/Group"))
        contents = page.get_contents()
        if contents is not None:
            self._walk(contents.get_data(), page.get("/Resources"), [1, 0, 0, 1, 0, 0], depth=0)

    def _group(self, group) -> None:
        if self.no_transparency and group is not None and group.get_object().get("/S") == "/Transparency":
            self.report("group", "a transparency group", "expected no transparency for PDF/X-1a")

    def _walk(self, data: bytes, resources, ctm: list[float], depth: int) -> None:
        from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject

        resources = resources.get_object() if resources is not None else DictionaryObject()
        if not (self.cmyk_only or self.no_transparency or _has_images(resources)):
            return  # nothing here to check; parsing content is the costly part
        spaces = resources.get("/ColorSpace") or {}
        states = resources.get("/ExtGState") or {}
        xobjects = resources.get("/XObject") or {}
        stack: list[list[float]] = []
        stream = DecodedStreamObject()
        stream.set_data(data)
        for operands, op in ContentStream(stream, None).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop() if stack else ctm
            elif op == b"cm":
                ctm = _multiply([float(v) for v in operands], ctm)
            elif op in (b"rg", b"RG") and self.cmyk_only:
                self.report("rgb-op", f"RGB colour ({op.decode()} operator)", f"expected CMYK only for '{self.profile.name}'")
            elif op in (b"cs", b"CS") and self.cmyk_only:
                name = operands[0]
                space = spaces.get(name, name) if name not in _RGB_SPACES else name
                if _is_rgb(space):
                    self.report("rgb-space", f"RGB colour space {name}", f"expected CMYK only for '{self.profile.name}'")
            elif op == b"gs" and self.no_transparency:
                state = states.get(operands[0])
                if state is not None:
                    self._check_state(state.get_object())
            elif op == b"Do":
                xobject = xobjects.get(operands[0])
                if xobject is not None:
                    self._draw(operands[0], xobject.get_object(), ctm, depth)

    def _check_state(self, state) -> None:
        if float(state.get("/CA", 1)) < 1 or float(state.get("/ca", 1)) < 1:
            self.report("alpha", "transparency (constant alpha below 1)", "expected no transparency for PDF/X-1a")
        if state.get("/SMask", "/None") != "/None":
            self.report("smask", "a soft mask", "expected no transparency for PDF/X-1a")
        if state.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
            self.report("blend", f"blend mode {state.get('/BM')}", "expected no transparency for PDF/X-1a")

    def _draw(self, name: str, xobject, ctm: list[float], depth: int) -> None:
        kind = xobject.get("/Subtype")
        if kind == "/Form" and depth < 8:
            self._group(xobject.get("/Group"))
            matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
            self._walk(xobject.get_data(), xobject.get("/Resources"), _multiply(matrix, ctm), depth + 1)
        elif kind == "/Image":
            self._image(name, xobject, ctm)

    def _image(self, name: str, image, ctm: list[float]) -> None:
        if self.cmyk_only and _is_rgb(image.get("/ColorSpace")):
            self.report(f"rgb-image{name}", f"RGB image {name}", f"expected CMYK images for '{self.profile.name}'")
        if self.no_transparency and image.get("/SMask") is not None:
            self.report(f"smask{name}", f"image {name} has a soft mask", "expected no transparency for PDF/X-1a")
        width_pt = math.hypot(ctm[0], ctm[1])
        height_pt = math.hypot(ctm[2], ctm[3])
        if width_pt <= 0 or height_pt <= 0:
            return
        pixels = f"{int(image['/Width'])} x {int(image['/Height'])} px"
        ppi = min(int(image["/Width"]) / (width_pt / 72), int(image["/Height"]) / (height_pt / 72))
        commercial = self.profile is not None and self.profile.bleed
        fail_below = FAIL_PPI_COMMERCIAL if commercial else FAIL_PPI_HOME
        if ppi < fail_below:
            self.report(f"ppi{name}", f"an image ({pixels}) prints at {ppi:.0f} ppi",
                        f"expected at least {fail_below} ppi ({WARN_PPI} for sharp print)")
        elif ppi < WARN_PPI:
            self.report(f"ppi{name}", f"an image ({pixels}) prints at {ppi:.0f} ppi",
                        f"expected {WARN_PPI} ppi for sharp print", warning=True)


def _has_images(resources, depth: int = 0) -> bool:
    """Whether an image is drawn from these resources, directly or in a form."""
    from pypdf.generic import DictionaryObject

    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Image":
            return True
        if xobject.get("/Subtype") == "/Form" and depth < 8 and _has_images((xobject.get("/Resources") or DictionaryObject()).get_object(), depth + 1):
            return True
    return False


def _multiply(m: list[float], n: list[float]) -> list[float]:
    """m x n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


# -- PDF/X ----------------------------------------------------------------------------

def _check_pdfx(reader: PdfReader, profile: PrintProfile) -> list[Finding]:
    found = []
    info = reader.metadata or {}
    version = info.get("/GTS_PDFXVersion")
    if version != profile.pdfx:
        found.append(Finding((), f"GTS_PDFXVersion is {version!r}", f"expected '{profile.pdfx}' in the document info"))
    if info.get("/Trapped") not in ("/True", "/False"):
        found.append(Finding((), "no Trapped key", "expected /Trapped /True or /False"))
    for key in ("/CreationDate", "/ModDate", "/Title"):
        if key not in info:
            found.append(Finding((), f"no {key[1:]} in the document info", f"expected one for {profile.pdfx}"))
    intents = reader.trailer["/Root"].get("/OutputIntents")
    pdfx_intents = [i.get_object() for i in (intents or []) if i.get_object().get("/S") == "/GTS_PDFX"]
    if not pdfx_intents:
        found.append(Finding((), "no GTS_PDFX output intent", f"expected an output intent for {profile.pdfx}"))
    else:
        intent = pdfx_intents[0]
        profile_stream = intent.get("/DestOutputProfile")
        if profile_stream is None:
            found.append(Finding((), "the output intent has no DestOutputProfile", "expected the CMYK ICC profile embedded"))
        elif int(profile_stream.get_object().get("/N", 0)) != 4:
            found.append(Finding((), "the output intent's ICC profile is not CMYK", "expected /N 4"))
        if not intent.get("/OutputConditionIdentifier"):
            found.append(Finding((), "the output intent has no OutputConditionIdentifier", "expected e.g. FOGRA39"))
    if profile.pdfx == "PDF/X-4" and "/Metadata" not in reader.trailer["/Root"]:
        found.append(Finding((), "no XMP metadata", "expected XMP with pdfxid:GTS_PDFXVersion for PDF/X-4"))
    if "/ID" not in reader.trailer:
        found.append(Finding((), "no file identifier (/ID)", f"expected one for {profile.pdfx}"))
    if "/Encrypt" in reader.trailer:
        found.append(Finding((), "the file is encrypted", f"expected no encryption for {profile.pdfx}"))
    return found
