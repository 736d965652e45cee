#!/usr/bin/env python3
"""Benchmark: build time, peak memory and PDF size per language and layout.

Peak memory is the process's peak resident set after each build (it only
grows), so the last row of a run is the peak of the whole matrix.

Runs the whole matrix (all languages x all layouts, home print) in one
process twice: first with an empty font-subset cache (cold), then again with
the cache it filled (warm). Prints one table per run and the totals.

    python bench/bench.py [--langs en,th] [--layouts trifold-letter] [--print home]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_matrix(langs: list[str], layouts: list[str], profile: str, out: Path) -> None:
    """Child process: build each PDF, print one JSON line per build."""
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    from pamphlet.pipeline import BuildOptions, build_one

    imported = time.perf_counter() - started
    print(json.dumps({"import_s": imported}), flush=True)
    options = BuildOptions(doc=ROOT / "text" / "understanding-migrant-sex-workers", langs=tuple(langs),
                           layouts=tuple(layouts), profiles=(profile,), out_dir=out)
    for lang in langs:
        for layout in layouts:
            t = time.perf_counter()
            result = build_one(options, lang, layout)
            elapsed = time.perf_counter() - t
            print(json.dumps({"lang": lang, "layout": layout, "s": elapsed, "rss_mib": _max_rss_mib(),
                              "kb": result.path.stat().st_size / 1024}), flush=True)
    print(json.dumps({"total_s": time.perf_counter() - started, "max_rss_mib": _max_rss_mib()}), flush=True)


def _max_rss_mib() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", default="en,fr,es,tl,vi,th,ko,ja,zh-Hans,zh-Hant")
    parser.add_argument("--layouts", default="trifold-letter,trifold-a4,booklet-letter,booklet-a4")
    parser.add_argument("--print", dest="profile", default="home")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    langs, layouts = args.langs.split(","), args.layouts.split(",")
    if args.child:
        run_matrix(langs, layouts, args.profile, Path(args.out))
        return
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, PAMPHLET_CACHE=cache)
        for label in ("cold (empty font cache)", "warm (font cache filled)"):
            t = time.perf_counter()
            child = subprocess.run([sys.executable, __file__, "--child", "--langs", args.langs, "--layouts",
                                    args.layouts, "--print", args.profile, "--out", out],
                                   env=env, capture_output=True, text=True, check=True)
            wall = time.perf_counter() - t
            rows = [json.loads(line) for line in child.stdout.splitlines()]
            builds = [r for r in rows if "lang" in r]
            summary = rows[-1]
            print(f"\n== {label}: {len(builds)} PDFs, {summary['total_s']:.2f} s in one process "
                  f"(imports {rows[0]['import_s']:.2f} s; {wall:.2f} s with interpreter start), "
                  f"max RSS {summary['max_rss_mib']:.0f} MiB")
            print(f"{'lang':8} {'layout':16} {'build s':>8} {'peak RSS MiB':>13} {'PDF KB':>8}")
            for r in builds:
                print(f"{r['lang']:8} {r['layout']:16} {r['s']:8.3f} {r['rss_mib']:13.0f} {r['kb']:8.0f}")
            slowest = max(builds, key=lambda r: r["s"])
            print(f"slowest build: {slowest['lang']} {slowest['layout']} {slowest['s']:.3f} s; "
                  f"largest PDF: {max(r['kb'] for r in builds):.0f} KB")


if __name__ == "__main__":
    main()
