"""watch: a save rebuilds the PDF; a broken save keeps the last good one."""

from __future__ import annotations

import queue
import threading
import time

from pamphlet.pipeline import BuildOptions
from pamphlet.watch import Watcher

from .conftest import poppler_text, squash
from .translation_copies import copy_document, edit


def next_event(events: queue.Queue, timeout: float = 60.0):
    return events.get(timeout=timeout)


def saved(path, old, new):
    time.sleep(0.02)  # a new modification time even on coarse clocks
    edit(path, old, new)


def test_watch_rebuilds_on_save_and_keeps_the_last_good_pdf(tmp_path):
    folder = copy_document(tmp_path)
    options = BuildOptions(doc=folder, langs=("fr",), layouts=("trifold-letter",), out_dir=tmp_path / "out")
    events: queue.Queue = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=Watcher(options).run, args=(events.put, stop, 0.05), daemon=True)
    thread.start()
    try:
        first = next_event(events)
        assert first.path is not None and first.problems == () and first.changed == ()
        pdf = first.path

        saved(folder / "fr.yaml", "conséquence directe", "conséquence tout à fait directe")
        rebuilt = next_event(events)
        assert rebuilt.path == pdf and [p.name for p in rebuilt.changed] == ["fr.yaml"]
        assert squash("tout à fait directe") in squash(poppler_text(pdf))
        good = pdf.read_bytes()

        saved(folder / "fr.yaml", "conséquence tout à fait directe", "conséquence **tout à fait directe")
        broken = next_event(events)
        assert broken.path is None
        assert any("fr.yaml:" in p and "'**'" in p and "never closed" in p for p in broken.problems), broken.problems
        assert pdf.read_bytes() == good  # the last good PDF is kept

        saved(folder / "fr.yaml", "conséquence **tout à fait directe", "conséquence directe")
        fixed = next_event(events)
        assert fixed.path == pdf and squash("tout à fait directe") not in squash(poppler_text(pdf))
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_watch_sees_the_english_and_layout_files(tmp_path):
    folder = copy_document(tmp_path)
    watcher = Watcher(BuildOptions(doc=folder, langs=("th",), layouts=("booklet-a4",), out_dir=tmp_path / "out"))
    names = {p.name for p in watcher.files()}
    assert {"en.yaml", "th.yaml", "booklet-a4.yaml", "default.yaml", "home.yaml"} <= names
    saved(folder / "en.yaml", "a direct result of", "a direct consequence of")
    assert [p.name for p in watcher.changes()] == ["en.yaml"]
    assert watcher.changes() == ()
