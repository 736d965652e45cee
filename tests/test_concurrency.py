"""Builds at the same time, and caches that went bad.

Two builds writing the same output folder and filling the same empty cache
at once (one of them on a pool of worker processes, ``--jobs 2``) must both
end with the PDFs a lone build in one process makes, byte for byte; a
reader watching the folder meanwhile never sees a half-written PDF; and
every cache entry left behind is whole. A cache entry that is garbage, empty
or of the wrong kind of file, and a cache folder that cannot be used at all,
only cost time: the build gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

ARGS = ("build", "--lang", "th,zh-Hans", "--layout", "trifold-letter", "--quiet")
NAMES = ("understanding-migrant-sex-workers-th-trifold-letter-home.pdf",
         "understanding-migrant-sex-workers-zh-Hans-trifold-letter-home.pdf")


def start_build(out: Path, cache: Path, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("PAMPHLET_ROOT", "PAMPHLET_NO_CACHE")}
    env["PAMPHLET_CACHE"] = str(cache)
    return subprocess.Popen([sys.executable, str(ROOT / "make_pamphlet.py"), *ARGS, *extra, "--out", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> None:
    stdout, stderr = process.communicate()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr


def pdfs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


def whole_entries(cache: Path) -> int:
    """Every entry in the cache is whole: the header's digest matches the
    payload; the Thai word file is JSON whose words spell their runs. Returns
    how many entries were checked."""
    checked = 0
    for path in cache.rglob("*"):
        if not path.is_file():
            continue
        assert not path.name.startswith("."), f"temporary file left behind: {path}"
        data = path.read_bytes()
        if path.suffix == ".json":
            words = json.loads(data)
            assert all("".join(split) == run for run, split in words.items()), path
        else:
            header, _, rest = data.partition(b"\n")
            assert header.startswith(b"pamphlet-cache "), path
            assert hashlib.sha256(rest[32:]).digest() == rest[:32], f"damaged entry: {path}"
        checked += 1
    return checked


class Lone(dict):
    """The PDFs one build makes on its own (name -> bytes), and the cache it filled."""

    cache: Path


@pytest.fixture(scope="module")
def lone_build(tmp_path_factory) -> Lone:
    folder = tmp_path_factory.mktemp("lone")
    finish(start_build(folder / "out", folder / "cache", "--jobs", "1"))
    found = Lone(pdfs(folder / "out"))
    found.cache = folder / "cache"
    return found


def test_two_builds_into_one_folder_sharing_one_cache(lone_build, tmp_path):
    """One build in one process, one on a pool of two (--jobs 2): four processes filling one cache."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    builds = [start_build(out, cache, "--jobs", "1"), start_build(out, cache, "--jobs", "2")]
    seen = 0
    while any(b.poll() is None for b in builds):  # a reader watching the folder meanwhile
        for path in out.glob("*.pdf") if out.is_dir() else ():
            data = path.read_bytes()
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), f"half-written: {path}"
            seen += 1
        time.sleep(0.05)
    for b in builds:
        finish(b)
    assert pdfs(out) == lone_build
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)  # no temporary file left
    assert whole_entries(cache) > 10
    # And the cache they filled together is one a third build can use.
    finish(start_build(tmp_path / "again", cache, "--jobs", "2"))
    assert pdfs(tmp_path / "again") == lone_build


def _spoil(path: Path, how: str) -> None:
    if how == "garbage":
        path.write_bytes(bytes((n * 7919) % 251 for n in range(4096)))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "another version":
        header, _, rest = path.read_bytes().partition(b"\n")
        path.write_bytes(header + b".old\n" + rest)
    elif how == "a folder":
        path.unlink()
        path.mkdir()
        (path / "inside").write_bytes(b"x")


SPOILS = ("garbage", "empty", "another version", "a folder")


def test_spoilt_cache_entries_are_never_used(lone_build, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(lone_build.cache, cache)  # a warm cache of our own to spoil
    spoilt = sorted(p for p in cache.rglob("*") if p.is_file())
    assert len({p.parent.name for p in spoilt}) >= 5  # shaped texts, font subsets, sheets, preflight, digests
    for n, path in enumerate(spoilt):
        if path.suffix == ".json":  # Thai words: JSON of the wrong shape
            path.write_text('{"not": "a segmentation", "วัน": 5, "ที่": ["ท"]}', encoding="utf-8")
        else:
            _spoil(path, SPOILS[n % len(SPOILS)])
    finish(start_build(tmp_path / "out", cache))
    assert pdfs(tmp_path / "out") == lone_build


def test_a_cache_folder_that_cannot_be_used_only_costs_time(lone_build, tmp_path):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be")
    finish(start_build(tmp_path / "out", not_a_folder))
    assert pdfs(tmp_path / "out") == lone_build
    assert not_a_folder.read_text() == "a file where the cache folder should be"
