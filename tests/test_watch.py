"""watch: a save rebuilds the PDF; a broken save keeps the last good one."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

from pamphlet.content.load import load_document
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


def test_watch_command_prints_each_build_and_stops_on_ctrl_c(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    from .conftest import ROOT

    folder = copy_document(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PAMPHLET_ROOT"}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "make_pamphlet.py"), "watch", "--doc", str(folder), "--lang", "es",
         "--layout", "trifold-a4", "--out", str(tmp_path / "out")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        # Ctrl-C as at a terminal, even when this test runs under a shell that started it in the background
        # (which ignores SIGINT, and the watch would inherit that and never stop).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True)
    reader.start()

    def until(word: str) -> list[str]:
        seen = []
        while True:
            line = lines.get(timeout=60)
            seen.append(line)
            if word in line:
                return seen

    try:
        until("watching")
        first = until(" built ")
        assert "understanding-migrant-sex-workers-es-trifold-a4-home.pdf in " in first[-1]
        n = len(load_document(folder, "en").blocks)
        assert any(f"es.yaml: {n} of {n} blocks are a draft translation" in line for line in until("warning"))
        saved(folder / "es.yaml", "  lang: es\n", "  lang: fr\n")
        broken = until("NOT built")
        assert "after saving es.yaml" in broken[-1]
        assert "es.yaml" in until("lang is 'fr'")[-1]
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    reader.join(timeout=5)
    assert process.returncode == 0


def test_watch_report_says_a_warning_once_until_it_comes_back():
    from pamphlet.watch import EventReport, WatchEvent

    report = EventReport()
    built = lambda *warnings: WatchEvent("10:00:00", 0.1, (Path("th.yaml"),), Path("out/a.pdf"), warnings=warnings)
    first = report.lines(built("th.yaml: 2 blocks stale"))
    assert first == ["10:00:00  built out/a.pdf in 0.10 s after saving th.yaml", "10:00:00  warning: th.yaml: 2 blocks stale"]
    assert report.lines(built("th.yaml: 2 blocks stale")) == first[:1]
    assert report.lines(built()) == first[:1]
    assert report.lines(built("th.yaml: 2 blocks stale")) == first
    broken = report.lines(WatchEvent("10:00:01", 0.05, (Path("th.yaml"),), None, ("th.yaml:3: tab; expected spaces",)))
    assert broken == ["10:00:01  NOT built after saving th.yaml (0.05 s); the last good PDF is kept:",
                      "  th.yaml:3: tab; expected spaces"]


def test_watch_takes_one_language_and_says_so():
    from click.testing import CliRunner

    from pamphlet.cli import main

    result = CliRunner().invoke(main, ["watch", "--lang", "th,fr", "--layout", "trifold-letter"])
    assert result.exit_code == 2
    assert "'th,fr' names more than one; expected one language: en," in result.output
