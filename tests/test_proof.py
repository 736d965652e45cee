"""The translator's proof: every block's id, English and translation, read back from the PDF."""

from __future__ import annotations

import json

import pytest

from pamphlet.content.load import load_document

from .conftest import poppler_text, pypdf_text, squash
from .test_cli import run
from .translation_copies import copy_document, drop_entry, edit


def proof_text(path, reader: str = "poppler") -> str:
    if reader == "pdfium":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        # pdfium reports a hyphen that ends a line as U+FFFE, its own marker.
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).replace("\ufffe", "-")
    if reader == "pypdf":
        return "\n".join(pypdf_text(path))
    return poppler_text(path)


@pytest.mark.parametrize("lang, reader", [("th", "poppler"), ("ja", "poppler"), ("th", "pdfium"), ("zh-Hant", "pypdf")])
def test_proof_holds_every_block_id_english_and_translation(tmp_path, lang, reader):
    folder = copy_document(tmp_path)
    old = load_document(folder, "en").block("violence").text.plain
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    drop_entry(folder / f"{lang}.yaml", "lily-quote")
    result = run("proof", "--doc", str(folder), "--lang", lang, "--out", str(tmp_path / "out"), "--json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    path = tmp_path / "out" / f"understanding-migrant-sex-workers-{lang}-proof.pdf"
    assert record["path"] == str(path) and path.is_file()
    assert record["stale_ids"] == ["violence"] and record["missing_ids"] == ["lily-quote"]

    text = squash(proof_text(path, reader))
    english, translated = load_document(folder, "en"), load_document(folder, lang)
    position = 0
    for source, block in zip(english.blocks, translated.blocks):
        at = text.find(squash(source.id), position)
        assert at >= 0, f"block id {source.id} not in reading order"
        for _, part in source.fields():
            assert squash(part.plain) in text, (source.id, part.plain)
        if block.status != "missing":
            for _, part in block.fields():
                assert squash(part.plain) in text, (source.id, part.plain)
        position = at
    # The stale block shows the English as it was and as it is now, and what changed.
    assert squash(old) in text and "“result”→“consequence”" in text
    assert "STALE" in text and "MISSING" in text and squash("Not translated: the English is printed in its place.") in text
    fits = {f["layout"]: f for f in record["fit"]}
    assert set(fits) == {"trifold-letter", "trifold-a4", "booklet-letter", "booklet-a4"}
    for fit in fits.values():
        assert fit["body_range_pt"][0] <= fit["body_size_pt"] <= fit["body_range_pt"][1]
        assert all(0 <= p["fill"] <= 1 for p in fit["pages"])
        assert "How it fits" in proof_text(path)
        assert f"{fit['layout']}: body {fit['body_size_pt']:g} pt" in proof_text(path)
    # The pages as they will print: one picture per page of every layout.
    from pypdf import PdfReader

    pictures = sum(1 for page in PdfReader(str(path)).pages
                   for x in (page["/Resources"].get("/XObject") or {}).values() if x.get_object()["/Subtype"] == "/Image")
    assert pictures == sum(len(f["pages"]) for f in fits.values())
    trifold = [p["name"] for p in fits["trifold-letter"]["pages"]]
    assert trifold == ["front cover", "fold-in flap", "inside left", "inside middle", "inside right", "back"]


def test_a_layout_that_does_not_fit_is_reported_in_the_proof_not_raised(tmp_path):
    folder = copy_document(tmp_path)
    long = " ".join(["บริการ"] * 400)
    edit(folder / "th.yaml", "ความรุนแรงต่อพนักงานบริการข้ามชาติเป็นผลโดยตรง", long + " ความรุนแรงต่อพนักงานบริการข้ามชาติเป็นผลโดยตรง")
    result = run("proof", "--doc", str(folder), "--lang", "th", "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    fits = {f["layout"]: f for f in json.loads(result.stdout)["fit"]}
    assert fits["trifold-letter"]["body_size_pt"] is None
    assert "not fit in layout 'trifold-letter' (th)" in fits["trifold-letter"]["problem"]
    text = proof_text(tmp_path / "understanding-migrant-sex-workers-th-proof.pdf")
    assert "Does not fit in trifold-letter" in text


def test_the_proof_is_deterministic(tmp_path):
    for out in ("a", "b"):
        assert run("proof", "--lang", "ko", "--out", str(tmp_path / out)).returncode == 0
    name = "understanding-migrant-sex-workers-ko-proof.pdf"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_proof_all_writes_one_proof_per_translation(tmp_path):
    folder = copy_document(tmp_path / "doc")
    for path in folder.glob("*.yaml"):
        if path.stem not in ("en", "th", "ja", "history"):
            path.unlink()
    result = run("proof", "--doc", str(folder), "--lang", "all", "--out", str(tmp_path / "out"), "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["lang"] for r in records] == ["th", "ja"]
    for record in records:
        path = tmp_path / "out" / f"{folder.name}-{record['lang']}-proof.pdf"
        assert record["path"] == str(path)
        heading = load_document(folder, record["lang"]).block("who-heading").text.plain
        assert squash(heading) in squash(proof_text(path))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{folder.name}-ja-proof.pdf", f"{folder.name}-th-proof.pdf"]


def test_a_proof_of_english_says_it_is_the_source(tmp_path):
    result = run("proof", "--lang", "en", "--out", str(tmp_path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "en is the source language: a proof sets a translation beside it" in result.stderr
    assert "make_pamphlet.py build --lang en" in result.stderr and "unknown language" not in result.stderr
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("lang", ["ja", "th"])
def test_the_proof_fits_each_layout_as_the_build_sets_it(lang):
    """The proof's body sizes, pages and pictures are the build's: the
    brand's slot on the back (the QR code) takes its room there too."""
    from pamphlet.languages import language
    from pamphlet.partner.brand import load_brand
    from pamphlet.layout.flow import compose
    from pamphlet.layouts import available_layouts, load_layout
    from pamphlet.partner.edition import co_brand
    from pamphlet.proof.fit import fit_report
    from pamphlet.text.fontlibrary import library_with

    from .conftest import DOC

    doc, brand = load_document(DOC, lang), load_brand("default")
    branded, partner = co_brand(doc, brand)
    assert partner.qr is not None  # what the build puts on the back
    for fit in fit_report(doc, available_layouts(), brand):
        built = compose(branded, load_layout(fit.layout), language(lang), library_with(brand.fonts, doc.fonts),
                        brand.logo, partner)
        assert fit.body_size == built.body_size, fit.layout
        assert [p.fill for p in fit.pages] == [p.fill for p in built.pages], fit.layout
