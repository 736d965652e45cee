"""The screen edition: single pages for a phone, the whole text in reading
order, live links over addresses, e-mails and phone numbers, bookmarks,
tagged like every PDF, built once per language whatever the print profiles."""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import DOC, ROOT, squash
from .test_cli import run

MM = 72 / 25.4


@cache
def screen(lang: str, brand: str = "default") -> dict:
    out = Path(f"/tmp/pamphlet-screen-tests-{lang}-{brand}")
    result = run("build", "--lang", lang, "--layout", "screen", "--brand", brand, "--out", str(out), "--json", "--quiet",
                 cwd=ROOT)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    return record


@pytest.mark.parametrize("lang", ["en", "ja", "zh-Hans", "th"])
def test_single_phone_sized_pages_in_rgb_at_a_readable_size(lang):
    record = screen(lang)
    reader = PdfReader(record["path"])
    assert record["print"] == "screen" and Path(record["path"]).name.endswith(f"-{lang}-screen.pdf")
    assert len(reader.pages) == record["reader_pages"] >= 8
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((100 * MM, 178 * MM), abs=0.01)
        assert "/TrimBox" not in page or float(page.trimbox.width) == pytest.approx(100 * MM, abs=0.01)
    assert record["body_font_size_pt"] >= 11
    assert Path(record["path"]).stat().st_size <= 400_000  # a CJK edition too: it is sent from phone to phone
    assert not [i for page in reader.pages for i in (page.get("/Resources") or {}).get("/ColorSpace", {})]


def test_the_whole_text_in_reading_order():
    """Cover, every block of the booklet edition, the back: each text's start
    read back, in order (a page's number may stand inside a text it splits)."""
    from pamphlet.content.load import load_document

    read = subprocess.run(["pdftotext", "-enc", "UTF-8", screen("en")["path"], "-"], capture_output=True, text=True,
                          check=True).stdout
    # A word hyphenated at a line's end whole again; poppler also drops a
    # real hyphen there (anti-|trafficking), so hyphens are not compared.
    text = squash(read.replace("\u2010\n", "")).replace("-", "")
    doc = load_document(DOC, "en")
    edition = doc.editions["booklet"]
    at = 0
    for block in (doc.block(i) for i in edition.cover + edition.flow + edition.back):
        for part in block.texts():
            found = text.find(squash(part.plain).replace("-", "")[:40], at if block.type != "contact" else 0)
            assert found >= 0, block.id
            if block.type not in ("contact", "image"):
                at = found


def test_links_open_what_the_text_shows():
    """https: for a web address, mailto: for an e-mail, tel: with digits
    only for a phone number; each over the words it opens, and tied to a
    Link element of the structure tree."""
    import pypdfium2 as pdfium

    path = screen("en")["path"]
    reader = PdfReader(path)
    document = pdfium.PdfDocument(path)
    links = []
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            assert "/StructParent" in annotation and annotation.get("/Contents")
            left, bottom, right, top = (float(v) for v in annotation["/Rect"])
            shown = document[index].get_textpage().get_text_bounded(left, bottom, right, top).strip()
            links.append((annotation["/A"]["/URI"], shown))
    assert ("https://butterflysw.org", "butterflysw.org") in links
    assert ("tel:+14169063098", "+1-416-906-3098") in links
    assert ("mailto:cswbutterfly@gmail.com", "cswbutterfly@gmail.com") in links
    assert ("https://www.butterflysw.org/donate", "https://www.butterflysw.org/donate") in links
    assert all(uri.split(":")[0] in ("https", "mailto", "tel") for uri, _ in links)


def test_print_pdfs_have_no_links(build):
    """PDF/X allows no link on the page, and a printed sheet none to touch."""
    reader = PdfReader(build("en", "trifold-letter").path)
    assert not [a for page in reader.pages for a in (page.get("/Annots") or [])
                if a.get_object().get("/Subtype") == "/Link"]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_bookmarks_for_the_title_and_sections_and_it_opens_at_the_screens_width(lang):
    from pamphlet.content.load import load_document

    reader = PdfReader(screen(lang)["path"])
    root = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines" and root["/OpenAction"][1] == "/FitH"
    flat = []

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                flat.append((item.title, reader.get_destination_page_number(item), depth, item["/Type"]))
    walk(reader.outline)
    doc = load_document(DOC, lang)
    headings = [b.text.plain for b in doc.blocks if b.type in ("title", "heading")]
    assert [title for title, *_ in flat] == headings
    assert flat[0][1] == 0 and [page for _, page, *_ in flat] == sorted(page for _, page, *_ in flat)
    assert {fit for *_, fit in flat} <= {"/FitH"}
    assert any(depth == 1 for _, _, depth, _ in flat)  # a subsection under its section


def test_tagged_and_checked_like_every_pdf():
    path = screen("ja")["path"]
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    checked = subprocess.run(["pdfua", "check", path], capture_output=True, text=True)
    assert "errors=0 warnings=0" in checked.stdout, checked.stdout
    assert subprocess.run(["qpdf", "--check", path], capture_output=True, text=True).returncode == 0


def test_a_partners_edition_fits_its_card_on_the_back():
    """The mission ends the text on a phone's page; the back keeps the
    partner's card, the contact and the donations."""
    record = screen("th", "example-partner")
    assert record["body_font_size_pt"] >= 11
    assert [f["slot"] for f in record["fill"]][-1] == "back"


def test_built_once_per_language_whatever_the_print_profiles(tmp_path):
    result = run("build", "--lang", "en,th", "--layout", "screen,trifold-letter", "--print", "home,commercial",
                 "--out", str(tmp_path), "--json", "--quiet", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    names = sorted(Path(r["path"]).name for r in json.loads(result.stdout))
    assert [n for n in names if "screen" in n] == ["understanding-migrant-sex-workers-en-screen.pdf",
                                                    "understanding-migrant-sex-workers-th-screen.pdf"]
    assert len(names) == 2 + 2 * 2
    listed = run("list", cwd=ROOT).stdout
    assert "screen" in listed


def test_links_in_right_to_left_text_lie_over_their_words():
    """An Arabic contact line ('الموقع: butterflysw.org'): its runs are drawn
    reordered, and the link lies over the address where it is drawn."""
    import pypdfium2 as pdfium

    path = screen("ar")["path"]
    reader, document = PdfReader(path), pdfium.PdfDocument(path)
    found = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            left, bottom, right, top = (float(v) for v in annotation["/Rect"])
            found[annotation["/A"]["/URI"]] = document[index].get_textpage().get_text_bounded(left, bottom, right, top)
    assert found["tel:+14169063098"].strip() == "+1-416-906-3098"
    assert found["https://butterflysw.org"].strip() == "butterflysw.org"
    assert "cswbutterfly@gmail.com" in found["mailto:cswbutterfly@gmail.com"]


@pytest.mark.parametrize("text, found", [
    ("Phone: +1-416-906-3098", [("+1-416-906-3098", "tel:+14169063098")]),
    ("call +66 2 123 4567 now", [("+66 2 123 4567", "tel:+6621234567")]),
    ("(02) 123 4567", [("(02) 123 4567", "tel:021234567")]),
    ("Web: butterflysw.org", [("butterflysw.org", "https://butterflysw.org")]),
    ("PayPal: https://www.butterflysw.org/donate.", [("https://www.butterflysw.org/donate",
                                                      "https://www.butterflysw.org/donate")]),
    ("E-mail: cswbutterfly@gmail.com", [("cswbutterfly@gmail.com", "mailto:cswbutterfly@gmail.com")]),
    ("Between 2019-2023", []), ("the years 1990 2000", []), ("from 12.05.2021 on", []),
    ("1 000 000 travailleuses", []), ("the $10,000 earning", []),
])
def test_addresses_emails_and_phone_numbers_and_nothing_else(text, found):
    """What becomes a live link (and is never broken across lines): not a
    date, an amount or a run of years."""
    from pamphlet.text.addresses import find_addresses

    assert [(text[a.start:a.end], a.uri) for a in find_addresses(text)] == found
