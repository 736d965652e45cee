"""PDFs a user hands in (to ``impose`` or ``check``), opened or refused in
words the user can act on: not there, not a PDF, encrypted (with the qpdf
command that decrypts it), damaged (with the reader's reason), no pages, or
more pages than any pamphlet has."""

from __future__ import annotations

import io
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from .errors import Location, PamphletError, Problem


@dataclass(frozen=True)
class InputPdf:
    path: Path
    data: bytes
    pages: int
    title: str


class PdfRefused(ValueError):
    """A PDF that cannot be used: 'encrypted: decrypt it first (...)' or
    'damaged PDF (...)', to follow the file's name."""

    def __init__(self, message: str, expected: str = ""):
        super().__init__(message)
        self.expected = expected


@contextmanager
def reading(path: Path):
    """Work on a PDF that opened (``read_pdf``) but may be damaged deeper in,
    where the reader looks only when asked (a font, an image, a form): what
    the reader then finds wrong is the file's problem, 'FILE: damaged PDF (...)'."""
    from pypdf.errors import PyPdfError

    try:
        yield
    except Exception as exc:  # sorted below: the reader's errors are the file's, ours are ours
        if not (isinstance(exc, (PyPdfError, RecursionError)) or _raised_in_reader(exc)):
            raise
        raise PamphletError(Problem(Location(path), f"damaged PDF ({_reason(exc)})",
                                    f"expected a complete PDF (`qpdf --check {path}` says more)")) from None


def _raised_in_reader(exc: BaseException) -> bool:
    """Whether an error came out of the PDF reader's own code (a damaged
    object can make pypdf fail with a TypeError or ValueError of its own)
    rather than out of this package's."""
    import os

    import pypdf

    reader = os.path.dirname(pypdf.__file__) + os.sep
    package = os.path.dirname(os.path.abspath(__file__)) + os.sep
    in_reader = False
    frame = exc.__traceback__
    while frame is not None:  # outermost to innermost: the last of ours, then was the reader below it?
        filename = frame.tb_frame.f_code.co_filename
        if filename.startswith(package):
            in_reader = False
        elif filename.startswith(reader):
            in_reader = True
        frame = frame.tb_next
    return in_reader


def open_pdf(path: Path, data: bytes | None = None) -> PdfReader:
    """A reader of a PDF that is not encrypted and whose pages and boxes
    read; PdfRefused otherwise."""
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its warnings about repairs would reach the user as noise
    try:
        reader = PdfReader(io.BytesIO(data) if data is not None else path)
        if reader.is_encrypted:
            raise PdfRefused(f"encrypted: decrypt it first ({_decrypt_command(reader, path)})")
        for number, page in enumerate(reader.pages, start=1):  # what impose, check and art placement read
            page.get_contents()
            box = page.mediabox
            if abs(box.width) < 1 or abs(box.height) < 1:
                raise PdfRefused(f"damaged PDF (page {number} has no size: its MediaBox is "
                                 f"{[round(float(v), 2) for v in box]})", "expected pages with a width and a height")
            if page.rotation % 90:
                raise PdfRefused(f"damaged PDF (page {number} is turned {page.rotation} degrees)",
                                 "expected pages turned by quarter turns, the only rotation PDF allows")
        reader.metadata
        return reader
    except PdfRefused:
        raise
    except Exception as exc:  # whatever a damaged file breaks in the reader is the file's problem
        raise PdfRefused(f"damaged PDF ({_reason(exc)})", f"expected a complete PDF (`qpdf --check {path}` says more)") from None
    finally:
        quiet.setLevel(level)


def read_pdf(path: Path, max_pages: int | None = None) -> InputPdf:
    """The bytes of a readable, unencrypted PDF with pages; a PamphletError otherwise."""
    where = Location(path)
    if not path.is_file():
        raise PamphletError(Problem(where, "no such file", "expected a PDF file"))
    data = path.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise PamphletError(Problem(where, "not a PDF", "expected a PDF file (one starting with %PDF-)"))
    try:
        reader = open_pdf(path, data)
    except PdfRefused as exc:
        raise PamphletError(Problem(where, str(exc), exc.expected)) from None
    pages = len(reader.pages)
    if not pages:
        raise PamphletError(Problem(where, "no pages", "expected a PDF with at least one page"))
    if max_pages is not None and pages > max_pages:
        raise PamphletError(Problem(where, f"has {pages} pages",
                                    f"expected at most {max_pages} (split it into parts first)"))
    return InputPdf(path, data, pages, str((reader.metadata or {}).get("/Title") or ""))


def _decrypt_command(reader: PdfReader, path: Path) -> str:
    out = path.with_name(f"{path.stem}-decrypted.pdf")
    try:
        needs_password = not reader.decrypt("")
    except Exception:  # an encryption pypdf cannot even try: qpdf still can
        needs_password = False
    password = " --password=PASSWORD" if needs_password else ""
    return f"qpdf --decrypt{password} {path} {out}"


def _reason(exc: Exception) -> str:
    reason = str(exc).strip().rstrip(".") or type(exc).__name__
    if "EOF marker" in reason or "ended unexpectedly" in reason or "startxref" in reason:
        reason += ": the file looks cut short, as by an interrupted download or copy"
    return reason
