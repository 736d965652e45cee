"""Validation: every problem reported as file:line: what; expected, all at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pamphlet.content.load import load_document
from pamphlet.errors import PamphletError

GOOD_SOURCE = """\
document: {id: demo, lang: en, title: Demo}
editions:
  trifold: {cover: [cover], flow: [intro], back: []}
  booklet: {cover: [cover], flow: all}
blocks:
  - {id: cover, type: title, text: Demo, subtitle: A tagline}
  - {id: intro, type: paragraph, text: Hello **bold** and _em_ world}
  - {id: points, type: list, items: [one, two]}
"""


def write_doc(tmp_path: Path, source: str, **translations: str) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "en.yaml").write_text(textwrap.dedent(source), encoding="utf-8")
    for lang, text in translations.items():
        (folder / f"{lang.replace('_', '-')}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def problems(folder: Path, lang: str = "en") -> list[str]:
    with pytest.raises(PamphletError) as info:
        load_document(folder, lang)
    return [str(p).replace(str(folder) + "/", "") for p in info.value.problems]


def test_good_document_loads(tmp_path):
    doc = load_document(write_doc(tmp_path, GOOD_SOURCE), "en")
    assert [b.id for b in doc.blocks] == ["cover", "intro", "points"]
    spans = doc.block("intro").text.spans
    assert [(s.text, s.strong, s.em) for s in spans] == [
        ("Hello ", False, False), ("bold", True, False), (" and ", False, False), ("em", False, True), (" world", False, False)]
    assert doc.editions["trifold"].flow == ("intro",)


CASES = [
    ("malformed YAML",
     "document:\n  id: demo\n   title: x\n",
     ["en.yaml:3: invalid YAML: mapping values are not allowed in this context; expected well-formed YAML"]),
    ("unknown key with a suggestion",
     GOOD_SOURCE.replace("text: Hello", "txt: Hello"),
     ["en.yaml:7: unknown key 'txt' in paragraph block 'intro'; expected one of: id, type, text (did you mean 'text'?)"]),
    ("wrong type",
     GOOD_SOURCE.replace("items: [one, two]", "items: 3"),
     ["en.yaml:8: block 'points' items is a number (3); expected a list of texts"]),
    ("duplicate id",
     GOOD_SOURCE + "  - {id: intro, type: paragraph, text: Again}\n",
     ["en.yaml:9: duplicate block id 'intro' (first on line 7); expected each id once"]),
    ("missing id",
     GOOD_SOURCE + "  - {type: paragraph, text: Orphan}\n",
     ["en.yaml:9: block has no id; expected lowercase letters, digits and hyphens, e.g. 'who-heading'"]),
    ("reference to a block that does not exist",
     GOOD_SOURCE.replace("flow: [intro]", "flow: [intro, outro]"),
     ["en.yaml:3: edition 'trifold' flow names block 'outro', which does not exist; expected an id from 'blocks'"]),
    ("duplicate YAML key",
     GOOD_SOURCE.replace("text: Demo,", "text: Demo, text: Again,"),
     ["en.yaml:6: duplicate key 'text' (first on line 6); expected each key once"]),
    ("unknown block type and unbalanced markup, reported together",
     GOOD_SOURCE.replace("type: list", "type: lists").replace("**bold**", "**bold"),
     ["en.yaml:7: block 'intro' text: '**' at character 7 is never closed; expected balanced ** and _ markup",
      "en.yaml:8: block 'points' has type 'lists'; expected one of: title, heading, paragraph, list, note, quote, callout, contact, image"]),
]


@pytest.mark.parametrize("source, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_source_problems(tmp_path, source, expected):
    assert problems(write_doc(tmp_path, source)) == expected


def test_translation_problems(tmp_path):
    folder = write_doc(tmp_path, GOOD_SOURCE, fr="""\
        document: {lang: fr, status: draft}
        blocks:
          cover: {text: Démo}
          intro: {text: Bonjour}
          pionts: {items: [un, deux]}
        """)
    assert problems(folder, "fr") == [
        "fr.yaml:3: block 'cover' has no 'subtitle'; expected 'subtitle' like the source (en.yaml:6)",
        "fr.yaml:5: 'pionts' is not a block of en.yaml; expected a source block id (a typo would lose this text)",
    ]


def test_translation_list_length_must_match(tmp_path):
    folder = write_doc(tmp_path, GOOD_SOURCE, fr="""\
        document: {lang: fr, status: reviewed}
        blocks:
          cover: {text: Démo, subtitle: Un slogan}
          intro: {text: Bonjour}
          points: {items: [un]}
        """)
    assert problems(folder, "fr") == ["fr.yaml:5: block 'points' has 1 items; expected 2 like the source (en.yaml:8)"]


def test_cjk_line_folds_leave_no_spaces(tmp_path):
    folder = write_doc(tmp_path, GOOD_SOURCE, ja="""\
        document: {lang: ja, status: draft}
        blocks:
          cover: {text: デモ, subtitle: 標語}
          intro:
            text: >-
              移住セックスワーカーを
              理解する。 English words stay apart.
          points: {items: [一, 二]}
        """)
    doc = load_document(folder, "ja")
    assert doc.block("intro").text.plain == "移住セックスワーカーを理解する。 English words stay apart."
    assert doc.status == "draft"


def test_shipped_documents_load_in_every_language():
    from .conftest import DOC, LANGS, RTL_LANGS

    for lang in LANGS + RTL_LANGS:
        doc = load_document(DOC, lang)
        assert len(doc.blocks) == len(load_document(DOC, "en").blocks)
        assert doc.status == ("source" if lang == "en" else "draft")
