"""The build matrix: brands x languages x layouts x print profiles in one command."""

from __future__ import annotations

import io
import re

import pytest

from pamphlet.errors import PamphletError
from pamphlet.pipeline import BuildItem, BuildOptions, build, output_name
from pamphlet.progress import Progress, summary

from .conftest import DOC, ROOT, poppler_text
from .test_cli import run

DOC_ID = "understanding-migrant-sex-workers"


def brand_folder(tmp_path, names=("alpha", "beta", "gamma")):
    folder = tmp_path / "brands"
    folder.mkdir()
    source = (ROOT / "brands" / "default.yaml").read_text()
    for name in names:
        (folder / f"{name}.yaml").write_text(source.replace("name: Butterfly", f"name: {name.title()}"))
    return folder


def test_output_names_carry_the_brand_except_the_default():
    assert output_name("doc", "th", "trifold-a4", "home") == "doc-th-trifold-a4-home.pdf"
    assert output_name("doc", "th", "trifold-a4", "home", "example-partner") == "doc-example-partner-th-trifold-a4-home.pdf"


def test_items_are_the_whole_matrix_in_a_stable_order():
    options = BuildOptions(doc=DOC, langs=("en", "th"), layouts=("trifold-letter",), profiles=("home", "commercial"),
                           brands=("default", "b.yaml"))
    items = options.items()
    assert len(items) == 2 * 2 * 1 * 2 and len(set(items)) == len(items)
    assert items[0] == BuildItem("default", "en", "trifold-letter", "home")
    assert items[-1] == BuildItem("b.yaml", "th", "trifold-letter", "commercial")
    assert str(items[0]) == "en trifold-letter home" and str(items[-1]) == "b th trifold-letter commercial"


def test_brand_folder_builds_every_combination_with_distinct_names(tmp_path):
    brands = brand_folder(tmp_path)
    out = tmp_path / "out"
    result = run("build", "--brand", f"{brands},default", "--lang", "en,fr", "--layout", "trifold-letter",
                 "--print", "home,commercial", "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    expected = sorted(f"{DOC_ID}-{brand}{lang}-trifold-letter-{profile}.pdf"
                      for brand in ("alpha-", "beta-", "gamma-", "") for lang in ("en", "fr")
                      for profile in ("home", "commercial"))
    assert written == expected
    # stderr is not a terminal here: no progress line, only the summary.
    assert "\r" not in result.stderr
    assert "built 16 PDFs (4 brands x 2 languages x 1 layout x 2 print profiles) in " in result.stderr


def test_brand_all_is_every_brand_file_in_brands():
    from pamphlet.cli import _brands
    from pamphlet.partner.brand import available_brands

    assert _brands("all") == tuple(available_brands())
    assert "default" in _brands("all")


def test_brands_with_the_same_file_name_are_refused(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    for folder in (one, two):
        (folder / "local.yaml").write_text((ROOT / "brands" / "default.yaml").read_text())
    options = BuildOptions(doc=DOC, langs=("en",), layouts=("trifold-letter",), out_dir=tmp_path / "out",
                           brands=(str(one / "local.yaml"), str(two / "local.yaml")))
    with pytest.raises(PamphletError, match="would write the same file names \\('local'\\)"):
        build(options)
    assert not (tmp_path / "out").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_counts_names_the_item_and_the_time():
    stream, ticks = _Terminal(), iter([0.0, 1.5, 2.4])
    progress = Progress(3, stream, clock=lambda: next(ticks))
    progress.start(0, BuildItem("partner", "th", "booklet-a4", "home"))
    progress.start(1, BuildItem("default", "th", "trifold-a4", "home"))
    progress.finish()
    first, second = "[1/3] partner th booklet-a4 home  1.5 s", "[2/3] th trifold-a4 home  2.4 s"
    # Each line is drawn over the last (padded to its length), then cleared.
    assert stream.getvalue() == (f"\r{first}\r" f"\r{second.ljust(len(first))}\r" f"\r{' ' * len(second)}\r")


@pytest.mark.parametrize("stream, quiet", [(io.StringIO(), False), (_Terminal(), True)])
def test_no_progress_line_off_a_terminal_or_when_quiet(stream, quiet):
    progress = Progress(5, stream, quiet=quiet)
    progress.start(0, BuildItem("default", "en", "trifold-letter", "home"))
    progress.finish()
    assert stream.getvalue() == ""


def test_summary_counts_each_dimension(tmp_path):
    from pamphlet.pipeline import BuildResult

    def result(brand, lang, warnings=()):
        return BuildResult(tmp_path / "x.pdf", "doc", lang, "trifold-letter", "home", brand, 2, 6, (1, 1), 9, warnings)

    line = summary([result("default", "en"), result("partner", "en", ("w",)), result("partner", "th")], 12.34)
    assert line == "built 3 PDFs (2 brands x 2 languages x 1 layout x 1 print profile) in 12.3 s, 1 warning(s)"
    assert re.fullmatch(r"built 1 PDF \(.*\) in 0\.0 s", summary([result("default", "en")], 0.01))


def test_summary_counts_the_screen_edition_apart(tmp_path):
    """It has no print profile: 4 layouts x 2 profiles and the screen edition make 9 PDFs, not '5 x 3'."""
    from pamphlet.pipeline import BuildResult

    results = [BuildResult(tmp_path / "x.pdf", "doc", "th", layout, profile, "default", 2, 6, (1, 1), 9)
               for layout in ("trifold-letter", "trifold-a4", "booklet-letter", "booklet-a4")
               for profile in ("home", "commercial")]
    results.append(BuildResult(tmp_path / "s.pdf", "doc", "th", "screen", "screen", "default", 18, 18, (1, 1), 11))
    assert summary(results, 1.0) == ("built 9 PDFs (1 brand x 1 language x 4 layouts x 2 print profiles, "
                                     "and the screen edition) in 1.0 s")
    draft = "th.yaml: 64 of 64 blocks are a draft translation awaiting review"
    said_once = [BuildResult(tmp_path / f"{n}.pdf", "doc", "th", "trifold-letter", "home", "default", 2, 6, (1, 1), 9,
                             (draft, "logo at 200 ppi"), content_warnings=(draft,)) for n in range(3)]
    assert summary(said_once, 1).endswith(", 4 warning(s)")  # the translation's warning is said once, as printed


def test_list_names_the_brands():
    result = run("list")
    assert result.returncode == 0
    assert "brands:" in result.stdout and "example-partner      brands/example-partner.yaml" in result.stdout


def test_brand_all_with_three_brands_builds_every_combination(tmp_path):
    """A partner's own project folder (its own brands/, the shared data linked
    in): --brand all is its three brands, every file named apart."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("layouts", "text", "fonts", "profiles"):
        (root / name).symlink_to(ROOT / name)
    brand_folder(root)  # root/brands: alpha, beta, gamma
    result = run("build", "--brand", "all", "--lang", "en,th", "--layout", "trifold-letter,booklet-letter", cwd=root)
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (root / "out").iterdir())
    assert written == sorted(f"{DOC_ID}-{brand}-{lang}-{layout}-home.pdf" for brand in ("alpha", "beta", "gamma")
                             for lang in ("en", "th") for layout in ("trifold-letter", "booklet-letter"))
    assert "built 12 PDFs (3 brands x 2 languages x 2 layouts x 1 print profile)" in result.stderr
    for brand in ("alpha", "beta", "gamma"):  # each its own edition: its name on the cover and back
        text = poppler_text(root / "out" / f"{DOC_ID}-{brand}-th-booklet-letter-home.pdf")
        assert brand.title() in text and all(other.title() not in text for other in ("alpha", "beta", "gamma") if other != brand)
