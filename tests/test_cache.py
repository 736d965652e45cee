"""The on-disk caches: results identical with and without them, damaged
entries detected and rebuilt (never used), concurrent writers safe, bounded,
keyed by content so an edit re-lays only what changed."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from pamphlet import cache
from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, Problems
from pamphlet.languages import language
from pamphlet.pipeline import BuildOptions, build
from pamphlet.text import shaping
from pamphlet.text.fontlibrary import bundled_library

from .conftest import DOC
from .test_content import write_doc


def forget_memory() -> None:
    """What this process remembers besides the disk (a new process starts without it): the build context."""
    from pamphlet.buildcontext import reset

    reset()


@pytest.fixture
def own_cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PAMPHLET_CACHE", str(folder))
    monkeypatch.delenv("PAMPHLET_NO_CACHE", raising=False)
    forget_memory()
    yield folder
    cache.flush()
    forget_memory()


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def build_th(out: Path) -> bytes:
    options = BuildOptions(doc=DOC, langs=("th",), layouts=("trifold-letter",), out_dir=out)
    (result,) = build(options)
    cache.flush()
    return result.path.read_bytes()


def test_damaged_entries_are_rebuilt_and_never_used(own_cache, tmp_path):
    first = build_th(tmp_path / "a")
    kinds = {p.parent.name for p in entries(own_cache)}
    assert {"shaped", "font-subsets", "sheets", "preflight", "digests", "fit", "qr", "art", "art-sizes", "yaml"} <= kinds, kinds

    damaged = entries(own_cache)
    for n, path in enumerate(damaged):
        data = bytearray(path.read_bytes())
        if path.suffix == ".json":  # Thai words: valid JSON whose words no longer spell their run
            words = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps({run: [w[:-1] for w in split] for run, split in words.items()}), encoding="utf-8")
        elif n % 2:
            data[len(data) // 2] ^= 0x40  # one flipped bit in the payload
            path.write_bytes(bytes(data))
        else:
            path.write_bytes(bytes(data[: len(data) // 3]))  # cut short, as by a full disk
    forget_memory()
    assert build_th(tmp_path / "b") == first

    # Every damaged entry was detected and written again, whole.
    for path in damaged:
        if path.suffix == ".json":
            continue
        folder_cache = cache.DiskCache(path.parent.name, _version(path), limit=10**6)
        assert folder_cache.get(path.name) is not None, path


def _version(path: Path) -> str:
    header = path.read_bytes().split(b"\n", 1)[0].split(b" ")
    return header[2].decode()


def test_no_cache_reads_and_writes_nothing_and_gives_the_same_pdf(own_cache, tmp_path, monkeypatch):
    cached = build_th(tmp_path / "a")
    forget_memory()
    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path / "unused"))
    monkeypatch.setenv("PAMPHLET_NO_CACHE", "1")
    assert build_th(tmp_path / "b") == cached
    assert not (tmp_path / "unused").exists()


def test_the_cli_no_cache_switch(own_cache, tmp_path, monkeypatch):
    from .cli_harness import invoke

    monkeypatch.setenv("PAMPHLET_NO_CACHE", "")  # restored after the test: the switch sets it
    outcome = invoke("build", "--layout", "trifold-letter", "--out", tmp_path / "out", "--no-cache", "--quiet")
    assert outcome.code == 0, outcome.stderr
    assert os.environ["PAMPHLET_NO_CACHE"] == "1"
    assert not own_cache.exists()


def _writer(folder: str, payload: bytes, rounds: int) -> None:
    os.environ["PAMPHLET_CACHE"] = folder
    store = cache.DiskCache("race", "1", limit=100)
    for _ in range(rounds):
        store.put("same-entry", payload)


def test_two_processes_filling_one_entry_never_leave_a_broken_one(tmp_path, monkeypatch):
    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path))
    payloads = [bytes([n]) * 300_000 for n in (1, 2)]
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_writer, args=(str(tmp_path), p, 60)) for p in payloads]
    for w in writers:
        w.start()
    store = cache.DiskCache("race", "1", limit=100)
    seen = set()
    while any(w.is_alive() for w in writers):
        found = store.get("same-entry")
        assert found is None or found in payloads
        seen.add(found)
    for w in writers:
        w.join()
        assert w.exitcode == 0
    assert store.get("same-entry") in payloads
    assert not [p for p in (tmp_path / "race").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_caches_are_bounded_and_versioned(tmp_path, monkeypatch):
    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path))
    store = cache.DiskCache("bounded", "1", limit=8)
    for n in range(300):
        store.put(f"k{n}", b"x")
        assert len(list((tmp_path / "bounded").iterdir())) <= 8 + 8 // 4  # pruned every quarter of the limit
    store.prune()
    assert len(list((tmp_path / "bounded").iterdir())) <= 8
    newer = cache.DiskCache("bounded", "2", limit=8)
    store.put("shared", b"old format")
    assert newer.get("shared") is None  # an entry another version wrote is a miss
    assert store.get("shared") is None  # ... and it was removed



def test_pruning_survives_entries_removed_by_another_process(tmp_path, monkeypatch):
    """Two workers prune the same folder: an entry listed, then removed by
    the other before it is looked at, is skipped (it raised FileNotFoundError)."""
    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path))
    filler = cache.DiskCache("shared-prune", "1", limit=100)
    for n in range(12):
        filler.put(f"k{n}", b"x")
    store = cache.DiskCache("shared-prune", "1", limit=4)
    listed = cache.os.scandir

    def listing_then_removal(folder):
        entries = list(listed(folder))
        for entry in entries[::2]:
            Path(entry.path).unlink()  # what the other process pruned meanwhile
        return iter(entries)

    monkeypatch.setattr(cache.os, "scandir", listing_then_removal)
    store.prune()
    monkeypatch.undo()
    assert len(list((tmp_path / "shared-prune").iterdir())) <= 4

def _values_and_lines(value) -> object:
    """A parsed file with every line it remembers, to compare two reads of it whole."""
    from pamphlet.yamlsource import LList, LMap

    if isinstance(value, LMap):
        return ("map", value.line, [(type(k).__name__, k, value.line_of(k), _values_and_lines(v)) for k, v in value.items()])
    if isinstance(value, LList):
        return ("list", value.line, value.item_lines, [_values_and_lines(v) for v in value])
    return (type(value).__name__, value, getattr(value, "line", None))


def test_a_yaml_file_read_back_from_the_cache_has_the_same_values_and_lines(own_cache, tmp_path):
    from pamphlet.yamlsource import load

    for name in ("en.yaml", "th.yaml"):
        fresh = load(DOC / name)
        assert (own_cache / "yaml").is_dir()
        recalled = load(DOC / name)
        assert recalled is not fresh
        assert _values_and_lines(recalled) == _values_and_lines(fresh)


def test_a_yaml_file_with_a_problem_is_never_kept(own_cache, tmp_path):
    from pamphlet.errors import PamphletError
    from pamphlet.yamlsource import load

    path = tmp_path / "twice.yaml"
    path.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PamphletError, match="duplicate key 'a'"):
            load(path)
    assert not (own_cache / "yaml").exists()


def test_shaping_is_keyed_by_content_not_by_where_it_was_written(own_cache):
    lang, library = language("th"), bundled_library()
    spans = (Span("ภาษาไทย "), Span("ตัวหนา", strong=True))
    first = shaping.shape_text(Text(spans, Location(Path("a.yaml"), 3)), lang, library, Problems(), "one")
    moved = shaping.shape_text(Text(spans, Location(Path("a.yaml"), 9)), lang, library, Problems(), "two")
    assert moved is first
    forget_memory()  # the shaped text comes back from the disk cache
    from_disk = shaping.shape_text(Text(spans, Location(Path("b.yaml"), 1)), lang, library, Problems(), "three")
    assert from_disk is not first
    assert from_disk == first  # glyphs, advances, faces and breaks all equal


def test_a_text_with_problems_is_reported_where_it_is_now(own_cache):
    lang, library = language("en"), bundled_library()
    spans = (Span("Hello \U0001F98B"),)
    for line in (3, 7):
        problems = Problems()
        shaping.shape_text(Text(spans, Location(Path("a.yaml"), line)), lang, library, problems, f"block{line}")
        assert problems.items and all(p.where.line == line and f"block{line}" in p.message for p in problems.items)


PARAGRAPHS = ["Sex work is work, and workers are entitled to safety and dignity.",
              "Migrant workers face particular barriers to justice and to health care.",
              "We work for decriminalisation, because criminal laws put workers at risk."]


def test_an_edit_reshapes_only_the_text_that_changed(own_cache, tmp_path, monkeypatch):
    blocks = "".join(f"  - {{id: p{n}, type: paragraph, text: \"{text}\"}}\n" for n, text in enumerate(PARAGRAPHS))
    source = ("document: {id: demo, lang: en, title: Demo}\n"
              "editions:\n  trifold: {cover: [cover], flow: [p0, p1, p2], back: []}\n"
              "blocks:\n  - {id: cover, type: title, text: Demo}\n" + blocks)
    folder = write_doc(tmp_path, source)
    options = BuildOptions(doc=folder, langs=("en",), layouts=("trifold-letter",), out_dir=tmp_path / "out")
    build(options)

    shaped: list[str] = []
    real = shaping._shape_text

    def counting(text, *args):
        shaped.append(text.plain)
        return real(text, *args)

    monkeypatch.setattr(shaping, "_shape_text", counting)
    edited = source.replace("entitled to safety", "entitled to safety, respect").replace(
        "  - {id: p0,", "  # a comment that moves every later block down a line\n  - {id: p0,")
    (folder / "en.yaml").write_text(edited, encoding="utf-8")
    build(options)
    assert shaped == [PARAGRAPHS[0].replace("safety", "safety, respect")]


@pytest.mark.parametrize("profile", ["home", "commercial"])
def test_vector_art_drawn_from_the_cache_gives_the_same_bytes(own_cache, tmp_path, monkeypatch, profile):
    """The cover's SVG mark, drawn by svglib the first time and from the
    cache's operators after (in CMYK too, where drawing raises the PDF version)."""
    def pdf(out):
        options = BuildOptions(doc=DOC, langs=("ja",), layouts=("trifold-letter",), profiles=(profile,), out_dir=out)
        (result,) = build(options)
        return result.path.read_bytes()

    first = pdf(tmp_path / "a")
    assert list((own_cache / "art").iterdir()), "the mark's operators were kept"
    forget_memory()
    assert pdf(tmp_path / "b") == first
    monkeypatch.setenv("PAMPHLET_NO_CACHE", "1")
    forget_memory()
    assert pdf(tmp_path / "c") == first


def _imported_modules(source: Path, package: str) -> set[str]:
    """pamphlet's modules a module imports (at its top or inside functions), as paths like 'partner/brand.py'."""
    import ast

    root = Path(cache.__file__).parent
    found = set()
    for node in ast.walk(ast.parse(source.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[:len(package.split(".")) - node.level + 1]
            names = [".".join(base + (node.module.split(".") if node.module else []))]
            names += [f"{names[0]}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] != "pamphlet":
                continue
            relative = "/".join(parts[1:])
            if (root / relative).is_dir():
                found.add(relative)
            elif (root / f"{relative}.py").is_file():
                found.add(f"{relative}.py")
    return found


def test_the_preflight_key_covers_every_module_the_checks_import():
    from pamphlet.check.verdictcache import VERDICT_CODE

    root = Path(cache.__file__).parent
    imported = set()
    for module in sorted((root / "check").glob("*.py")):
        imported |= _imported_modules(module, "pamphlet.check")
    covered = lambda name: any(name == part or name.startswith(part.rstrip("/") + "/") for part in VERDICT_CODE)  # noqa: E731
    assert "partner/brand.py" in imported  # SINGLE_PLATE_BELOW
    assert {name for name in imported if not covered(name)} <= {"cache.py"}, imported


_VERDICT = """
import json, sys
from pamphlet.check.verdictcache import checked
from pamphlet.profiles import load_profile
findings = checked(open(sys.argv[1], "rb").read(), load_profile("commercial"))
print(json.dumps([f.message for f in findings]))
"""


def test_a_cached_preflight_verdict_is_not_read_once_the_single_plate_size_changes(tmp_path):
    """The verdict of a PDF with 14 pt text on three plates, checked by a copy
    of pamphlet, then by the same copy with SINGLE_PLATE_BELOW raised to 100 pt:
    the second must find the text (a stale cached pass would not)."""
    import shutil
    import subprocess
    import sys

    from reportlab.pdfgen import canvas

    pdf = tmp_path / "heading.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(300, 200))
    page.setFillColorCMYK(0.70, 0.95, 0.0, 0.05)
    page.setFont("Helvetica", 14)
    page.drawString(40, 100, "A heading in brand purple")
    page.save()

    source = Path(cache.__file__).parent
    copy = tmp_path / "code" / "pamphlet"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(copy.parent), "PAMPHLET_ROOT": str(source.parent),
           "PAMPHLET_CACHE": str(tmp_path / "cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PAMPHLET_NO_CACHE", None)

    def verdict() -> list[str]:
        run = subprocess.run([sys.executable, "-c", _VERDICT, str(pdf)], cwd=copy.parent, env=env,
                             capture_output=True, text=True, check=True)
        return json.loads(run.stdout)

    on_plates = lambda messages: [m for m in messages if "pt on 3 plates" in m]  # noqa: E731
    assert not on_plates(verdict())  # 14 pt: not small text
    assert not on_plates(verdict())  # the same verdict, from the cache
    brand = copy / "partner" / "brand.py"
    text = brand.read_text()
    assert "SINGLE_PLATE_BELOW = 12.0" in text
    brand.write_text(text.replace("SINGLE_PLATE_BELOW = 12.0", "SINGLE_PLATE_BELOW = 100.0"))
    found = on_plates(verdict())
    assert len(found) == 1 and found[0].startswith("text at 14.0 pt on 3 plates"), found


# Modules a warm home build of the default brand has no use for: the imposer
# and preflight (their results are cached), font subsetting, the image
# reader (the default brand has no logo), the status command's counts and
# the readers of a partner's parts and a logo (the default brand has
# neither), and of vector art (its size and operators are cached).
NOT_LOADED_WARM = ("pypdf", "fontTools", "pamphlet.impose.apply", "pamphlet.impose.marks", "pamphlet.check.preflight",
                   "pamphlet.imagefile", "pamphlet.translate.status", "pamphlet.partner.partfile", "pamphlet.partner.values",
                   "pamphlet.partner.logo", "pamphlet.content.vectorart")
# Modules an English build never needs, cold or warm: ICU (word dictionaries
# of Burmese, Khmer and Lao) and the Zawgyi detector (Burmese text).
NEVER_LOADED_EN = ("icu", "myanmartools")


def test_a_warm_build_loads_none_of_the_stages_its_caches_spare(tmp_path):
    """The second of two identical builds, each a process of its own, finds
    its sheets, verdict, subsets and shaped text cached and imports none of
    the modules that would make them."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pamphlet.cli import main\n"
        "try:\n"
        "    main(['build', '--quiet', '--lang', 'en', '--layout', 'trifold-letter', '--out', sys.argv[1]])\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        f"print('loaded:', *(m for m in {NOT_LOADED_WARM + NEVER_LOADED_EN!r} if m in sys.modules))\n"
    )
    env = dict(os.environ, PAMPHLET_CACHE=str(tmp_path / "cache"))
    root = Path(__file__).resolve().parent.parent
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / "out")], capture_output=True, text=True,
                           env=env, cwd=root) for _ in range(2)]
    cold, warm = (run.stdout.rpartition("loaded:")[2].split() for run in runs)
    assert {"pypdf", "fontTools", "pamphlet.impose.apply"} <= set(cold), runs[0].stderr  # the stages ran
    assert not set(NEVER_LOADED_EN) & set(cold), cold
    assert warm == [], runs[1].stderr
