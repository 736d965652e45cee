"""The fixture documents build from the command line with ``--doc`` given as
a path (relative, absolute, or a bare folder name in the working
directory), each with its own brand file, and print what their source says."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from tests.cli_harness import ROOT, invoke
from tests.conftest import poppler_text, squash
from tests.fixture_docs import FIXTURES, LONG, LONG_BRAND, SHORT, SHORT_BRAND


def _build(doc, brand, out, *extra) -> dict[str, dict]:
    """build --json of both letter layouts: layout -> its JSON object, per language."""
    outcome = invoke("build", "--doc", doc, "--brand", brand, "--layout", "trifold-letter,booklet-letter",
                     "--out", out, "--json", "--quiet", *extra)
    assert outcome.code == 0, outcome.stderr + outcome.traceback
    return {f"{r['lang']}/{r['layout']}": r for r in json.loads(outcome.stdout)}


def _source(folder) -> dict:
    return {b["id"]: b for b in yaml.safe_load((folder / "en.yaml").read_text(encoding="utf-8"))["blocks"]}


def test_short_document_from_a_relative_path(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    built = _build(SHORT.relative_to(ROOT), SHORT_BRAND.relative_to(ROOT), tmp_path, "--lang", "en,es")
    assert sorted(built) == ["en/booklet-letter", "en/trifold-letter", "es/booklet-letter", "es/trifold-letter"]
    for result in built.values():
        assert result["doc"] == "short-pamphlet" and result["brand"] == "marigold-collective"
    text = squash(poppler_text(built["en/trifold-letter"]["path"]))
    rights = _source(SHORT)["rights-list"]["items"]
    at = [text.find(squash(item)) for item in rights]
    assert len(rights) == 6 and -1 not in at and at == sorted(at), at
    spanish = squash(poppler_text(built["es/trifold-letter"]["path"]))
    assert squash("Conoce tus derechos en el trabajo") in spanish and squash(rights[0]) in spanish  # the rest in English


def test_long_document_from_an_absolute_path_needs_the_smallest_size(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    built = _build(LONG, LONG_BRAND, tmp_path / "out")
    trifold = built["en/trifold-letter"]
    assert trifold["body_font_size_pt"] == 8.5
    assert any("smallest size" in w for w in trifold["warnings"]), trifold["warnings"]
    text = squash(poppler_text(trifold["path"]))
    edition = yaml.safe_load((LONG / "en.yaml").read_text(encoding="utf-8"))["editions"]["trifold"]["flow"]
    quotes = [b for b in _source(LONG).values() if b["type"] == "quote" and b["id"] in edition]
    assert len(quotes) >= 4
    for quote in quotes:
        assert squash(quote["text"]) in text


@pytest.mark.parametrize("name", ["short-pamphlet", "short-pamphlet/"])
def test_a_bare_folder_name_in_the_working_directory(tmp_path, monkeypatch, name):
    monkeypatch.chdir(FIXTURES / "docs")
    outcome = invoke("build", "--doc", name, "--brand", SHORT_BRAND, "--layout", "trifold-letter",
                     "--out", tmp_path, "--json", "--quiet")
    assert outcome.code == 0, outcome.stderr + outcome.traceback
    assert [r["doc"] for r in json.loads(outcome.stdout)] == ["short-pamphlet"]


def test_commands_suggested_for_another_document_name_it(tmp_path, monkeypatch):
    """A hint that names a command names the document too: without --doc, it
    would run on the bundled pamphlet instead."""
    import re
    import shutil

    folder = tmp_path / "short-pamphlet"
    shutil.copytree(SHORT, folder)
    es = folder / "es.yaml"
    es.write_text(re.sub(r"\n +source: .*", "", es.read_text(encoding="utf-8")), encoding="utf-8")  # never marked
    monkeypatch.chdir(tmp_path)
    outcome = invoke("build", "--doc", "short-pamphlet", "--brand", SHORT_BRAND, "--lang", "es", "--layout",
                     "trifold-letter", "--out", tmp_path / "out", "--quiet")
    assert outcome.code == 0, outcome.stderr
    assert "; see make_pamphlet.py status --doc short-pamphlet --lang es" in outcome.stderr
    outcome = invoke("status", "--doc", "short-pamphlet")
    assert outcome.stdout.splitlines()[-1].endswith("make_pamphlet.py proof --doc short-pamphlet --lang es")
    monkeypatch.chdir(ROOT)
    outcome = invoke("status", "--doc", folder)
    assert outcome.stdout.splitlines()[-1].endswith(f"make_pamphlet.py proof --doc {folder} --lang es")


def test_the_own_pamphlet_guide_works_as_written(tmp_path):
    """docs/own-pamphlet.md, followed literally in a fresh project folder: its
    en.yaml, brand file and es.yaml as shown, then each command it gives."""
    import re
    import shlex
    import shutil
    import subprocess
    import sys

    from tests.cli_harness import make_project

    guide = (ROOT / "docs" / "own-pamphlet.md").read_text(encoding="utf-8")
    english, brand, spanish = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    project = make_project(tmp_path / "project")
    folder = project / "text" / "know-your-rights"
    (folder / "art").mkdir(parents=True)
    shutil.copy(SHORT / "art" / "marigold-mark.svg", folder / "art" / "mark.svg")
    (folder / "en.yaml").write_text(english, encoding="utf-8")
    (project / "brands" / "marigold.yaml").write_text(brand, encoding="utf-8")
    commands = [" ".join(block.replace("\\\n", " ").split()) for block in re.findall(r"```sh\n(.*?)```", guide, re.S)]
    commands = [line for block in commands for line in block.split(" python ") if "make_pamphlet.py" in line]
    assert len(commands) == 4, commands  # build, preview; mark, build

    def run(line: str) -> str:
        args = shlex.split(line.removeprefix("python "))
        assert args[0] == "make_pamphlet.py", line
        done = subprocess.run([sys.executable, str(ROOT / "make_pamphlet.py"), *args[1:]], cwd=project,
                              capture_output=True, text=True, env={**os.environ, "PAMPHLET_ROOT": str(project)})
        assert done.returncode == 0, (line, done.stderr)
        return done.stdout + done.stderr

    assert "body 8.5 pt" not in run(commands[0])
    assert "wrote out/know-your-rights-marigold-en-trifold-letter-home-1.png" in run(commands[1])
    (folder / "es.yaml").write_text(spanish, encoding="utf-8")
    assert "es: 3 block(s) marked draft" in run(commands[2])
    said = run(commands[3])
    assert "know-your-rights-marigold-es-trifold-letter-home.pdf" in said and "stale" not in said
    text = squash(poppler_text(project / "out" / "know-your-rights-marigold-es-trifold-letter-home.pdf"))
    assert squash("Conoce tus derechos en el trabajo") in text and squash("Sex work is work!") in text
