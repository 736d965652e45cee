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
        assert 8.5 <= record["body_font_size_pt"] <= 10
    assert any("draft translation" in w for w in records[1]["warnings"])


def test_list_shows_documents_languages_layouts():
    result = run("list")
    assert result.returncode == 0
    for word in ("text/understanding-migrant-sex-workers", "zh-Hant", "ไทย", "trifold-letter", "booklet-a4", "home"):
        assert word in result.stdout


@pytest.mark.parametrize("args, code, message", [
    (["build", "--lang", "xx"], 2, "unknown language xx; expected one of: en, fr, es, tl, vi, th, ko, ja, zh-Hans, zh-Hant, or all"),
    (["build", "--layout", "trifold-legal"], 2, "unknown layout trifold-legal"),
    (["build", "--print", "laser"], 1, "error: unknown print profile 'laser'; expected one of:"),
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
    assert lines[-1] == "3 problems; nothing was written."
    assert "Traceback" not in result.stderr
    assert not out.exists()
