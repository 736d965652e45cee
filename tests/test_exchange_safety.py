"""What PO and XLIFF tools accept from an export, and what an import refuses
so that a translator's work is never silently lost: files in another
language, older exports, the English copied in; notes kept both ways."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from lxml import etree

from pamphlet.content.load import load_document
from pamphlet.translate.status import language_status

from .test_cli import run
from .test_exchange import NS, entry, export
from .translation_copies import copy_document, drop_entry, edit

SCHEMAS = Path(__file__).parent / "schemas"
LANGS = ("fr", "es", "tl", "vi", "th", "ko", "ja", "zh-Hans", "zh-Hant")


def strict_schema() -> etree.XMLSchema:
    """The OASIS XLIFF 1.2 strict schema, its import of xml.xsd read from beside it."""
    class Beside(etree.Resolver):
        def resolve(self, url, public_id, context):
            if url.endswith("/xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Beside())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def files_of_every_kind(tmp_path: Path, fmt: str) -> list[Path]:
    """Exports of every language with blocks of every status: stale with the
    old English, missing, reviewed, a translator's note, and a language with no file."""
    folder = copy_document(tmp_path)
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    drop_entry(folder / "ja.yaml", "lily-quote")
    assert run("mark", "--doc", str(folder), "--lang", "fr", "--reviewed", "who-intro").returncode == 0
    th = export(folder, "th", "po", tmp_path / "th-note.po")
    po = polib.pofile(str(th))
    entry(po, "who-heading.text").tcomment = "Checked with the outreach team"
    po.save(str(th))
    assert run("import", str(th), "--doc", str(folder)).returncode == 0
    (folder / "ko.yaml").unlink()
    return [export(folder, lang, fmt, tmp_path / f"{lang}.{'po' if fmt == 'po' else 'xlf'}") for lang in LANGS]


def test_every_xliff_export_validates_against_the_strict_schema(tmp_path):
    schema = strict_schema()
    for path in files_of_every_kind(tmp_path, "xliff"):
        tree = etree.parse(str(path))
        assert schema.validate(tree), f"{path.name}: {schema.error_log}"
    assert tree.find(".//x:header/x:tool", NS).get("tool-id") == "pamphlet"
    # The schema is strict enough to catch what tools refuse: a tool-id its header does not name.
    tree.find(".//x:header", NS).getparent().remove(tree.find(".//x:header", NS))
    assert not schema.validate(tree) and "KR_file_tool-id" in str(schema.error_log)


def test_every_po_export_passes_msgfmt_check_without_a_warning(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: apt-get install gettext (see .ci/run)"
    for path in files_of_every_kind(tmp_path, "po"):
        result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and result.stderr == "", f"{path.name}: {result.stderr}"
    header = polib.pofile(str(path)).metadata
    assert header["Last-Translator"] == "" and header["Language-Team"] == "繁體中文 (zh-Hant)"
    assert header["PO-Revision-Date"][:2] == "20" and header["Project-Id-Version"] == "understanding-migrant-sex-workers"


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_a_translators_note_survives_import_and_the_next_export(tmp_path, fmt):
    folder = copy_document(tmp_path)
    path = export(folder, "th", fmt, tmp_path / f"th.{fmt}")
    note = "ใช้คำนี้ตามที่ทีมงานภาคสนามใช้"
    if fmt == "po":
        po = polib.pofile(str(path))
        entry(po, "who-list.items.2").tcomment = note
        po.save(str(path))
    else:
        tree = etree.parse(str(path))
        (unit,) = [u for u in tree.iterfind(".//x:trans-unit", NS) if u.get("id") == "who-list.items.2"]
        etree.SubElement(unit, f"{{{NS['x']}}}note", **{"from": "translator"}).text = note
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = load_document(folder, "th").block("who-list")
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    assert "th.yaml: the translator's notes kept with 1 block(s): who-list" in result.stdout
    after = load_document(folder, "th").block("who-list")
    assert (after.status, after.translated_from, after.items) == (before.status, before.translated_from, before.items)
    assert f'notes:\n      items.2: "{note}"' in (folder / "th.yaml").read_text(encoding="utf-8")

    again = export(folder, "th", fmt, tmp_path / f"again.{fmt}")
    if fmt == "po":
        assert entry(polib.pofile(str(again)), "who-list.items.2").tcomment == note
        assert entry(polib.pofile(str(again)), "who-list.items.1").tcomment == ""
    else:
        (unit,) = [u for u in etree.parse(str(again)).iterfind(".//x:trans-unit", NS) if u.get("id") == "who-list.items.2"]
        assert [n.text for n in unit.iterfind("x:note", NS) if n.get("from") == "translator"] == [note]


def _older_po(tmp_path):
    """A PO of es exported before the English of 'violence' changed; since
    then the block was checked against the new English and reviewed."""
    folder = copy_document(tmp_path)
    path = export(folder, "es", "po", tmp_path / "es.po")
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    assert run("mark", "--doc", str(folder), "--lang", "es", "--reviewed", "violence").returncode == 0
    return folder, path


def test_an_older_export_never_overwrites_a_reviewed_translation_unless_forced(tmp_path):
    folder, path = _older_po(tmp_path)
    po = polib.pofile(str(path))
    entry(po, "violence.text").msgstr += " (versión antigua)"
    entry(po, "violence.text").flags = []
    po.save(str(path))
    before = (folder / "es.yaml").read_bytes()
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 1, result.stdout
    lines = path.read_text(encoding="utf-8").splitlines()
    msgstr = next(n for n in range(lines.index('msgctxt "violence.text"'), len(lines)) if lines[n].startswith("msgstr")) + 1
    assert (f"es.po:{msgstr}: block 'violence' is reviewed and translates the current English, but this file's English "
            "for it is older") in result.stderr
    assert "import --force to take this file's text anyway" in result.stderr
    assert result.stderr.count("translates the current English") == 1  # only the block that changed since
    assert (folder / "es.yaml").read_bytes() == before

    forced = run("import", str(path), "--doc", str(folder), "--force")
    assert forced.returncode == 0, forced.stderr
    block = load_document(folder, "es").block("violence")
    assert block.text.plain.endswith("(versión antigua)") and block.status == "stale"
    assert "es.yaml: 1 block(s) stay stale, translated from English that has since changed: violence" in forced.stdout


def test_an_older_export_with_the_same_text_leaves_a_reviewed_block_as_it_is(tmp_path):
    folder, path = _older_po(tmp_path)
    po = polib.pofile(str(path))
    for unit in po:
        unit.flags = []  # every entry checked, none edited
    po.save(str(path))
    before = (folder / "es.yaml").read_bytes()
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    assert load_document(folder, "es").block("violence").status == "reviewed"
    assert "violence" not in result.stdout.split("unchanged")[0]
    assert before.count(b"violence") == (folder / "es.yaml").read_bytes().count(b"violence")


def test_a_file_in_another_language_is_refused_whole_and_nothing_written(tmp_path):
    """A PO headed th whose texts are the Japanese translation."""
    folder = copy_document(tmp_path)
    japanese = {e.msgctxt: e.msgstr for e in polib.pofile(str(export(folder, "ja", "po", tmp_path / "ja.po")))}
    path = export(folder, "th", "po", tmp_path / "th.po")
    po = polib.pofile(str(path))
    for unit in po:
        unit.msgstr, unit.flags = japanese[unit.msgctxt], []
    po.save(str(path))
    before = (folder / "th.yaml").read_bytes()
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 1, result.stdout
    script = [line for line in result.stderr.splitlines() if "not in the script of ไทย (th)" in line]
    lines = path.read_text(encoding="utf-8").splitlines()
    language_line = lines.index('"Language: th\\n"') + 1
    (count,) = [line for line in script if "are named at their lines" in line]
    assert len(script) == 4 and count.split(": ", 1)[0].endswith(f"th.po:{language_line}"), script
    assert count.endswith(" texts are not in the script of ไทย (th) (the first 3 are named at their lines); "
                          "expected a file in the language it names")
    assert int(count.split(": ")[1].split()[0]) > len(po) // 2  # names, numbers and addresses are Latin in both
    assert (folder / "th.yaml").read_bytes() == before


@pytest.mark.parametrize("written, code", [("zh_Hans", "zh-Hans"), ("zh_CN", "zh-Hans"), ("zh_TW", "zh-Hant"),
                                           ("zh_HK", "zh-Hant"), ("ja_JP", "ja"), ("ja-JP", "ja"), ("zh-hans", "zh-Hans"),
                                           ("zh-Hant-TW", "zh-Hant"), ("th_TH.UTF-8", "th")])
def test_language_codes_tools_write_are_read_as_the_projects(written, code):
    from pamphlet.languages import languages
    from pamphlet.translate.langcode import project_code

    assert project_code(written, languages()).code == code


def test_a_po_with_a_tool_language_code_imports(tmp_path):
    folder = copy_document(tmp_path)
    path = export(folder, "zh-Hans", "po", tmp_path / "zh.po")
    path.write_text(path.read_text(encoding="utf-8").replace('"Language: zh-Hans\\n"', '"Language: zh_CN\\n"'), encoding="utf-8")
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("zh-Hans.yaml: 0 block(s) updated, ")


def test_every_block_is_counted_updated_unchanged_or_skipped(tmp_path):
    folder = copy_document(tmp_path)
    path = export(folder, "th", "po", tmp_path / "th.po")
    po = polib.pofile(str(path))
    entry(po, "violence.text").msgstr = ""
    entry(po, "who-heading.text").msgstr = entry(po, "who-heading.text").msgid  # Poedit's "copy source", still fuzzy
    entry(po, "who-intro.text").msgstr = "\u200b"
    po.save(str(path))
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    n = len(load_document(folder, "en").blocks)
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"th.yaml: 0 block(s) updated, {n - 3} unchanged, 3 skipped (no translation in the file: ")
    assert "the English copied in and still marked as needing translation: who-heading)" in first
    assert load_document(folder, "th").block("who-heading").text.plain != load_document(folder, "en").block("who-heading").text.plain


def test_a_new_language_imported_still_fuzzy_is_a_draft_not_stale(tmp_path):
    folder = copy_document(tmp_path)
    (folder / "ko.yaml").unlink()
    path = export(folder, "ko", "po", tmp_path / "ko.po")
    po = polib.pofile(str(path))
    for unit in po:
        unit.msgstr = f"번역 {unit.msgid}"
        unit.flags.append("fuzzy")
    po.save(str(path))
    result = run("import", str(path), "--doc", str(folder))
    assert result.returncode == 0, result.stderr
    status = language_status(folder, "ko")
    assert (status.draft, status.stale, status.missing) == (status.blocks, 0, 0)
    assert "stay stale" not in result.stdout
