"""PO and XLIFF exchange with CAT tools: round trips, and bad files refused
with a located error and nothing written."""

from __future__ import annotations

import polib
import pytest
from lxml import etree

from pamphlet.content.load import load_document
from pamphlet.pipeline import BuildOptions, build
from pamphlet.translate.status import language_status

from .conftest import poppler_text, squash
from .test_cli import run
from .translation_copies import copy_document, drop_entry, edit

NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}


def export(folder, lang, fmt, path):
    result = run("export", "--doc", str(folder), "--lang", lang, "--format", fmt, "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


def entry(po, context):
    (found,) = [e for e in po if e.msgctxt == context]
    return found


def pdf_text(folder, lang, out):
    (result,) = build(BuildOptions(doc=folder, langs=(lang,), layouts=("booklet-letter",), out_dir=out))
    return squash(poppler_text(result.path))


def test_po_round_trip_changes_exactly_that_text(tmp_path):
    folder = copy_document(tmp_path)
    before_yaml = (folder / "th.yaml").read_text(encoding="utf-8")
    before_pdf = pdf_text(folder, "th", tmp_path / "before")
    po_path = export(folder, "th", "po", tmp_path / "th.po")
    po = polib.pofile(str(po_path))
    unit = entry(po, "violence.text")
    assert unit.msgid.startswith("Violence against migrant sex workers") and "fuzzy" in unit.flags
    old, new = unit.msgstr, unit.msgstr.replace("และบรรยากาศ", "และสภาพบรรยากาศ", 1)
    unit.msgstr = new
    po.save(str(po_path))

    result = run("import", str(po_path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    unchanged = len(load_document(folder, "en").blocks) - 1
    assert f"th.yaml: 1 block(s) updated (1 draft), {unchanged} unchanged" in result.stdout
    after_yaml = (folder / "th.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before_yaml.splitlines(), after_yaml.splitlines()) if a != b]
    assert len(before_yaml.splitlines()) == len(after_yaml.splitlines())
    assert changed == [(f'    text: "{old}"', f'    text: "{new}"')]

    after_pdf = pdf_text(folder, "th", tmp_path / "after")
    assert squash(new) in after_pdf and squash(old) not in after_pdf
    assert after_pdf.replace(squash(new), squash(old)) == before_pdf


def test_a_stale_block_exports_fuzzy_with_the_old_english_and_reimport_makes_it_fresh(tmp_path):
    folder = copy_document(tmp_path)
    old_english = load_document(folder, "en").block("violence").text.markup
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    po_path = export(folder, "fr", "po", tmp_path / "fr.po")
    po = polib.pofile(str(po_path))
    unit = entry(po, "violence.text")
    assert "fuzzy" in unit.flags and unit.previous_msgid == old_english and "consequence" in unit.msgid
    assert "stale" in unit.comment
    unit.flags.remove("fuzzy")  # the translator checked it against the new English
    po.save(str(po_path))
    assert run("import", str(po_path), "--doc", str(folder)).returncode == 0
    assert language_status(folder, "fr").stale == 0
    assert load_document(folder, "fr").block("violence").status == "draft"


def test_a_po_exported_before_the_english_changed_leaves_the_block_stale(tmp_path):
    folder = copy_document(tmp_path)
    po_path = export(folder, "es", "po", tmp_path / "es.po")
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    po = polib.pofile(str(po_path))
    entry(po, "violence.text").msgstr += " (revisado)"
    po.save(str(po_path))
    result = run("import", str(po_path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    block = load_document(folder, "es").block("violence")
    assert block.text.plain.endswith("(revisado)") and block.status == "stale"
    assert "es.yaml: 1 block(s) stay stale, translated from English that has since changed: violence" in result.stdout
    assert result.stdout.count("stay stale") == 1  # the untouched fuzzy entries of fresh blocks are not


def test_xliff_round_trip_with_states(tmp_path):
    folder = copy_document(tmp_path)
    drop_entry(folder / "ja.yaml", "lily-quote")
    path = export(folder, "ja", "xliff", tmp_path / "ja.xlf")
    tree = etree.parse(str(path))
    units = {u.get("id"): u for u in tree.iterfind(".//x:trans-unit", NS)}
    assert units["lily-quote.text"].find("x:target", NS) is None  # missing: no target
    assert units["who-heading.text"].find("x:target", NS).get("state") == "translated"
    for unit_id, text in (("lily-quote.text", "「毎日やるべきことをやります」"), ("lily-quote.attribution", "――リリー")):
        target = etree.SubElement(units[unit_id], "{urn:oasis:names:tc:xliff:document:1.2}target", state="final")
        target.text = text
    units["who-heading.text"].find("x:target", NS).set("state", "signed-off")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    doc = load_document(folder, "ja")
    assert doc.block("lily-quote").text.plain == "「毎日やるべきことをやります」"
    assert doc.block("lily-quote").status == doc.block("who-heading").status == "reviewed"
    assert doc.block("who-intro").status == "draft"
    order = [line.strip() for line in (folder / "ja.yaml").read_text(encoding="utf-8").splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert order.index("lily-quote:") == order.index("voices-heading:") + 1  # back in source order
    again = etree.parse(str(export(folder, "ja", "xliff", tmp_path / "again.xlf")))
    (target,) = again.iterfind(".//x:trans-unit[@id='lily-quote.text']/x:target", NS)
    assert target.get("state") == "signed-off"


def _two_stale_blocks(tmp_path):
    """A copy whose English changed in two blocks: both stale in every language."""
    folder = copy_document(tmp_path)
    edit(folder / "en.yaml", "Migrant sex workers* include anyone who:", "Migrant sex workers* include everyone who:")
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    assert language_status(folder, "th").stale_ids == ("who-intro", "violence")
    return folder


def _xliff_units(path):
    tree = etree.parse(str(path))
    return tree, {u.get("id"): u for u in tree.iterfind(".//x:trans-unit", NS)}


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_an_untouched_export_imported_back_leaves_stale_blocks_stale(tmp_path, fmt):
    folder = _two_stale_blocks(tmp_path)
    before = (folder / "th.yaml").read_bytes()
    path = export(folder, "th", fmt, tmp_path / f"th.{fmt}")
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"th.yaml: 0 block(s) updated, {len(load_document(folder, 'en').blocks)} unchanged"
    assert "2 block(s) stay stale" in result.stdout and "who-intro, violence" in result.stdout
    assert (folder / "th.yaml").read_bytes() == before
    assert language_status(folder, "th").stale_ids == ("who-intro", "violence")
    strict = run("build", "--doc", str(folder), "--lang", "th", "--layout", "trifold-letter", "--strict",
                 "--out", str(tmp_path / "out"))
    assert strict.returncode == 1 and "block 'who-intro' is stale" in strict.stderr


def test_a_po_entry_cleared_or_edited_is_fresh_one_still_fuzzy_stays_stale(tmp_path):
    folder = _two_stale_blocks(tmp_path)
    path = export(folder, "th", "po", tmp_path / "th.po")
    po = polib.pofile(str(path))
    assert "remove the fuzzy\nflag (Poedit: untick Needs work)" in po.header  # the file says how to confirm a text
    entry(po, "who-intro.text").flags.remove("fuzzy")  # checked: the translation still holds
    violence = entry(po, "violence.text")
    assert "fuzzy" in violence.flags and violence.previous_msgid
    po.save(str(path))
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    assert "1 block(s) updated (1 draft)" in result.stdout and "1 block(s) stay stale" in result.stdout
    doc = load_document(folder, "th")
    assert doc.block("who-intro").status == "draft" and doc.block("violence").status == "stale"

    po = polib.pofile(str(path))
    violence = entry(po, "violence.text")
    violence.msgstr = violence.msgstr.replace("และบรรยากาศ", "และสภาพบรรยากาศ", 1)  # edited, fuzzy flag left on
    po.save(str(path))
    result = run("import", str(path), "--doc", str(folder), "--reviewed")
    assert result.returncode == 0, result.stderr
    doc = load_document(folder, "th")
    assert doc.block("violence").status == "draft"  # still flagged fuzzy: not reviewed, though no longer stale
    assert "และสภาพบรรยากาศ" in doc.block("violence").text.plain
    assert doc.block("who-intro").status == "reviewed"  # not fuzzy, and the import says reviewed
    assert language_status(folder, "th").stale == 0


def test_a_list_with_one_item_edited_and_the_rest_still_fuzzy_stays_stale(tmp_path):
    folder = copy_document(tmp_path)
    edit(folder / "en.yaml", "Moves from one place to another", "Moves from one place to another place")
    assert language_status(folder, "fr").stale_ids == ("who-list",)
    path = export(folder, "fr", "po", tmp_path / "fr.po")
    po = polib.pofile(str(path))
    item = entry(po, "who-list.items.1")
    item.msgstr += " (vérifié)"
    item.flags.remove("fuzzy")
    po.save(str(path))
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    block = load_document(folder, "fr").block("who-list")
    assert block.items[0].plain.endswith("(vérifié)")  # the edit is kept...
    assert block.status == "stale"  # ...but three items were not checked against the new English
    assert "1 block(s) stay stale" in result.stdout


@pytest.mark.parametrize("state, approved, status", [
    ("needs-review-translation", None, "stale"), ("needs-translation", None, "stale"), ("new", None, "stale"),
    ("needs-review-l10n", None, "stale"), ("needs-review-translation", "yes", "stale"),
    ("translated", None, "draft"), (None, None, "draft"), ("x-confirmed", None, "draft"),
    ("signed-off", None, "reviewed"), ("final", None, "reviewed"), (None, "yes", "reviewed"),
])
def test_xliff_states_of_an_untouched_stale_unit(tmp_path, state, approved, status):
    folder = _two_stale_blocks(tmp_path)
    path = export(folder, "th", "xliff", tmp_path / "th.xlf")
    tree, units = _xliff_units(path)
    target = units["violence.text"].find("x:target", NS)
    assert target.get("state") == "needs-review-translation"
    assert "; it was translated from: Violence against migrant sex workers is a direct result of" in \
        units["violence.text"].find("x:note", NS).text
    if state is None:
        del target.attrib["state"]
    else:
        target.set("state", state)
    if approved:
        units["violence.text"].set("approved", approved)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    doc = load_document(folder, "th")
    assert doc.block("violence").status == status
    assert doc.block("who-intro").status == "stale"  # left needs-review-translation


def test_a_reviewed_block_exports_approved_for_weblate(tmp_path):
    folder = copy_document(tmp_path)
    assert run("mark", "--doc", str(folder), "--lang", "ja", "--reviewed", "who-heading").returncode == 0
    _, units = _xliff_units(export(folder, "ja", "xliff", tmp_path / "ja.xlf"))
    assert units["who-heading.text"].get("approved") == "yes"
    assert units["who-heading.text"].find("x:target", NS).get("state") == "signed-off"
    assert units["who-intro.text"].get("approved") is None


def _po_with(folder, tmp_path, change):
    path = export(folder, "th", "po", tmp_path / "th.po")
    po = polib.pofile(str(path))
    change(po)
    po.save(str(path))
    return path


def _set(context, text):
    def change(po):
        entry(po, context).msgstr = text
    return change


def _rename(context, new):
    def change(po):
        entry(po, context).msgctxt = new
    return change


def _add_item(po):
    extra = polib.POEntry(msgctxt="who-list.items.5", msgid="A fifth item", msgstr="ข้อที่ห้า")
    po.append(extra)


def _duplicate(po):
    unit = entry(po, "who-heading.text")
    po.append(polib.POEntry(msgctxt=unit.msgctxt, msgid=unit.msgid, msgstr=unit.msgstr + "!"))


def _other_english(po):
    entry(po, "who-heading.text").msgid = "Who Were Migrant Sex Workers?"


def _language(code):
    def change(po):
        po.metadata["Language"] = code
    return change


PO_CASES = [
    ("unknown block", _rename("violence.text", "violense.text"), "violense.text", "'violense' is not a block of en.yaml"),
    ("not a label", _rename("violence.text", "violence"), "violence", "context 'violence' is not a block text label"),
    ("list item that the source lacks", _add_item, None, "block 'who-list' has no text 'items.5'; expected one of: items.1, items.2, items.3, items.4"),
    ("list item left out", _set("who-list.items.3", ""), "who-list.items.3", "block 'who-list' is translated in part: who-list.items.3 has no translation"),
    ("strong markup dropped", _set("rights-callout.text", "ไม่มีตัวหนา"), None, None),
    ("unbalanced markup", _set("violence.text", "**ความรุนแรง"), "violence.text", "violence.text: '**' at character 1 is never closed"),
    ("footnote mark dropped", _set("who-intro.text", "พนักงานบริการข้ามชาติ หมายรวมถึงทุกคนที่:"), "who-intro.text",
     "who-intro.text has 0 '*' footnote marks, the English 1"),
    ("character no font has", _set("violence.text", "ความรุนแรง \u2bd1"), "violence.text",
     "violence.text: character '\u2bd1' (U+2BD1) is in no font"),
    ("duplicate unit", _duplicate, None, "'who-heading.text' appears twice"),
    ("English that is neither current nor known", _other_english, "who-heading.text",
     "the English of block 'who-heading' in this file is neither the current English nor one the history knows"),
    ("wrong language", _language("xx"), None, "the file's language is 'xx'"),
]


@pytest.mark.parametrize("name, change, context, message", PO_CASES, ids=[c[0] for c in PO_CASES])
def test_bad_po_is_refused_with_its_line_and_nothing_written(tmp_path, name, change, context, message):
    folder = copy_document(tmp_path)
    if name == "strong markup dropped":
        # The English has no ** in this block: give it some, and a translation that lacks it.
        edit(folder / "en.yaml", "should be respected and protected", "should be **respected** and protected")
        assert run("mark", "--doc", str(folder), "--lang", "th", "--draft", "rights-callout").returncode == 0
        context, message = "rights-callout.text", "rights-callout.text has 0 **strong** runs, the English 1"
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    path = _po_with(folder, tmp_path, change)
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    text = path.read_text(encoding="utf-8").splitlines()
    if context is not None:
        start = text.index(f'msgctxt "{context}"')
        line = next(n for n in range(start, len(text)) if text[n].startswith("msgstr")) + 1
        assert f"th.po:{line}: {message}" in result.stderr
    else:
        assert "th.po:" in result.stderr and message in result.stderr
    assert result.stderr.rstrip().endswith("nothing was written.")
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


XLIFF_CASES = [
    ("not well-formed", lambda s: s.replace("</body>", "</bdy>"), "not well-formed XML"),
    ("not XLIFF 1.2", lambda s: s.replace('version="1.2"', 'version="2.0"', 1), "expected <xliff version=\"1.2\""),
    ("inline element", lambda s: s.replace("移住セックスワーカーとは？", "移住<g id='1'>セックスワーカー</g>とは？"), "inline XLIFF element <g>"),
    ("unknown unit", lambda s: s.replace('id="violence.text" resname="violence.text"', 'id="violent.text" resname="violent.text"'),
     "'violent' is not a block of en.yaml"),
    ("entity", lambda s: s.replace("<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>").replace("移住セックスワーカーとは？", "&e;"),
     "an entity reference &e; in a unit's text"),
]


@pytest.mark.parametrize("name, change, message", XLIFF_CASES, ids=[c[0] for c in XLIFF_CASES])
def test_bad_xliff_is_refused_with_its_line_and_nothing_written(tmp_path, name, change, message):
    folder = copy_document(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    path = export(folder, "ja", "xliff", tmp_path / "ja.xlf")
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and "root:" not in result.stderr
    (first,) = [line for line in result.stderr.splitlines() if message in line]
    assert first.split(": ")[0].split(":")[-1].isdigit(), first  # FILE:line:
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_po_syntax_error_is_located(tmp_path):
    folder = copy_document(tmp_path)
    path = tmp_path / "th.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: th\\n"\n\nmsgctxt "cover.text"\nmsgid "x"\nmsgstr "y"\nbogus line\n', encoding="utf-8")
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 1
    assert "th.po:8: 'bogus' is not a PO keyword; expected msgctxt, msgid or msgstr" in result.stderr


def test_image_captions_and_alt_texts_go_through_po_and_the_proof(tmp_path):
    from .test_images import FRENCH, make_doc

    folder = make_doc(tmp_path, **{"fr.yaml": FRENCH})
    assert language_status(folder, "fr").stale == 6  # hand-written: no fingerprints recorded yet
    po_path = export(folder, "fr", "po", tmp_path / "fr.po")
    po = polib.pofile(str(po_path))
    assert {e.msgctxt for e in po} >= {"photo.caption", "photo.alt", "mark.alt", "chart.caption"}
    assert entry(po, "photo.alt").msgid == "A purple square" and entry(po, "photo.alt").msgstr == "Un carré violet"
    entry(po, "mark.alt").msgstr = "Le logo de la démo"
    for unit in po:
        if "fuzzy" in unit.flags:
            unit.flags.remove("fuzzy")
    po.save(str(po_path))
    result = run("import", str(po_path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    doc = load_document(folder, "fr")
    assert doc.block("mark").alt.plain == "Le logo de la démo"
    assert doc.block("mark").image.path.name == "mark-fr.svg"  # the per-language art stays
    assert "file: art/mark-fr.svg" in (folder / "fr.yaml").read_text(encoding="utf-8")
    assert language_status(folder, "fr").stale == 0

    proof = run("proof", "--doc", str(folder), "--lang", "fr", "--out", str(tmp_path / "proof"))
    assert proof.returncode == 0, proof.stderr
    text = squash(poppler_text(tmp_path / "proof" / "demo-fr-proof.pdf"))
    for words in ("Le logo de la démo", "The demo mark", "Une photo", "A photo", "Trois barres"):
        assert squash(words) in text


def test_a_new_language_starts_from_an_export_of_nothing(tmp_path):
    folder = copy_document(tmp_path)
    (folder / "ko.yaml").unlink()
    po_path = export(folder, "ko", "po", tmp_path / "ko.po")
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == "ko" and all(e.msgstr == "" and "fuzzy" not in e.flags for e in po)
    assert "not translated yet" in po[0].comment
    assert run("proof", "--doc", str(folder), "--lang", "ko", "--out", str(tmp_path)).returncode == 0
    for unit in po:
        unit.msgstr = unit.msgid  # a stand-in translation: every text given
    po.save(str(po_path))
    result = run("import", str(po_path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    n = len(load_document(folder, "en").blocks)
    assert f"ko.yaml: {n} block(s) updated ({n} draft), 0 unchanged" in result.stdout
    status = language_status(folder, "ko")
    assert (status.draft, status.stale, status.missing) == (n, 0, 0)
    assert load_document(folder, "ko").block("violence").text.plain == load_document(folder, "en").block("violence").text.plain


def test_export_writes_one_file_per_language(tmp_path):
    folder = copy_document(tmp_path / "doc")
    for path in folder.glob("*.yaml"):
        if path.stem not in ("en", "fr", "th", "history"):
            path.unlink()
    result = run("export", "--doc", str(folder), "--lang", "all", "--format", "xliff", "--out", str(tmp_path / "x"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == [f"{folder.name}-fr.xlf", f"{folder.name}-th.xlf"]
    for lang in ("fr", "th"):
        root = etree.parse(str(tmp_path / "x" / f"{folder.name}-{lang}.xlf")).getroot()
        assert root.find("x:file", NS).get("target-language") == lang
    result = run("export", "--doc", str(folder), "--lang", "ko,th", "--out", str(tmp_path / "y"))  # ko has no file yet
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "y").iterdir()) == [f"{folder.name}-ko.po", f"{folder.name}-th.po"]


def test_export_to_one_file_wants_one_language_and_never_english(tmp_path):
    result = run("export", "--lang", "fr,th", "--format", "po", "-o", str(tmp_path / "x.po"))
    assert result.returncode == 2 and "-o names one file and --lang fr,th names 2 languages" in result.stderr
    result = run("export", "--lang", "en", "-o", str(tmp_path / "x.po"))
    assert result.returncode == 2 and "en is the source language: export writes a translation's texts" in result.stderr
    assert "expected a translation language: fr, es" in result.stderr
    assert not (tmp_path / "x.po").exists() and "Traceback" not in result.stderr


def test_what_the_loader_would_refuse_is_reported_at_the_unit_and_nothing_written(tmp_path, monkeypatch):
    """The file about to be written is read as a build reads it; a refusal
    (here a stand-in for a loader limit) points at the PO unit it came from."""
    from pamphlet.content import load
    from pamphlet.errors import Location, PamphletError, Problem
    from pamphlet.translate.importing import import_file

    folder = copy_document(tmp_path)
    before = (folder / "th.yaml").read_bytes()
    po_path = _po_with(folder, tmp_path, _set("violence.text", "ความรุนแรง ยาวเกินไป"))

    def refuse(folder_, lang, path):
        line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == "  violence:")
        raise PamphletError(Problem(Location(path, line + 2), "text is longer than the limit", "expected a shorter text"))

    monkeypatch.setattr(load, "read_translation_at", refuse)
    with pytest.raises(PamphletError) as info:
        import_file(folder, po_path)
    (problem,) = info.value.problems
    lines = po_path.read_text(encoding="utf-8").splitlines()
    start = lines.index('msgctxt "violence.text"')
    msgstr = next(n for n in range(start, len(lines)) if lines[n].startswith("msgstr")) + 1
    assert problem.where == Location(po_path, msgstr)
    assert problem.message == "th.yaml would be refused: text is longer than the limit"
    assert (folder / "th.yaml").read_bytes() == before
