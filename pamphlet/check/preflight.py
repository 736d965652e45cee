"""check: preflight of a PDF against a print profile.

In:  PDF bytes and, optionally, the profile it is meant for.
Out: a list of Findings (page number, what failed, what was expected); an
     empty list means the PDF passed. Every build runs this on its own output
     before writing it; ``make_pamphlet.py check`` runs it on any PDF.

Checked on every page (forms included): fonts embedded (a font embedded
whole is a warning: it prints, the file is only larger); page boxes nested
(TrimBox in BleedBox in MediaBox); image resolution. With a profile: a real
TrimBox and bleed of the right size; no links, form fields or comments on
the printed area; what the page draws (``streams``: RGB, spot and Lab colour,
transparency, ink coverage, small text on several plates, hairlines); the
PDF/X version, file structure, identification keys and output intent; one
trim size for all pages. Asked for (``make_pamphlet.py check`` does), what a
screen reader finds (``accessibility``), as warnings.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from ..profiles import PrintProfile
from .streams import FAIL_PPI_COMMERCIAL, FAIL_PPI_HOME, WARN_PPI, PageScanner
from .findings import Finding, failures, merge  # noqa: F401 (failures: its callers import it from here)

if TYPE_CHECKING:  # pypdf is imported when a PDF is read
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

__all__ = ["FAIL_PPI_COMMERCIAL", "FAIL_PPI_HOME", "WARN_PPI", "Finding", "failures", "preflight"]

_TOLERANCE = 0.05
_ANNOTATIONS_ALLOWED = ("/PrinterMark", "/TrapNet")  # the only annotations PDF/X allows over the page


def preflight(pdf: bytes, profile: PrintProfile | None = None, accessible: bool = False) -> list[Finding]:
    """Every finding, warnings included; ``failures()`` keeps the ones that
    fail; ``accessible``: the accessibility warnings too."""
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
    trimmed = [p for p in pages if "/TrimBox" in p]  # before pypdf's getters invent boxes
    for number, page in enumerate(pages, start=1):
        findings += _check_fonts(number, page, fonts_seen)
        findings += _check_boxes(number, page, profile)
        findings += _check_annotations(number, page, profile)
        scan = PageScanner(number, profile)
        scan.run(page)
        findings += scan.findings
    if profile is not None and profile.bleed:
        trims = {tuple(round(float(v), 1) for v in (p.trimbox.width, p.trimbox.height)) for p in trimmed}
        if len(trims) > 1:
            findings.append(Finding((), f"pages have {len(trims)} different trim sizes", "expected one trim size for a print job"))
    if profile is not None and profile.pdfx:
        findings += _check_pdfx(reader, profile, pdf)
    if accessible:
        from .accessibility import accessibility

        findings += accessibility(reader)
    return merge(findings)


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
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:  # a form may draw itself
            seen.add(id(xobject))
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
            reported.add(name)  # complete and correct, only larger than it needs to be
            found.append(Finding((number,), f"font {shown} is embedded whole, not as a subset",
                                 "expected a subset (ABCDEF+Name) for a smaller file; it prints correctly", warning=True))
    return found


# -- boxes -------------------------------------------------------------------------

def _inside(inner: list[float], outer: list[float]) -> bool:
    return (inner[0] >= outer[0] - _TOLERANCE and inner[1] >= outer[1] - _TOLERANCE
            and inner[2] <= outer[2] + _TOLERANCE and inner[3] <= outer[3] + _TOLERANCE)


def _check_boxes(number: int, page, profile: PrintProfile | None) -> list[Finding]:
    """Page boxes nested, and the TrimBox and bleed a shop needs. pypdf's box
    getters fall back to the CropBox or MediaBox when a box is missing, so a
    missing box is looked for in the page dictionary itself."""
    found = []
    has_trim = "/TrimBox" in page  # asked first: pypdf's getter writes the box it invents into the page
    media = [float(v) for v in page.mediabox]
    trim = [float(v) for v in page.trimbox]
    bleed = [float(v) for v in page.bleedbox]
    if not has_trim and profile is not None and (profile.pdfx or profile.bleed):
        needs = profile.pdfx or f"'{profile.name}'"
        found.append(Finding((number,), "no TrimBox", f"expected a TrimBox on every page for {needs} (the trim is not the MediaBox)"))
    if has_trim and (not _inside(trim, bleed) or not _inside(bleed, media)):
        found.append(Finding((number,), f"page boxes out of order (TrimBox {trim}, BleedBox {bleed}, MediaBox {media})",
                             "expected TrimBox inside BleedBox inside MediaBox"))
    if profile is not None and profile.bleed and has_trim:
        margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
        if min(margins) < 8.5 - _TOLERANCE:
            found.append(Finding((number,), f"bleed of {min(margins):.1f} pt around the trim",
                                 f"expected at least 3 mm (8.5 pt) on every side for '{profile.name}'"))
    return found


def _check_annotations(number: int, page, profile: PrintProfile | None) -> list[Finding]:
    """Links, form fields and notes over the printed area: a shop's RIP may
    print them or refuse the file (PDF/X allows only printer's marks there)."""
    if profile is None or not (profile.pdfx or profile.bleed):
        return []
    trim = [float(v) for v in page.trimbox] if "/TrimBox" in page else [float(v) for v in page.mediabox]
    found = []
    for ref in page.get("/Annots") or []:
        annotation = ref.get_object()
        kind = str(annotation.get("/Subtype", "/Unknown"))
        if kind in _ANNOTATIONS_ALLOWED:
            continue
        x0, y0, x1, y1 = (float(v) for v in annotation.get("/Rect", [0, 0, 0, 0]))
        rect = [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]
        if rect[0] < trim[2] and rect[2] > trim[0] and rect[1] < trim[3] and rect[3] > trim[1]:
            what = {"/Link": "a link", "/Widget": "a form field"}.get(kind, f"a {kind.lstrip('/')} annotation")
            found.append(Finding((number,), f"{what} inside the trim",
                                 "expected no links, form fields or comments on the printed area of a print file"))
    return found


# -- PDF/X ----------------------------------------------------------------------------

_HEADER = re.compile(rb"%PDF-(\d\.\d)")
MAX_VERSION = {"PDF/X-4": "1.6", "PDF/X-1a:2003": "1.4"}


def _check_pdfx(reader: PdfReader, profile: PrintProfile, pdf: bytes) -> list[Finding]:
    found = []
    header = _HEADER.match(pdf)
    version_of_file = header.group(1).decode() if header else "?"
    most = MAX_VERSION.get(profile.pdfx, "1.7")
    if version_of_file > most:
        found.append(Finding((), f"the file is PDF {version_of_file}", f"expected PDF {most} or earlier for {profile.pdfx}"))
    if profile.pdfx == "PDF/X-1a:2003" and re.search(rb"/Type\s*/(ObjStm|XRef)\b", pdf):
        found.append(Finding((), "the file uses object or cross-reference streams (PDF 1.5 compression)",
                             "expected a classic cross-reference table and no object streams for PDF/X-1a"))
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
        else:
            icc = profile_stream.get_object()
            data = icc.get_data()
            space = data[16:20].decode("latin-1").strip() if len(data) >= 20 else "?"
            if int(icc.get("/N", 0)) != 4 or space != "CMYK":
                found.append(Finding((), f"the output intent's ICC profile is {space or '?'} (/N {icc.get('/N')}), not CMYK",
                                     "expected the printing condition's CMYK profile (e.g. FOGRA39), not sRGB"))
        if not intent.get("/OutputConditionIdentifier"):
            found.append(Finding((), "the output intent has no OutputConditionIdentifier", "expected e.g. FOGRA39"))
    if profile.pdfx == "PDF/X-4" and "/Metadata" not in reader.trailer["/Root"]:
        found.append(Finding((), "no XMP metadata", "expected XMP with pdfxid:GTS_PDFXVersion for PDF/X-4"))
    if "/ID" not in reader.trailer:
        found.append(Finding((), "no file identifier (/ID)", f"expected one for {profile.pdfx}"))
    if "/Encrypt" in reader.trailer:
        found.append(Finding((), "the file is encrypted", f"expected no encryption for {profile.pdfx}"))
    return found
