"""Tagged PDF/UA-1: what a screen reader is given, read back by poppler
(``pdfinfo -struct-text``), pdf.js (``getStructTree``), the ``pdfua``
checker, qpdf and pypdf; and ``check``'s accessibility warnings."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from pamphlet.check.accessibility import accessibility, untagged_operators
from pamphlet.content.load import load_document
from pamphlet.layouts import load_layout
from pamphlet.privateapi import add_object

from .conftest import DOC
from .readers import PDFJS

HOME = [(lang, layout, "home") for lang in ("en", "ja", "th") for layout in ("trifold-letter", "booklet-letter")]
SHOP = [(lang, layout, "commercial") for lang in ("en", "ja") for layout in ("trifold-letter", "booklet-letter")]
SAMPLES = HOME + SHOP + [("en", "trifold-letter", "commercial-x1a")]
WORDLESS = ("th", "ja", "zh-Hans", "zh-Hant", "my", "km", "lo")  # compared with whitespace left out: a line break adds one


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    """The print-shop files are dated as test_commercial dates them: the
    session's builds are shared, and its rebuild must match."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")  # 2025-11-28


def _struct_text(path: Path) -> list[str]:
    """The texts of ``pdfinfo -struct-text``, in the tree's order."""
    done = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True)
    return [line.strip()[1:-1] for line in done.stdout.splitlines() if line.strip().startswith('"')]


def _normal(text: str, lang: str) -> str:
    text = text.replace("\u2010 ", "").replace("\u2010", "")  # the hyphen a line break added, and the break
    text = re.sub(r"(?<=\w)- (?=\w)", "-", text)  # a line broken after a hyphen of the source ("anti-")
    return re.sub(r"\s+", "" if lang in WORDLESS else " ", text).strip()


@pytest.mark.parametrize("lang, layout, profile", SAMPLES)
def test_the_structure_holds_every_block_in_reading_order(build, lang, layout, profile):
    """pdfinfo -struct-text: every text of the edition, verbatim and in the
    edition's order (cover, flap, inside left to right, back for the
    tri-fold), whatever the order of the panels on the sheet."""
    result = build(lang, layout, profile)
    read = _normal(" ".join(_struct_text(result.path)), lang)
    doc = load_document(DOC, lang)
    at, missing = 0, []
    for block_id in doc.editions[load_layout(layout).edition].block_ids:
        for part in doc.block(block_id).texts():
            found = read.find(_normal(part.plain, lang), at)
            if found < 0:
                missing.append(f"{block_id}: {part.plain[:50]}" + (" (earlier)" if _normal(part.plain, lang) in read else ""))
            else:
                at = found + len(_normal(part.plain, lang))
    assert missing == []


def _elements(reader: PdfReader):
    """(depth, element) for every structure element, in the tree's order."""
    stack = [(0, reader.trailer["/Root"]["/StructTreeRoot"])]
    while stack:
        depth, element = stack.pop()
        element = element.get_object()
        if element.get("/Type") == "/StructElem":
            yield depth, element
        kids = element.get("/K")
        kids = kids.get_object() if kids is not None else []
        kids = kids if isinstance(kids, list) else [kids]
        stack += [(depth + 1, kid) for kid in reversed(kids) if hasattr(kid.get_object(), "get")
                  and kid.get_object().get("/Type", "/StructElem") == "/StructElem"]


@pytest.mark.parametrize("lang, layout, profile", SAMPLES)
def test_the_tree_has_the_shape_a_screen_reader_navigates(build, lang, layout, profile):
    reader = PdfReader(build(lang, layout, profile).path)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == lang
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    xmp = catalog["/Metadata"].get_data()
    assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp and b"<dc:title>" in xmp
    elements = list(_elements(reader))
    roles = [str(e["/S"])[1:] for _, e in elements]
    assert roles[0] == "Document" and all(r == "Sect" for (d, _), r in zip(elements, roles) if d == 2)
    headings = [int(r[1]) for r in roles if re.fullmatch(r"H\d", r)]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(headings, headings[1:])), headings  # no level skipped
    assert all("/K" in e for _, e in elements if re.fullmatch(r"/H\d", str(e["/S"])))  # none empty
    for _, element in elements:
        role = str(element["/S"])
        kids = element["/K"] if isinstance(element["/K"], list) else [element["/K"]]
        kid_roles = [str(k.get_object()["/S"]) for k in kids if hasattr(k.get_object(), "get") and "/S" in k.get_object()]
        if role == "/L":
            assert set(kid_roles) <= {"/LI", "/Caption"} and "/LI" in kid_roles
        elif role == "/LI":
            assert kid_roles == ["/Lbl", "/LBody"]
        elif role == "/BlockQuote":
            assert kid_roles == ["/P", "/P"]  # the testimony and its attribution
        elif role == "/Figure":
            assert str(element["/Alt"]).strip()
    assert roles.count("BlockQuote") >= 1 and roles.count("L") >= 1 and roles.count("Figure") >= 2
    notes = [str(e["/ID"]) for _, e in elements if e["/S"] == "/Note"]
    assert notes and len(set(notes)) == len(notes)
    tree_ids = list(catalog["/StructTreeRoot"]["/IDTree"]["/Names"])[::2]
    assert sorted(tree_ids) == sorted(notes)
    if lang != "en":  # the organisation's name on the cover is English
        assert [e["/Lang"] for _, e in elements if "/Lang" in e] == [lang, "en"]  # the Document's, and the name's
    qr = [str(e["/Alt"]) for _, e in elements if e["/S"] == "/Figure" and "QR" in str(e["/Alt"])]
    assert qr == ["QR: https://www.butterflysw.org"]


def test_the_tri_fold_is_read_cover_flap_inside_back(build):
    """The tree's content runs over the outside (cover, flap), then the
    inside, then the outside again (the back): never in sheet order. Its
    first heading is the cover's title, its last text the back's."""
    reader = PdfReader(build("en", "trifold-letter").path)
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages)}
    sides = []
    for _, element in _elements(reader):
        if "/Pg" in element:
            side = pages[element.raw_get("/Pg").idnum]
            if not sides or sides[-1] != side:
                sides.append(side)
    assert sides == [0, 1, 0]
    texts = _struct_text(build("en", "trifold-letter").path)
    assert [t for t in texts if t][0] == "Understanding"  # the title, after the mark (a figure: no text)


@pytest.mark.parametrize("lang, layout, profile", SAMPLES)
def test_every_mark_tick_tint_and_page_number_is_an_artifact(build, lang, layout, profile):
    """No painting outside marked content; every MCID drawn is in the
    ParentTree and every ParentTree entry is drawn; the printer's marks and
    fold ticks are one artifact, page numbers Pagination artifacts."""
    reader = PdfReader(build(lang, layout, profile).path)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(tree[k]): tree[k + 1].get_object() for k in range(0, len(tree), 2)}
    for number, page in enumerate(reader.pages):
        content = page.get_contents().get_data()
        assert untagged_operators(page) == 0, number
        drawn = sorted(int(m) for m in re.findall(rb"/MCID (\d+)", content))
        assert drawn == list(range(len(drawn))) == list(range(len(parents[page["/StructParents"]])))
        if b"/Marks Do" in content:
            assert b"/Artifact BMC q /Marks Do Q EMC" in content
    numbers = re.findall(rb"/Artifact <</Type /Pagination>> BDC\n(?:[^\n]*\n){1,3}?BT", b"".join(
        p.get_contents().get_data() for p in reader.pages))
    assert bool(numbers) == layout.startswith("booklet")
    if profile == "home" and layout.startswith("trifold"):
        assert b"/Marks Do" in reader.pages[0].get_contents().get_data()  # the fold ticks


@pytest.mark.parametrize("lang, layout, profile", SAMPLES)
def test_pdfua_and_qpdf_find_nothing(build, lang, layout, profile):
    path = build(lang, layout, profile).path
    if shutil.which("pdfua") is None:
        pytest.fail("pdfua is not installed; pip install -e '.[test]' (.ci/run does this)")
    done = subprocess.run(["pdfua", "check", "--format", "json", str(path)], capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0, report["findings"]
    # pdfua 0.1.3 cannot read a heading whose /K is an array (one MCID per
    # line of a heading of several lines), and skips its empty-heading rule;
    # the tree-shape test checks that every heading has content instead.
    assert [s["rule_id"] for s in report["skipped"] if "is_integer" not in s["reason"]] == []
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr, checked.stdout
    assert accessibility(PdfReader(path)) == []


def test_pdfjs_gives_a_tree_on_every_page(build):
    """pdf.js (Firefox, and web viewers' screen-reader layer): a tree on every
    page with the edition's language; one H1 in the document; lists; figures
    with their alt text."""
    samples = [build(*sample) for sample in HOME + SHOP]
    done = subprocess.run(["node", str(PDFJS / "extract.mjs"), "--struct", *[str(r.path) for r in samples]],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    trees = json.loads(done.stdout)
    for result in samples:
        roles: list[str] = []
        alts: list[str] = []

        def walk(node):
            if "role" in node:
                roles.append(node["role"])
                if node["role"] == "Figure":
                    alts.append(node.get("alt", ""))
            for child in node.get("children", []):
                walk(child)

        for page in trees[str(result.path)]:
            assert page is not None, result.path
            assert page["children"][0]["role"] == "Document" and page["children"][0]["lang"] == result.lang
            walk(page)
        assert roles.count("H1") == 1 and "L" in roles and "LI" in roles, result.path
        assert alts and all(alt.strip() for alt in alts)


def test_the_proof_is_tagged(tmp_path):
    from pamphlet.proof.build import make_proof

    result = make_proof(DOC, "ja", tmp_path)
    reader = PdfReader(result.path)
    assert accessibility(reader) == []
    texts = " ".join(_struct_text(result.path))
    assert "Translation proof" in texts and "who-intro" in texts


def test_check_reports_what_a_screen_reader_misses(build, tmp_path):
    """An untagged PDF, and a tagged one with a path drawn outside any marked
    content: warnings that say so, the exit status still 0."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    from pamphlet.partner.brand import load_brand
    from pamphlet.render.draw import render

    from .conftest import composition

    plain = tmp_path / "untagged.pdf"
    plain.write_bytes(render(composition("en", "trifold-letter")[1], load_brand()))
    warned = [f.message for f in accessibility(PdfReader(plain))]
    assert warned == ["the PDF is not tagged (no structure tree, or /MarkInfo not Marked true)",
                      "no document language (/Lang in the catalog)",
                      "viewers show the file name, not the title (no DisplayDocTitle)",
                      "no document title (/Title)"]
    writer = PdfWriter(clone_from=PdfReader(build("en", "trifold-letter").path))
    page = writer.pages[1]
    content = StreamObject()
    content.set_data(page.get_contents().get_data() + b"\n0 0 10 10 re f")
    page[NameObject("/Contents")] = add_object(writer, content)
    edited = tmp_path / "edited.pdf"
    with edited.open("wb") as out:
        writer.write(out)
    found = accessibility(PdfReader(edited))
    assert [(f.pages, f.message) for f in found] == [((2,), "1 drawing operator(s) outside any marked content (untagged)")]
    done = subprocess.run(["python", "make_pamphlet.py", "check", str(plain)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0 and "warning: the PDF is not tagged" in done.stderr


def test_untagged_operators_skip_strings_and_inline_images():
    class Page:
        def __init__(self, data):
            self.data = data

        def get_contents(self):
            return self

        def get_data(self):
            return self.data

    assert untagged_operators(Page(b"/P <</MCID 0>> BDC BT (a f) Tj ET EMC 0 0 1 1 re f")) == 1
    assert untagged_operators(Page(b"/Artifact BMC BI /W 1 /H 1 ID \x00 Tj f EI EMC")) == 0
    assert untagged_operators(Page(b"q 1 0 0 1 0 0 cm /Im1 Do Q")) == 1


def test_the_sheet_of_instructions_and_the_test_sheets_are_tagged(tmp_path):
    """A sheet of instructions put in front of a Japanese pamphlet is read
    first, in English (its own /Lang); the duplex test sheets are tagged."""
    from pamphlet.impose.testsheet import duplex_test_sheet, manual_duplex_test_sheet
    from pamphlet.pipeline import BuildOptions, build_one

    result = build_one(BuildOptions(doc=DOC, langs=("ja",), layouts=("trifold-letter",), out_dir=tmp_path,
                                    instructions_page=True), "ja", "trifold-letter")
    reader = PdfReader(result.path)
    assert accessibility(reader) == []
    elements = list(_elements(reader))
    assert str(elements[1][1]["/S"]) == "/Sect" and elements[1][1]["/Lang"] == "en"
    assert _struct_text(result.path)[0] == "How to print this PDF"
    assert [str(e["/S"]) for _, e in elements].count("/H1") == 1
    for n, pdf in enumerate((duplex_test_sheet("letter"), manual_duplex_test_sheet("a4"))):
        path = tmp_path / f"test-{n}.pdf"
        path.write_bytes(pdf)
        assert accessibility(PdfReader(path)) == [] and "TEST" in " ".join(_struct_text(path)).upper()


def test_a_link_is_a_link_element_read_in_structure_order(tmp_path):
    """A web link on a tagged page: a Link element (OBJR) tied to the
    annotation both ways, the annotation saying where it goes, the page's
    tab order the structure's."""
    from pypdf import PdfWriter
    from pypdf.annotations import Link

    from pamphlet.impose.tagging import tagged_pdf
    from pamphlet.partner.brand import load_brand
    from pamphlet.render.draw import render_tagged
    from pamphlet.render.tags import outline_of

    from .conftest import composition

    doc, composed = composition("en", "trifold-letter")
    pdf, structure = render_tagged(composed, load_brand(), title=doc.title, outline=outline_of(doc))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    link = Link(rect=(20, 20, 120, 40), url="https://www.butterflysw.org")
    writer.add_annotation(page_number=5, annotation=link)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "linked.pdf"
    path.write_bytes(tagged_pdf(out.getvalue(), structure))
    reader = PdfReader(path)
    page = reader.pages[5]
    annotation = page["/Annots"][0].get_object()
    assert page["/Tabs"] == "/S" and annotation["/Contents"] == "https://www.butterflysw.org"
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    element = dict(zip(nums[::2], nums[1::2]))[annotation["/StructParent"]].get_object()
    assert element["/S"] == "/Link" and element["/K"][0]["/Obj"].get_object() == annotation
    assert accessibility(reader) == []
    report = json.loads(subprocess.run(["pdfua", "check", "--format", "json", str(path)], capture_output=True,
                                       text=True).stdout)
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0, report["findings"]


ALL_LANGS = [p.stem for p in sorted(DOC.glob("*.yaml")) if p.stem != "history"]


@pytest.mark.parametrize("layout", ["trifold-letter", "trifold-a4", "booklet-letter", "booklet-a4", "screen"])
@pytest.mark.parametrize("lang", ALL_LANGS)
def test_every_home_and_screen_pdf_is_tagged_and_checks_clean(build, lang, layout):
    """Every shipped language in every printed layout for a home printer, and
    its screen edition: tagged in its language, the title its first heading
    (read back verbatim but in right-to-left text, whose lines poppler reads
    in drawing order), and nothing for pdfua or qpdf to report."""
    from pamphlet.content.load import load_document
    from pamphlet.languages import language

    path = build(lang, layout).path
    texts = _struct_text(path)
    title = load_document(DOC, lang).block("cover").text.plain
    if not language(lang).rtl:
        assert _normal(title, lang) in _normal(" ".join(texts[:12]), lang), texts[:12]
    checked = subprocess.run(["pdfua", "check", str(path)], capture_output=True, text=True)
    assert "errors=0 warnings=0" in checked.stdout, checked.stdout
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True).returncode == 0
    catalog = PdfReader(str(path)).trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == language(lang).code
