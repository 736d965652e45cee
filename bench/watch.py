#!/usr/bin/env python3
"""Benchmark: the watch loop's rebuild after a one-word edit.

Copies the flagship document to a temporary folder, builds once (the first
build of a process loads fonts and dictionaries), then edits one word of the
translation and rebuilds, again and again, through the watch command's own
rebuild (the normal build path, caches warm). Prints the median and slowest
rebuild per language and layout, in wall-clock seconds and in this
process's CPU seconds (closer to an idle machine's figure when other work
shares the cores; the load average is printed too).

    python bench/watch.py [--langs th,ja,fr] [--layouts trifold-letter] [--edits 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pamphlet.pipeline import BuildOptions  # noqa: E402
from pamphlet.watch import Watcher  # noqa: E402

DOC = ROOT / "text" / "understanding-migrant-sex-workers"


def one_word_edits(path: Path, count: int):
    """Yield after each save: a word added to the start of the 'violence'
    block's text, then taken away again."""
    text = path.read_text(encoding="utf-8")
    start = text.index("text:", text.index("  violence:")) + len("text:")
    while text[start] in ' "':
        start += 1
    if text[start] in ">|":  # a block scalar: its text starts on the next line
        start = text.index("\n", start) + 1
        while text[start] == " ":
            start += 1
    for n in range(count):
        path.write_text(text if n % 2 else text[:start] + "word " + text[start:], encoding="utf-8")
        yield


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="th,ja,fr")
    parser.add_argument("--layouts", default="trifold-letter,booklet-letter")
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / DOC.name
        shutil.copytree(DOC, folder)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'lang':8} {'layout':16} {'first s':>8} {'median s':>9} {'max s':>7} {'median cpu s':>13}")
        for lang in args.langs.split(","):
            for layout in args.layouts.split(","):
                options = BuildOptions(doc=folder, langs=(lang,), layouts=(layout,), out_dir=Path(tmp) / "out")
                watcher = Watcher(options)
                started = time.perf_counter()
                first = watcher.rebuild()
                first_s = time.perf_counter() - started
                assert first.path is not None, first.problems
                times, cpu = [], []
                for _ in one_word_edits(folder / f"{lang}.yaml", args.edits):
                    cpu_start = time.process_time()
                    event = watcher.rebuild(watcher.changes())
                    cpu.append(time.process_time() - cpu_start)
                    assert event.path is not None, event.problems
                    times.append(event.seconds)
                print(f"{lang:8} {layout:16} {first_s:8.3f} {statistics.median(times):9.3f} {max(times):7.3f} "
                      f"{statistics.median(cpu):13.3f}")


if __name__ == "__main__":
    main()
