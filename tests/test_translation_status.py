"""Fingerprints and staleness: which blocks of each translation need looking at."""

from __future__ import annotations

import json

import pytest

from pamphlet.content.fingerprint import fingerprint
from pamphlet.content.load import load_document
from pamphlet.errors import PamphletError
from pamphlet.pipeline import BuildOptions, build
from pamphlet.translate.history import english_as_it_was
from pamphlet.translate.status import language_status

from .conftest import DOC, LANGS, RTL_LANGS, poppler_text, squash
from .test_cli import run
from .translation_copies import copy_document, drop_entry, edit

TRANSLATIONS = [lang for lang in LANGS + RTL_LANGS if lang != "en"]


def status_json(folder, *args) -> dict:
    result = run("status", "--doc", str(folder), "--json", *args)
    assert result.returncode == 0, result.stderr
    return {record["lang"]: record for record in json.loads(result.stdout)}


def test_shipped_translations_are_drafts_of_the_current_english():
    for lang in TRANSLATIONS:
        status = language_status(DOC, lang)
        assert (status.stale_ids, status.missing_ids) == ((), ()), (
            f"{lang}: the English of {status.stale_ids or status.missing_ids} changed; if the translations still match, "
            f"run make_pamphlet.py mark --lang all --draft <ids>")
        assert status.draft == status.blocks and status.reviewed == 0


def test_editing_an_english_block_makes_it_stale_in_every_language_until_marked(tmp_path):
    folder = copy_document(tmp_path)
    before = load_document(folder, "en").block("violence")
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    records = status_json(folder)
    assert sorted(records) == sorted(TRANSLATIONS)
    for lang, record in records.items():
        assert record["stale_ids"] == ["violence"] and record["stale"] == 1, lang
        assert record["missing"] == 0 and record["draft"] == record["blocks"] - 1
        assert set(record) >= {"lang", "blocks", "reviewed", "draft", "stale", "missing", "stale_ids", "missing_ids"}
    # The English as it was is known without version control.
    old = english_as_it_was(folder, load_document(folder, "th").block("violence").translated_from)
    assert old == {"text": before.text.markup}

    result = run("mark", "--doc", str(folder), "--lang", "th", "--reviewed", "violence")
    assert result.returncode == 0, result.stderr
    records = status_json(folder)
    assert records["th"]["stale"] == 0 and records["th"]["reviewed"] == 1
    assert records["fr"]["stale_ids"] == ["violence"]
    assert load_document(folder, "th").block("violence").status == "reviewed"
    current = load_document(folder, "en").block("violence")
    assert english_as_it_was(folder, fingerprint(current)) == {"text": current.text.markup}


def test_rewrapping_the_english_is_not_a_change_but_markup_is(tmp_path):
    folder = copy_document(tmp_path)
    edit(folder / "en.yaml", "a direct result of", "a direct\n      result   of")
    assert language_status(folder, "fr").stale == 0
    edit(folder / "en.yaml", "a direct\n      result   of", "a **direct** result of")
    assert language_status(folder, "fr").stale_ids == ("violence",)


def test_table_lists_the_ids_and_exits_0(tmp_path):
    folder = copy_document(tmp_path)
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    drop_entry(folder / "ja.yaml", "lily-quote")
    result = run("status", "--doc", str(folder), "--lang", "ja,th")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["lang", "blocks", "reviewed", "draft", "stale", "missing"]
    n = len(load_document(folder, "en").blocks)
    assert lines[1].split() == ["ja", str(n), "0", str(n - 2), "1", "1"]
    assert lines[2].split() == ["th", str(n), "0", str(n - 1), "1", "0"]
    assert "ja stale: violence" in lines and "ja not translated yet: lily-quote" in lines and "th stale: violence" in lines


def test_unreadable_input_exits_1(tmp_path):
    folder = copy_document(tmp_path)
    (folder / "th.yaml").write_text("document: [\n", encoding="utf-8")
    result = run("status", "--doc", str(folder), "--lang", "th")
    assert result.returncode == 1
    assert "th.yaml:" in result.stderr and "invalid YAML" in result.stderr


def test_a_language_with_no_file_yet_is_all_missing(tmp_path):
    folder = copy_document(tmp_path)
    (folder / "ko.yaml").unlink()
    record = status_json(folder, "--lang", "ko")["ko"]
    source = load_document(folder, "en").blocks
    assert record["missing"] == record["blocks"] == len(source) and record["missing_ids"][0] == source[0].id


def test_a_missing_block_prints_in_english_with_a_warning_once_per_file_and_strict_refuses(tmp_path):
    folder = copy_document(tmp_path)
    drop_entry(folder / "th.yaml", "violence")
    assert load_document(folder, "th").block("violence").status == "missing"

    out = tmp_path / "out"
    result = run("build", "--doc", str(folder), "--lang", "th", "--layout", "trifold-letter,booklet-letter", "--out", str(out))
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "not translated" in line]
    n = len(load_document(folder, "en").blocks)
    assert warned == [f"warning: th.yaml: 1 of {n} blocks are not translated yet and print in English: violence; to "
                      f"translate them: make_pamphlet.py export --doc {folder} --lang th -o th.po, then make_pamphlet.py "
                      f"import --doc {folder} th.po (or write them into th.yaml)"]
    english = load_document(folder, "en").block("violence").text.plain
    assert squash(english) in squash(poppler_text(out / "understanding-migrant-sex-workers-th-booklet-letter-home.pdf"))

    strict = run("build", "--doc", str(folder), "--lang", "th", "--layout", "trifold-letter", "--strict", "--out", str(tmp_path / "s"))
    assert strict.returncode == 1
    assert "th.yaml: block 'violence' is not translated (source " in strict.stderr
    assert not (tmp_path / "s").exists()


def test_strict_refuses_stale_blocks_naming_the_line(tmp_path):
    folder = copy_document(tmp_path)
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    line = load_document(folder, "fr").block("violence").where.line
    with pytest.raises(PamphletError) as info:
        build(BuildOptions(doc=folder, langs=("fr", "th"), layouts=("trifold-letter",), out_dir=tmp_path / "o", strict=True))
    messages = [str(p) for p in info.value.problems]
    assert any(m.endswith(f"fr.yaml:{line}: block 'violence' is stale: the English changed since it was translated; "
                          "expected a translation of the current English (re-import it, or mark it reviewed once checked)")
               for m in messages), messages
    assert sum("block 'violence' is stale" in m for m in messages) == 2
    assert not (tmp_path / "o").exists()
    # Without --strict the build goes on and says so once.
    results = build(BuildOptions(doc=folder, langs=("fr",), layouts=("trifold-letter",), out_dir=tmp_path / "o"))
    n = len(load_document(folder, "en").blocks)
    assert any(f"1 of {n} blocks are stale" in w for w in results[0].content_warnings)


def test_a_hand_written_fingerprint_that_is_not_one_is_located(tmp_path):
    folder = copy_document(tmp_path)
    edit(folder / "fr.yaml", "    source: 5c28667e\n", "    source: latest\n")
    with pytest.raises(PamphletError) as info:
        load_document(folder, "fr")
    (problem,) = info.value.problems
    assert "fr.yaml:" in str(problem) and "block 'who-heading' source 'latest' is not a fingerprint" in str(problem)


def test_marking_keeps_comments_and_order_and_refuses_unknown_ids(tmp_path):
    folder = copy_document(tmp_path)
    edit(folder / "zh-Hant.yaml", "  who-heading:\n", "  # a translator's note\n  who-heading:  # and another\n")
    before = (folder / "zh-Hant.yaml").read_text(encoding="utf-8")
    result = run("mark", "--doc", str(folder), "--lang", "zh-Hant", "--reviewed", "cover", "nope")
    assert result.returncode == 1 and "no block 'nope'" in result.stderr
    assert (folder / "zh-Hant.yaml").read_text(encoding="utf-8") == before
    assert run("mark", "--doc", str(folder), "--lang", "zh-Hant", "--reviewed", "cover").returncode == 0
    after = (folder / "zh-Hant.yaml").read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["    status: reviewed"]
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []
    # Every block reviewed: the file says so once.
    assert run("mark", "--doc", str(folder), "--lang", "zh-Hant", "--reviewed", "--all").returncode == 0
    final = (folder / "zh-Hant.yaml").read_text(encoding="utf-8")
    assert "  status: reviewed\n" in final and "    status:" not in final
    assert language_status(folder, "zh-Hant").reviewed == len(load_document(folder, "en").blocks)


def test_mark_says_what_it_needs(tmp_path):
    folder = copy_document(tmp_path)
    (folder / "ko.yaml").unlink()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = run("mark", "--doc", str(folder), "--lang", "ko", "--draft", "cover")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "ko.yaml: ko has no translation file yet, so no block to mark" in result.stderr
    assert f"make_pamphlet.py export --doc {folder} --lang ko" in result.stderr  # the command works on this document
    result = run("mark", "--doc", str(folder), "--lang", "th", "--draft", "who-intor")
    assert result.returncode == 1 and "no block 'who-intor' (did you mean 'who-intro'?)" in result.stderr
    result = run("mark", "--doc", str(folder), "--lang", "th", "--draft")
    assert result.returncode == 2 and "name the blocks to mark (their ids, as status lists them), or --all" in result.stderr
    assert "not both" not in result.stderr
    result = run("mark", "--doc", str(folder), "--lang", "th", "who-intro")
    assert result.returncode == 2 and "--reviewed (checked against the current English)" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_status_points_at_the_proof_for_languages_with_work_to_do(tmp_path):
    folder = copy_document(tmp_path)
    edit(folder / "en.yaml", "a direct result of", "a direct consequence of")
    assert run("mark", "--doc", str(folder), "--lang", "fr", "--draft", "violence").returncode == 0
    result = run("status", "--doc", str(folder), "--lang", "fr,th,ja")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == ("to see what changed, English beside translation: "
                                              f"make_pamphlet.py proof --doc {folder} --lang th,ja")


def test_a_new_language_says_not_translated_yet_and_how_to_start(tmp_path):
    """A language file with no block translated: status and the build name the
    command that starts a translation, not the proof of what changed."""
    folder = copy_document(tmp_path)
    (folder / "ko.yaml").write_text('document: {lang: ko, status: draft, translator: ""}\nblocks: {}\n', encoding="utf-8")
    result = run("status", "--doc", str(folder), "--lang", "ko")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2].startswith("ko not translated yet: ") and "proof" not in result.stdout and " stale:" not in result.stdout
    assert lines[-1] == (f"to start translating: make_pamphlet.py export --doc {folder} --lang ko -o ko.po, then "
                         f"make_pamphlet.py import --doc {folder} ko.po")
    build = run("build", "--doc", str(folder), "--lang", "ko", "--layout", "trifold-letter", "--out", str(tmp_path / "out"))
    assert build.returncode == 0, build.stderr
    n = len(load_document(folder, "en").blocks)
    (warned,) = [line for line in build.stderr.splitlines() if "ko.yaml" in line]
    assert warned.startswith(f"warning: ko.yaml: {n} of {n} blocks are not translated yet and print in English: ")
    assert warned.endswith(f"to translate them: make_pamphlet.py export --doc {folder} --lang ko -o ko.po, then "
                           f"make_pamphlet.py import --doc {folder} ko.po (or write them into ko.yaml)")


def test_marking_keeps_every_other_fingerprint_as_written(tmp_path):
    """A fingerprint that reads as a number in YAML 1.2 (102e4420 is a
    float: infinity) is written back as it was when another block of the
    file is marked, not as '.inf'."""
    folder = copy_document(tmp_path)
    edit(folder / "th.yaml", "    source: c8bd33db\n", "    source: 102e4420\n")
    result = run("mark", "--doc", str(folder), "--lang", "th", "--reviewed", "violence")
    assert result.returncode == 0, result.stderr
    assert "    source: 102e4420\n" in (folder / "th.yaml").read_text(encoding="utf-8")
    assert status_json(folder, "--lang", "th")["th"]["stale_ids"] == ["mark"]
