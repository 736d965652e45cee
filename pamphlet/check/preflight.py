"""check: preflight of a written PDF against a print profile.

In:  PDF bytes and, optionally, the profile it is meant for.
Out: a list of Findings (page number, what failed, what was expected); an
     empty list means the PDF passed. Every build runs this on its own output
     before writing it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from ..profiles import PrintProfile


@dataclass(frozen=True)
class Finding:
    page: int | None  # 1-based
    message: str
    expected: str

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page else ""
        return f"{where}{self.message}; {self.expected}"


def _fonts(resources, seen: set) -> list[tuple[str, DictionaryObject]]:
    """Every font reachable from a resource dictionary (forms included)."""
    found = []
    if not resources:
        return found
    resources = resources.get_object()
    for name, ref in (resources.get("/Font") or {}).items():
        font = ref.get_object()
        key = id(font)
        if key not in seen:
            seen.add(key)
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
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _subset(name: str) -> bool:
    prefix, plus, _ = name.lstrip("/").partition("+")
    return bool(plus) and len(prefix) == 6 and prefix.isupper()


def preflight(pdf: bytes, profile: PrintProfile | None = None) -> list[Finding]:
    findings: list[Finding] = []
    try:
        reader = PdfReader(io.BytesIO(pdf), strict=True)
        pages = reader.pages
        _ = len(pages)
    except Exception as exc:  # a damaged file is a finding, not a crash
        return [Finding(None, f"not a readable PDF ({exc})", "expected a well-formed PDF")]
    reported: set[str] = set()
    for number, page in enumerate(pages, start=1):
        for name, font in _fonts(page.get("/Resources"), set()):
            if name in reported:
                continue
            if not _embedded(font):
                reported.add(name)
                findings.append(Finding(number, f"font {name.lstrip('/')} is not embedded", "expected every font embedded"))
            elif not _subset(name) and font.get("/Subtype") != "/Type3":
                reported.add(name)
                findings.append(Finding(number, f"font {name.lstrip('/')} is embedded whole", "expected fonts embedded as subsets (ABCDEF+Name)"))
        media = [float(v) for v in page.mediabox]
        trim = [float(v) for v in page.trimbox]
        bleed = [float(v) for v in page.bleedbox]
        if not _inside(trim, bleed) or not _inside(bleed, media):
            findings.append(Finding(number, f"page boxes out of order (TrimBox {trim}, BleedBox {bleed}, MediaBox {media})",
                                    "expected TrimBox inside BleedBox inside MediaBox"))
        if profile is not None and profile.bleed and not (bleed[0] < trim[0] and bleed[2] > trim[2]):
            findings.append(Finding(number, "no bleed around the trim", f"expected a BleedBox larger than the TrimBox for '{profile.name}'"))
    return findings


def _inside(inner: list[float], outer: list[float], tolerance: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)
