"""A catalogue of bad inputs, as a user meets them on the command line.

Each row makes its inputs in a fresh folder, runs one command in-process and
asserts the exit status, the messages (each naming the file and line, or the
option), that no traceback was printed and that nothing was written or
overwritten. Rows marked ``works`` are inputs that look odd but are
legitimate; they must build.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from .cli_harness import ROOT, clear_caches, invoke, make_project, snapshot

SOURCE = """\
document: {id: demo, lang: en, title: Demo}
editions:
  trifold: {cover: [cover], flow: [intro], back: []}
  booklet: {cover: [cover], flow: all}
blocks:
  - {id: cover, type: title, text: Demo, subtitle: A tagline}
  - {id: intro, type: paragraph, text: Hello **bold** and _em_ world}
  - {id: points, type: list, items: [one, two]}
"""
FRENCH = """\
document: {lang: fr, status: draft}
blocks:
  cover: {text: Démo, subtitle: Un slogan}
  intro: {text: Bonjour **gras** et _em_ monde}
  points: {items: [un, deux]}
"""
BRAND = (ROOT / "brands" / "default.yaml").read_text(encoding="utf-8")
AFTER_BRAND = BRAND.count("\n") + 1  # the line a key added to the brand file is on


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], list[str]]  # writes the inputs under the folder, returns the command's arguments
    code: int
    messages: tuple[str, ...] = ()  # each a line (or the start of one) of standard error; {tmp} is the folder
    stdout: tuple[str, ...] = ()  # for the rows that work


def doc(tmp: Path, source: str = SOURCE, raw: bytes | None = None, **translations: str | bytes) -> Path:
    folder = tmp / "demo"
    folder.mkdir(exist_ok=True)
    (folder / "en.yaml").write_bytes(raw if raw is not None else textwrap.dedent(source).encode("utf-8"))
    for lang, text in translations.items():
        data = text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8")
        (folder / f"{lang.replace('_', '-')}.yaml").write_bytes(data)
    return folder


def build_args(tmp: Path, *extra: str, layout: str = "trifold-letter") -> list[str]:
    return ["build", "--doc", str(tmp / "demo"), "--layout", layout, "--out", str(tmp / "out"), *extra]


def brand(tmp: Path, extra: str, name: str = "partner.yaml") -> Path:
    path = tmp / name
    path.write_text(BRAND + extra, encoding="utf-8")
    return path


def with_brand(extra: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        doc(tmp)
        return build_args(tmp, "--brand", str(brand(tmp, extra)))
    return make


def with_source(source: str, **translations: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        doc(tmp, source, **translations)
        return build_args(tmp, "--lang", ",".join(["en", *translations]).replace("_", "-"))
    return make


def _symlinked_logo(tmp: Path) -> list[str]:
    doc(tmp)
    (tmp / "secret.png").write_bytes(b"not yours")
    (tmp / "partner").mkdir()
    (tmp / "partner" / "logo.png").symlink_to(tmp / "secret.png")
    return build_args(tmp, "--brand", str(brand(tmp / "partner", "logo: {file: logo.png, width: 1in}\n")))


def _font_outside(tmp: Path) -> list[str]:
    doc(tmp, SOURCE.replace("title: Demo}", "title: Demo, fonts: {latin: {regular: ../NotoSans-Regular.ttf}}}"))
    return build_args(tmp)


CASES = [
    # -- files named inside brand and content files stay in their folder ------
    Case("brand logo up out of its folder", with_brand("logo: {file: ../../../../etc/passwd, width: 1in}\n"), 1, (
        f"{{tmp}}/partner.yaml:{AFTER_BRAND}: logo '../../../../etc/passwd' goes up out of its folder ('..'); expected a path "
        "relative to partner.yaml, inside its folder {tmp} (copy the logo there)",)),
    Case("brand logo absolute path", with_brand("logo: {file: /etc/passwd, width: 1in}\n"), 1, (
        f"{{tmp}}/partner.yaml:{AFTER_BRAND}: logo '/etc/passwd' is an absolute path; expected a path relative to partner.yaml",)),
    Case("brand logo a link out of its folder", _symlinked_logo, 1, (
        f"{{tmp}}/partner/partner.yaml:{AFTER_BRAND}: logo 'logo.png' is a link to {{tmp}}/secret.png, outside its folder; "
        "expected a path relative to partner.yaml, inside its folder {tmp}/partner (copy the logo there)",)),
    Case("brand font from the home folder", with_brand("fonts: {latin: {regular: ~/fonts/x.ttf}}\n"), 1, (
        f"{{tmp}}/partner.yaml:{AFTER_BRAND}: font file '~/fonts/x.ttf' is an absolute path;",)),
    Case("document font up out of its folder", _font_outside, 1, (
        "{tmp}/demo/en.yaml:1: font file '../NotoSans-Regular.ttf' goes up out of its folder ('..'); expected a path "
        "relative to en.yaml, inside its folder {tmp}/demo (copy the font file there)",)),
    Case("font collection index not a number", with_brand("fonts: {latin: {regular: 'x.ttc#two'}}\n"), 1, (
        f"{{tmp}}/partner.yaml:{AFTER_BRAND}: font 'x.ttc#two' has collection index 'two'; expected FILE or FILE#N",)),
]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """Caches keyed by name are cleared before and after; the cache folder is the test's own."""
    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path / "cache"))
    clear_caches()
    yield
    clear_caches()


def run_case(case: Case, tmp: Path) -> None:
    inputs = tmp / "in"
    inputs.mkdir()
    args = case.make(inputs)
    before = snapshot(inputs)
    outcome = invoke(*args)
    assert not outcome.traceback, outcome.traceback
    assert "Traceback" not in outcome.stderr
    assert outcome.code == case.code, (outcome.stdout, outcome.stderr)
    lines = outcome.stderr.splitlines()
    for expected in case.messages:
        expected = expected.format(tmp=inputs)
        assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{outcome.stderr}"
    for expected in case.stdout:
        assert expected.format(tmp=inputs) in outcome.stdout, outcome.stdout
    if case.code:
        assert snapshot(inputs) == before, "a failed run changed its inputs or wrote output"
        assert lines[-1].endswith("nothing was written.") or not lines[-1].startswith(("1 problem", "2 problem"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, tmp_path, fresh):
    run_case(case, tmp_path)


def test_asset_paths_inside_their_folder_are_found(tmp_path):
    from pamphlet.errors import Location, PamphletError
    from pamphlet.paths import asset_path

    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "logo.png").write_bytes(b"x")
    (tmp_path / "same.png").symlink_to(tmp_path / "art" / "logo.png")  # a link that stays inside is fine
    where = Location(tmp_path / "brand.yaml", 3)
    assert asset_path("art/logo.png", tmp_path, where) == tmp_path.resolve() / "art" / "logo.png"
    assert asset_path("./same.png", tmp_path, where, "logo") == tmp_path.resolve() / "art" / "logo.png"
    for bad, says in [("", "file path is empty"), ("art/../art/logo.png", "goes up out of its folder"),
                      ("/tmp/x.png", "is an absolute path")]:
        with pytest.raises(PamphletError) as info:
            asset_path(bad, tmp_path, where)
        assert says in str(info.value) and str(where) in str(info.value)
