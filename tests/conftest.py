"""Shared fixtures: PDFs built once per test session, and ways to read them back."""

from __future__ import annotations

import io
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from pamphlet.pipeline import BuildOptions, BuildResult, build_one

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "text" / "understanding-migrant-sex-workers"
LANGS = ("en", "fr", "es", "tl", "vi", "th", "ko", "ja", "zh-Hans", "zh-Hant", "my", "km", "ne")
LAYOUTS = ("trifold-letter", "trifold-a4", "booklet-letter", "booklet-a4")
RTL_LANGS = ("ar", "ur")  # set right to left: tests/test_rtl.py reads them back (the readers' limits differ)


def pytest_configure(config):
    """Compile pamphlet's bytecode once. Many tests run make_pamphlet.py as a
    user would, each in a new Python; where PYTHONDONTWRITEBYTECODE is set (as
    in many CI containers) every one of them would otherwise compile the
    package's source again (about a fifth of a second each)."""
    import compileall

    if hasattr(config, "workerinput"):
        return  # a pytest-xdist worker: the main process compiled it already
    compileall.compile_dir(ROOT / "pamphlet", quiet=2)


def pytest_xdist_auto_num_workers(config):
    """The whole suite (``python -m pytest -q``, pyproject's ``-n auto``): a
    test process per core. Tests picked on the command line (files, ``-k``):
    this process alone, as starting workers would cost more than it saves."""
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS or config.option.keyword or config.option.markexpr:
        return 0
    return None  # xdist's own count of the cores


@pytest.fixture(scope="session")
def out_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("out")


@pytest.fixture(scope="session")
def build(out_dir):
    """build(lang, layout, profile='home') -> BuildResult, built once per session."""

    @cache
    def _build(lang: str, layout: str, profile: str = "home") -> BuildResult:
        options = BuildOptions(doc=DOC, langs=(lang,), layouts=(layout,), profiles=(profile,), out_dir=out_dir / profile)
        return build_one(options, lang, layout)

    return _build


@cache
def composition(lang: str, layout: str):
    """(document, Composition) of the shipped pamphlet, composed once per session."""
    from pamphlet.content.load import load_document
    from pamphlet.languages import language
    from pamphlet.partner.brand import load_brand
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import load_layout
    from pamphlet.text.fontlibrary import library_with

    doc = load_document(DOC, lang)
    brand = load_brand("default")
    return doc, compose(doc, load_layout(layout), language(lang), library_with(brand.fonts, doc.fonts), brand.logo)


def pypdf_text(path: Path) -> list[str]:
    reader = PdfReader(str(path))
    return [page.extract_text() or "" for page in reader.pages]


# pdftotext -raw: text in content-stream order (which is reading order in the
# PDFs pamphlet writes) and without poppler's guesses that join hyphenated lines.
def poppler_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pypdf_placed_pages(path: Path) -> list[list[str]]:
    """pypdf's text of each page placed on each sheet side (left to right as
    drawn), read as if each were a page of its own."""
    from .readers import page_text, placed_pages

    return [[page_text(placed) for placed in placed_pages(sheet)] for sheet in PdfReader(str(path)).pages]


def poppler_region(path: Path, page: int, x0: float, x1: float, height: float = 2000) -> str:
    """Text inside a vertical strip x0..x1 (points) of one page (1-based), by pdftotext."""
    args = ["pdftotext", "-raw", "-enc", "UTF-8", "-r", "72", "-f", str(page), "-l", str(page), "-x", str(int(x0)),
            "-y", "0", "-W", str(int(x1 - x0)), "-H", str(int(height)), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def booklet_reader_text(path: Path, total: int) -> dict[int, str]:
    """Text of each reader page of an imposed booklet, found by the half of
    the sheet side it was placed on. The page number, last on the page, is
    kept (poppler may join it to a hyphenated last line: "anti5")."""
    from pamphlet.impose.plans import booklet_order

    reader = PdfReader(str(path))
    half = float(reader.pages[0].mediabox.width) / 2
    pages: dict[int, str] = {}
    for sheet, (front, back) in enumerate(booklet_order(total)):
        for side, (left, right) in ((2 * sheet + 1, front), (2 * sheet + 2, back)):
            pages[left] = poppler_region(path, side, 0, half)
            pages[right] = poppler_region(path, side, half, 2 * half)
    return pages


def without_page_number(text: str, number: int) -> str:
    text = text.rstrip()
    return text[: -len(str(number))] if text.endswith(str(number)) else text


def squash(text: str) -> str:
    """Text with all whitespace removed (line breaks differ between extractors),
    and the hyphens the layout added at line ends (U+2010 in the text layer)."""
    return re.sub(r"\s+", "", re.sub(r"\u2010[ \t]*\r?\n", "", text))


def pdf_bytes_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))
