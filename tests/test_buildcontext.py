"""The build context: what a process remembers between builds, forgotten by one reset."""

from __future__ import annotations

from pamphlet.buildcontext import CONTEXT, Memo, reset
from pamphlet.pipeline import BuildOptions, build_one

from .conftest import DOC


def test_a_reset_forgets_everything_a_build_remembered(tmp_path):
    options = BuildOptions(doc=DOC, langs=("th",), layouts=("trifold-letter",), out_dir=tmp_path)
    first = build_one(options, "th", "trifold-letter").path.read_bytes()
    held = CONTEXT.held()
    for name in ("memo shaped texts", "memo broken lines", "memo font faces", "memo file digests",
                 "loader pamphlet.layouts.load_layout", "loader pamphlet.profiles.load_profile",
                 "loader pamphlet.partner.brand.load_brand", "loader pamphlet.text.fontlibrary.bundled_library",
                 "loader pamphlet.content.load._load_cached", "loader pamphlet.languages.languages"):
        assert held.get(name), f"{name} held nothing after a build: {held}"
    reset()
    assert not {name: n for name, n in CONTEXT.held().items() if n}, "a reset left something remembered"
    again = build_one(options, "th", "trifold-letter")  # everything is loaded again, as in a new process
    assert again.path.read_bytes() == first
    assert CONTEXT.held()["memo shaped texts"], "the build after a reset remembers again"


def test_a_memo_stays_bounded():
    memo = Memo(limit=3)
    for n in range(4):
        memo.keep(n, str(n))
    assert len(memo) == 4
    assert memo.keep("next", "x") == "x" and list(memo) == ["next"]  # past its limit it starts again
