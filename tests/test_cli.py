"""The command line as a user meets it: exit codes, messages, JSON, defaults."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_content import GOOD_SOURCE, write_doc


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PAMPHLET_ROOT"}
    return subprocess.run([sys.executable, str(ROOT / "make_pamphlet.py"), *args], cwd=cwd, capture_output=True,
                          text=True, env=env)


def test_no_arguments_builds_the_english_trifold_and_booklet(tmp_path):
    result = run(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["understanding-migrant-sex-workers-en-booklet-letter-home.pdf",
                       "understanding-migrant-sex-workers-en-trifold-letter-home.pdf"]
    assert "Print two-sided, flip on the SHORT edge." in result.stdout
    assert "Paper: US Letter, landscape" in result.stdout
    assert "Fold:" in result.stdout
    # What each PDF holds, in words that cannot be misread: pages of the booklet and the sheets they print on.
    import re

    booklet = re.search(r"\(booklet-letter, en, home: (\d+) pages on (\d+) sheets, two-sided, body [\d.]+ pt\)", result.stdout)
    assert booklet and int(booklet[1]) == 4 * int(booklet[2]), result.stdout
    assert "(trifold-letter, en, home: 6 panels on 1 sheet, two-sided, body " in result.stdout
    # The English fits at sizes its layouts allow: nothing there needs a person, so nothing is a warning.
    assert "warning" not in result.stderr, result.stderr


def test_readme_example_is_what_the_build_prints(tmp_path):
    """The README's 'Printing tonight' example, run: its output block is the build's standard output, line for line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python make_pamphlet.py build --lang th,zh-Hans --layout trifold-letter"
    after = readme.split(f"```sh\n{command}\n```", 1)[1]
    shown = after.split("```\n", 2)[1]
    result = run(*command.split()[2:], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert shown == result.stdout


def test_a_body_size_within_the_layout_is_no_warning_but_the_smallest_is():
    from dataclasses import replace

    from pamphlet.layouts import load_layout
    from pamphlet.pipeline import _warnings

    from .conftest import composition

    document, composed = composition("en", "booklet-letter")
    spec = load_layout("booklet-letter")
    assert spec.body_min < composed.body_size < spec.body_max  # shrunk to fit, as the fit search should
    assert not [w for w in _warnings(document, spec, composed) if "body" in w]
    # At the smallest size a booklet with pages to spare grows by a sheet; a full one, like a tri-fold, cannot.
    smallest = replace(composed, body_size=spec.body_min)
    assert not [w for w in _warnings(document, spec, smallest) if "body" in w]
    said = f"body text at the layout's smallest size ({spec.body_min:g} pt)"
    assert [w for w in _warnings(document, replace(spec, max_pages=len(composed.pages)), smallest) if w.startswith(said)]
    document, composed = composition("en", "trifold-letter")
    spec = load_layout("trifold-letter")
    assert [w for w in _warnings(document, spec, replace(composed, body_size=spec.body_min)) if w.startswith(
        f"body text at the layout's smallest size ({spec.body_min:g} pt)")]


def test_json_record_per_pdf(tmp_path):
    result = run("build", "--lang", "en,th", "--layout", "trifold-a4", "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [(r["lang"], r["layout"]) for r in records] == [("en", "trifold-a4"), ("th", "trifold-a4")]
    for record in records:
        assert {"path", "doc", "lang", "layout", "print", "pages", "sheet_size_pt", "body_font_size_pt", "warnings",
                "instructions"} <= set(record)
        assert Path(record["path"]).is_file()
        assert record["pages"] == 2 and record["print"] == "home"
        assert record["sheet_size_pt"] == [841.89, 595.28]
        assert 8.5 <= record["body_font_size_pt"] <= 12
    assert any("draft translation" in w for w in records[1]["warnings"])


def test_list_shows_documents_languages_layouts():
    result = run("list")
    assert result.returncode == 0
    for word in ("text/understanding-migrant-sex-workers", "zh-Hant", "ไทย", "trifold-letter", "booklet-a4", "home"):
        assert word in result.stdout


@pytest.mark.parametrize("args, code, message", [
    (["build", "--lang", "xx"], 2, "unknown language xx; expected one of: en, fr, es, tl, vi, th, ko, ja, zh-Hans, zh-Hant, ar, ur, my, km, ne, or all"),
    (["build", "--layout", "trifold-legal"], 2, "unknown layout trifold-legal"),
    (["build", "--print", "laser"], 2, "Invalid value for '--print': unknown print profile laser; expected one of:"),
    (["build", "--lang", "zh-hans"], 2, "Invalid value for '--lang': unknown language zh-hans (did you mean 'zh-Hans'?)"),
    (["build", "--brand", "Default"], 2, "Invalid value for '--brand': unknown brand Default (did you mean 'default'?)"),
    (["build", "--doc", "nowhere"], 2, "nowhere is not a document folder (expected nowhere/en.yaml)"),
])
def test_usage_errors(tmp_path, args, code, message):
    result = run(*args, "--out", str(tmp_path))
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())


def test_bad_content_exits_1_with_file_line_and_writes_nothing(tmp_path):
    folder = write_doc(tmp_path, GOOD_SOURCE.replace("text: Hello", "txt: Hello").replace("flow: [intro]", "flow: [intro, outro]"))
    out = tmp_path / "out"
    result = run("build", "--doc", str(folder), "--out", str(out))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].endswith("en.yaml:3: edition 'trifold' flow names block 'outro', which does not exist; expected an id from 'blocks'")
    assert lines[1].endswith("en.yaml:7: unknown key 'txt' in paragraph block 'intro'; expected one of: id, type, text (did you mean 'text'?)")
    assert lines[-1] == "2 problems; nothing was written."  # not also "has no 'text'": the misspelling explains it
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_check_command(tmp_path, build):
    good = build("en", "trifold-letter", "home").path
    result = run("check", str(good))
    assert result.returncode == 0 and "passed preflight" in result.stdout
    result = run("check", str(good), "--print", "commercial")
    assert result.returncode == 1
    assert "FAIL: pages 1-2: RGB colour (rg operator); expected CMYK only for 'commercial'" in result.stderr
    assert "FAIL: no GTS_PDFX output intent; expected an output intent for PDF/X-4" in result.stderr


def test_impose_and_test_sheet_commands(tmp_path, build):
    sheet = tmp_path / "test-sheet.pdf"
    assert run("test-sheet", "--sheet", "a4", "-o", str(sheet)).returncode == 0
    result = run("impose", str(sheet), "--scheme", "booklet", "--sheet", "letter", "-o", str(tmp_path / "b.pdf"))
    assert result.returncode == 0, result.stderr
    assert "2 blank page(s) added" in result.stdout
    result = run("impose", str(sheet), "--scheme", "trifold", "-o", str(tmp_path / "t.pdf"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{sheet}: has 2 page(s); expected 6 panel pages for a tri-fold"), result.stderr
    assert not (tmp_path / "t.pdf").exists()


def test_instructions_page_and_manual_duplex(tmp_path):
    result = run("build", "--layout", "booklet-letter", "--print", "home-manual-duplex", "--instructions-page",
                 "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    from pypdf import PdfReader

    reader = PdfReader(record["path"])
    assert len(reader.pages) == record["pages"] == record["reader_pages"] // 2 + 2
    assert "How to print this PDF" in reader.pages[0].extract_text()
    assert (reader.pages[1].extract_text() or "").strip() == ""  # its blank back keeps the sides paired
    half = (record["pages"] - 2) // 2
    assert f"first print pages 3-{half + 2} (the fronts)" in " ".join(record["instructions"])
    assert f"Then print pages {half + 3}-{2 * half + 2} (the backs" in " ".join(record["instructions"])


@pytest.mark.parametrize("lang, layout", [("th", "trifold-letter"), ("en", "booklet-letter")])
def test_the_instruction_sheet_agrees_with_itself(tmp_path, lang, layout):
    """The printed sheet names the pages of the PDF it heads: the passes print
    every page after it, once, and what it says of itself agrees with them.
    A command it mentions is said to be optional, and what it is for."""
    import re

    result = run("build", "--lang", lang, "--layout", layout, "--print", "home-manual-duplex", "--instructions-page",
                 "--out", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    sheet = subprocess.run(["pdftotext", "-f", "1", "-l", "1", record["path"], "-"], capture_output=True, text=True,
                           check=True).stdout
    said = " ".join(sheet.split())
    assert "print them too" not in said
    passes = re.findall(r"print pages? (\d+)(?:-(\d+))? \(the", said)
    printed = [n for first, last in passes for n in range(int(first), int(last or first) + 1)]
    assert sorted(printed) == list(range(3, record["pages"] + 1)), said  # each page after the sheet, once
    assert "Pages 1-2 of this PDF are these instructions and their blank back: the two passes below leave them out" in said
    assert "Optional, for whoever made this PDF: make_pamphlet.py test-sheet --manual finds" in said
    assert said.index("Optional") < said.index("make_pamphlet.py")


def test_the_instruction_sheet_of_a_two_sided_printer():
    from pamphlet.instructions import print_instructions
    from pamphlet.impose import plans
    from pamphlet.layouts import load_layout
    from pamphlet.profiles import load_profile

    plan = plans.booklet(12, 396, 612)
    steps = print_instructions(load_layout("booklet-letter"), load_profile("home"), plan, "imposed", first_page=3)
    assert steps[1] == ("Pages 1-2 of this PDF are these instructions and their blank back, a sheet of their own: print "
                         "the whole PDF two-sided, or start at page 3 to leave them out.")
    assert not [s for s in print_instructions(load_layout("booklet-letter"), load_profile("home"), plan) if "this PDF" in s]


def test_paper_path_for_manual_duplex(tmp_path):
    result = run("build", "--layout", "booklet-letter", "--print", "home-manual-duplex", "--paper-path", "up-up",
                 "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "paper path 'up-up'" in result.stdout and "turn the whole stack over" in result.stdout
    wrong = run("build", "--print", "home-manual-duplex", "--paper-path", "sideways", "--out", str(tmp_path))
    assert wrong.returncode == 2 and "'sideways' is not one of 'up-down', 'down-down', 'up-up', 'down-up'" in wrong.stderr
    sheet = run("test-sheet", "--manual", "-o", str(tmp_path / "manual.pdf"))
    assert sheet.returncode == 0 and (tmp_path / "manual.pdf").is_file()


def test_home_single_page_booklet_says_how_to_print_single_pages(tmp_path):
    result = run("build", "--layout", "booklet-letter", "--booklet", "pages", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "single pages of half letter (5.5 x 8.5 in), portrait, in reading order (not imposed)" in result.stdout
    assert "landscape" not in result.stdout and "centre ticks" not in result.stdout


def _readme_json_keys() -> tuple[set[str], set[str]]:
    """The keys the README's build options say --json gives: (each PDF's, each fill entry's)."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    said = " ".join(readme.split("`--json`\n(print one JSON array", 1)[1].split("\n\n", 1)[0].split())
    top, fill = said.split("`fill`:", 1)
    return set(re.findall(r"`([a-z_]+)`", top)) | {"fill"}, set(re.findall(r"`([a-z_]+)`", fill))


def test_json_is_one_array_with_the_keys_the_readme_lists(tmp_path):
    result = run("build", "--layout", "trifold-letter", "--out", str(tmp_path), "--json", "--quiet")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)  # one JSON document: an array, even for one PDF
    assert isinstance(records, list) and len(records) == 1
    keys, fill_keys = _readme_json_keys()
    assert set(records[0]) == keys, f"README names {sorted(keys)}; --json gives {sorted(records[0])}"
    assert fill_keys and all(fill_keys <= set(entry) for entry in records[0]["fill"])
