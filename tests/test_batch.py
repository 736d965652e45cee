"""Batches on several processes: the same PDFs, results and problems in item
order, progress in order, one PDF in-process."""

from __future__ import annotations

import os

import pytest

from pamphlet import batch, cache
from pamphlet.errors import PamphletError
from pamphlet.pipeline import BuildOptions, build

from .conftest import DOC
from .test_output import long_document


def _square_or_refuse(n: int):
    if n % 3 == 2:
        raise PamphletError(f"item {n} refused")
    return (n * n, os.getpid())


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_outcomes_and_progress_come_in_item_order(jobs):
    started = []
    outcomes = batch.run(list(range(8)), _square_or_refuse, jobs, lambda i, item: started.append((i, item)),
                         group_key=lambda n: n // 3)
    assert [o.result[0] if o.result else None for o in outcomes] == [0, 1, None, 9, 16, None, 36, 49]
    assert [str(p) for o in outcomes for p in o.problems] == ["item 2 refused", "item 5 refused"]
    assert started == [(i, i) for i in range(8)]
    pids = {o.result[1] for o in outcomes if o.result}
    assert (pids == {os.getpid()}) == (jobs == 1)  # a pool builds elsewhere; one job builds here


def test_one_item_builds_in_this_process_whatever_the_jobs():
    (outcome,) = batch.run([4], _square_or_refuse, jobs=4)
    assert outcome.result == (16, os.getpid())


def test_groups_keep_a_language_together_and_give_every_worker_work():
    assert batch._groups(["en", "en", "en", "th", "th", "th"], [1.0] * 6, 2) == [[0, 1, 2], [3, 4, 5]]
    split = batch._groups(["en"] * 4, [1.0] * 4, 2)
    assert sorted(i for g in split for i in g) == [0, 1, 2, 3] and len(split) == 2


def test_the_heaviest_groups_are_handed_out_first_and_split_first():
    keys = ["en", "en", "ja", "ja", "th", "th"]
    assert batch._groups(keys, [1, 1, 8, 8, 2, 2], 2) == [[2, 3], [4, 5], [0, 1]]
    assert batch._groups(["en", "en", "ja", "ja"], [1, 1, 8, 8], 3) == [[2], [3], [0, 1]]


def test_a_language_weighs_by_the_distinct_characters_of_its_text():
    from pamphlet.pipeline import _text_weight

    assert _text_weight(DOC, "zh-Hans") > 4 * _text_weight(DOC, "en") > 0
    assert _text_weight(DOC / "missing", "en") == 1.0


def test_a_matrix_on_two_processes_writes_the_same_pdfs_as_one(tmp_path, monkeypatch):
    """Cold in one process (an empty cache folder: every font subset, shaped
    text, Thai word and imposed sheet made afresh) and warm on two (the
    workers read what the first run stored): the same bytes."""
    from .test_cache import forget_memory

    def matrix(jobs, out):
        options = BuildOptions(doc=DOC, langs=("en", "th", "zh-Hans"), layouts=("trifold-letter", "booklet-a4"),
                               out_dir=out, jobs=jobs)
        return build(options)

    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("PAMPHLET_NO_CACHE", raising=False)
    forget_memory()
    one = matrix(1, tmp_path / "one")
    cache.flush()
    assert any((tmp_path / "cache" / "font-subsets").iterdir())
    forget_memory()  # the workers start with nothing in memory but what they read from the disk
    two = matrix(2, tmp_path / "two")
    assert [(r.lang, r.layout) for r in two] == [(r.lang, r.layout) for r in one]
    for a, b in zip(one, two):
        assert a.path.read_bytes() == b.path.read_bytes(), a.path.name
        assert (a.warnings, a.body_font_size_pt, a.pages) == (b.warnings, b.body_font_size_pt, b.pages)


def test_every_failed_item_is_reported_in_order_and_the_others_are_written(tmp_path):
    folder = long_document(tmp_path, 7)  # fits a booklet, not a tri-fold
    options = BuildOptions(doc=folder, langs=("en",), layouts=("trifold-letter", "booklet-letter", "trifold-a4"),
                           out_dir=tmp_path / "out", jobs=2)
    with pytest.raises(PamphletError) as info:
        build(options)
    layouts = [p.message.split("in layout '")[1].split("'")[0] for p in info.value.problems]
    assert layouts == ["trifold-letter", "trifold-a4"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["demo-en-booklet-letter-home.pdf"]
