"""The command line: ``make-pamphlet`` / ``python make_pamphlet.py``.

Exit status: 0 success; 1 a problem with the input (reported as
``file:line: what; expected``) or a failed preflight; 2 a usage error.
Results go to standard output (or JSON with ``--json``); problems and
warnings go to standard error.

This module stays thin and cheap to import: each command imports the stages
it uses inside its own body, so ``--help``, ``list`` and a plain build load
only what they need.
"""

from __future__ import annotations

import atexit
import gc
import sys
from pathlib import Path

import click

from . import choices
from .choices import Choice, UnknownChoice
from .errors import PamphletError
from .impose.paperpath import PAPER_PATHS
from .impose.sheets import IMPOSE_SHEETS, SCHEMES, SHEETS

from .projectdirs import DEFAULT_DOC
DOC_HELP = "Document folder: a name under text/, or a path to a folder holding en.yaml."

# What a command made is all given back to the system when the process ends;
# left to itself, Python's shutdown would first walk every object in full
# garbage collections and free them one by one, about a tenth of a warm
# build. Frozen objects are skipped (exit handlers, such as the caches' flush, still run).
atexit.register(gc.freeze)
DEFAULT_LAYOUTS = "trifold-letter,booklet-letter"


def _usage(option: str, call, *args):
    """A value the command line names, checked (choices.py); a wrong one is a usage error of ``option``."""
    try:
        return call(*args)
    except UnknownChoice as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def _choices(value: str, available: list[str], what: str, option: str, absent: str = "") -> tuple[str, ...]:
    return _usage(option, choices.pick, value, available, what, absent)


def _one_choice(value: str, available: list[str], what: str, option: str) -> str:
    return _usage(option, choices.pick_one, value, available, what)


def _output_folder(ctx, param, value: str) -> str:
    """--out must name a folder (or a new one), never a file."""
    from .output import folder_problem

    problem = folder_problem(Path(value))
    if problem:
        raise click.BadParameter(problem)
    return value


def _output_file(ctx, param, value: Path | None) -> Path | None:
    """-o names a file, in a folder that is, or can be, a folder."""
    from .output import folder_problem

    if value is None:
        return value
    problem = folder_problem(value.parent)
    if problem:
        raise click.BadParameter(f"cannot write {value}: {problem}")
    return value


def _doc_folder(doc: str) -> Path:
    from .projectdirs import project_root

    path = Path(doc)
    if not path.is_dir():
        candidate = project_root() / doc
        if not candidate.is_dir():
            candidate = project_root() / "text" / doc
        path = candidate
    if not (path / "en.yaml").is_file():
        raise click.BadParameter(f"{doc} is not a document folder (expected {doc}/en.yaml)", param_hint="'--doc'")
    return path


def _report_error(exc: PamphletError) -> None:
    for problem in exc.problems:
        click.echo(f"error: {problem}" if problem.where is None else str(problem), err=True)
    count = len(exc.problems)
    said = f"{count} problem{'s' if count > 1 else ''}"
    if not exc.written:
        click.echo(f"{said}; nothing was written.", err=True)
        return
    many = len(exc.written) > 1
    click.echo(f"{said}; {len(exc.written)} other PDF{'s' if many else ''} of the batch {'were' if many else 'was'} written:",
               err=True)
    for path in exc.written:
        click.echo(f"  {path}", err=True)


def _echo_json(value) -> None:
    import json  # only for --json

    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _exit_on_error(call, *args, **kwargs):
    """Run a stage; a user-facing problem is reported and exits with status 1."""
    try:
        return call(*args, **kwargs)
    except PamphletError as exc:
        _report_error(exc)
        sys.exit(1)


def _layouts(folder: Path, layout: str) -> tuple[str, ...]:
    """--layout: names, or 'all': every layout the document has an edition for."""
    from .content.load import load_document
    from .layouts import available_layouts, load_layout

    layouts = _choices(layout, available_layouts(), "layout", "'--layout'")
    if layout != "all":
        return layouts
    editions = _exit_on_error(load_document, folder, "en").editions
    return tuple(name for name in layouts if load_layout(name).edition in editions)


def _brands(value: str, option: str = "'--brand'") -> tuple[str, ...]:
    return _usage(option, choices.brands, value)


def _profiles(value: str, option: str = "'--print'") -> tuple[str, ...]:
    return _usage(option, choices.profiles, value)


def _profile(value: str, option: str = "'--print'") -> str:
    return _usage(option, choices.profile, value)


def _one_brand(value: str) -> tuple[str]:
    chosen = _brands(value)
    if len(chosen) != 1:
        raise click.BadParameter(f"{value!r} names {len(chosen)} brands; expected one", param_hint="'--brand'")
    return chosen


def run_build(doc: str, lang: str, layout: str, print_profile: str, out: str, brand: str, as_json: bool,
              booklet: str | None = None, instructions_page: bool = False, creep: str = "auto",
              quiet: bool = False, strict: bool = False, paper_path: str | None = None, jobs: int | None = None) -> None:
    from .content.load import available_languages
    from .languages import languages
    from .pipeline import BuildOptions, build
    from .progress import Progress, summary

    folder = _doc_folder(doc)
    known = _exit_on_error(languages)
    have = available_languages(folder) or list(known)
    missing = [v for v in lang.replace(" ", ",").split(",") if v in known and v not in have]
    absent = f"{folder} has no text in {{}} (no {missing[0]}.yaml)" if missing else ""
    langs = _choices(lang, have, "language", "'--lang'", absent)
    layouts = _layouts(folder, layout)
    options = BuildOptions(doc=folder, langs=langs, layouts=layouts, profiles=_profiles(print_profile), out_dir=Path(out),
                           brands=_brands(brand), booklet=booklet, instructions_page=instructions_page, creep=creep,
                           strict=strict, paper_path=paper_path, jobs=_jobs(jobs))
    progress = Progress(len(options.items()), sys.stderr, quiet=quiet)
    try:
        results = _exit_on_error(build, options, progress.start)
    finally:
        progress.finish()
    if as_json:
        _echo_json([r.as_json() for r in results])
    else:
        said: set[str] = set()
        for r in results:
            click.echo(f"wrote {r.path}  ({r.layout}, {r.lang}, {r.print}: {r.holds}, body {r.body_font_size_pt:g} pt)")
            for step in r.instructions:
                click.echo(f"  - {step}")
            for warning in r.warnings:
                if warning in r.content_warnings:
                    if warning not in said:  # once per translation file, not once per PDF
                        click.echo(f"warning: {warning}", err=True)
                    said.add(warning)
                else:
                    click.echo(f"warning: {r.path.name}: {warning}", err=True)
    if len(results) > 1:
        click.echo(summary(results, progress.elapsed()), err=True)


_build_options = [
    click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP),
    click.option("--lang", default="en", show_default=True, help="Language code, comma list, or 'all'."),
    click.option("--layout", default="all", show_default=True, help="Layout name, comma list, or 'all'."),
    click.option("--print", "print_profile", default="home", show_default=True,
                 help="Print profile (profiles/*.yaml), comma list, or 'all'."),
    click.option("--out", default="out", show_default=True, callback=_output_folder, help="Output folder."),
    click.option("--brand", default="default", show_default=True,
                 help="Brand (brands/*.yaml), a brand file, a folder of them, a comma list, or 'all' (every brand in brands/)."),
    click.option("--booklet", type=Choice(["pages", "imposed"]), default=None,
                 help="Booklets as single pages or imposed two to a sheet side (default: the print profile's)."),
    click.option("--creep", type=Choice(["auto", "on", "off"]), default="auto", show_default=True,
                 help="Imposed booklets: shift inner pages toward the spine by the paper thickness (auto: above 8 pages)."),
    click.option("--paper-path", type=Choice(list(PAPER_PATHS)), default=None,
                 help="Manual duplex (home-manual-duplex): how your printer moves paper, PRINTS-DELIVERS: the side "
                      "facing up or down in the tray is printed, and it comes out face down or face up "
                      "(test-sheet --manual tells you). Default: the profile's, up-down."),
    click.option("--instructions-page", is_flag=True,
                 help="Home print: add a first sheet (and its blank back) saying how to print and fold."),
    click.option("--strict", is_flag=True, help="Refuse translations with stale or missing blocks."),
    click.option("--json", "as_json", is_flag=True, help="Print one JSON array: an object per PDF written (README: the keys)."),
    click.option("--quiet", is_flag=True, help="No progress line on standard error."),
    click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                 help="Worker processes for a batch [default: the number of cores]; one PDF always builds in-process."),
    click.option("--no-cache", is_flag=True, expose_value=False, callback=lambda ctx, param, value: _no_cache(value),
                 help="Read and write no cache (shaped text, font subsets, sheets, preflight): compute everything."),
]


def _jobs(jobs: int | None) -> int:
    if jobs is not None:
        return jobs
    from .batch import default_jobs

    return default_jobs()


def _no_cache(value: bool) -> None:
    if value:
        from .cache import disable

        disable()


def _with_build_options(func):
    for option in reversed(_build_options):
        func = option(func)
    return func


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """Build print-ready multilingual pamphlets. With no command, builds the
    English tri-fold and booklet for a home printer into out/."""
    if ctx.invoked_subcommand is None:
        run_build(DEFAULT_DOC, "en", DEFAULT_LAYOUTS, "home", "out", "default", False)


@main.command("build")
@_with_build_options
def build_command(doc, lang, layout, print_profile, out, brand, booklet, creep, paper_path, instructions_page, strict, as_json,
                  quiet, jobs):
    """Build PDFs for brands x languages x layouts x print profiles."""
    run_build(doc, lang, layout, print_profile, out, brand, as_json, booklet, instructions_page, creep, quiet, strict,
              paper_path, jobs)


@main.command("kit")
@click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP)
@click.option("--lang", default="all", show_default=True, help="Language code, comma list, or 'all'.")
@click.option("--layout", default="all", show_default=True, help="Layout name, comma list, or 'all'.")
@click.option("--brand", default="default", show_default=True,
              help="Brand, brand file, folder of brand files, comma list, or 'all'.")
@click.option("--shop", "shop_profile", default="commercial", show_default=True,
              help="Print profile of the print-shop PDFs (profiles/*.yaml).")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for index.html, pdf/ and thumbs/.")
@click.option("--quiet", is_flag=True, help="No progress line on standard error.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for the PDFs [default: the number of cores].")
def kit_command(doc, lang, layout, brand, shop_profile, out, quiet, jobs):
    """A print kit: every PDF for home and print shop, and one static
    index.html with cover thumbnails and how to print each."""
    from .content.load import available_languages
    from .kit.make import KitOptions, make_kit
    from .languages import languages
    from .progress import Progress

    folder = _doc_folder(doc)
    langs = _choices(lang, available_languages(folder) or list(languages()), "language", "'--lang'")
    layouts = _layouts(folder, layout)
    options = KitOptions(doc=folder, langs=langs, layouts=layouts, brands=_brands(brand), out_dir=out,
                         shop=_profile(shop_profile, "'--shop'"),
                         jobs=_jobs(jobs))
    from .layouts import is_screen

    printed = [name for name in layouts if not is_screen(name)]  # each for home and shop; the screen edition once
    progress = Progress(len(options.brands) * len(langs) * (len(printed) * 2 + 1), sys.stderr, quiet=quiet)
    try:
        kit = _exit_on_error(make_kit, options, progress.start)
    finally:
        progress.finish()
    pdfs = sum(2 * len(entry.layouts) + (entry.screen is not None) for entry in kit.languages)
    click.echo(f"wrote {out / 'index.html'}  ({len(kit.languages)} language edition(s), {pdfs} PDFs, in {progress.elapsed():.1f} s)")
    click.echo(f"  - Open it in a browser, or put the whole folder {out} on a website: the links are relative.")


@main.command("impose")
@click.argument("input_pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--scheme", type=Choice(SCHEMES), required=True,
              help="booklet: saddle stitch, padded to a multiple of 4 before the back cover; trifold: six panel pages in "
                   "reading order (front cover, fold-in flap, inside left, middle, right, back); 2up: two pages per "
                   "sheet side, to cut.")
@click.option("--sheet", type=Choice(list(IMPOSE_SHEETS)), default="letter", show_default=True)
@click.option("--print", "print_profile", default="home", show_default=True,
              help="Print profile (profiles/*.yaml): home scales into the printable area if it must; home-manual-duplex "
                   "orders the sides for two passes; commercial profiles add the sheet's bleed and marks.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, callback=_output_file)
def impose_command(input_pdf: Path, scheme: str, sheet: str, print_profile: str, output: Path):
    """Impose a PDF made elsewhere (a partner's own design) for printing."""
    from .impose.external import impose_file
    from .instructions import impose_instructions

    result = _exit_on_error(impose_file, input_pdf, scheme, sheet, output, _profile(print_profile))
    blanks = f", {result.blank_pages} blank page(s) added" if result.blank_pages else ""
    click.echo(f"wrote {result.path}  ({scheme} on {sheet}: {result.input_pages} page(s) in, {result.pages} sheet side(s) out{blanks})")
    for step in impose_instructions(result):
        click.echo(f"  - {step}")
    for item in result.left_out:
        click.echo(f"warning: {result.path.name}: left out (not carried onto the sheets): {item}", err=True)


@main.command("test-sheet")
@click.option("--sheet", type=Choice(list(SHEETS)), default="letter", show_default=True)
@click.option("--manual", is_flag=True,
              help="For a printer that cannot print both sides: a sheet printed in two passes that tells you its "
                   "paper path (--paper-path).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=_output_file,
              help="Default: out/duplex-test-sheet.pdf (out/manual-duplex-test-sheet.pdf with --manual).")
def test_sheet_command(sheet: str, manual: bool, output: Path | None):
    """A one-sheet PDF that shows how your printer turns the paper."""
    from .impose.testsheet import duplex_test_sheet, manual_duplex_test_sheet
    from .output import write_output

    output = output or Path("out/manual-duplex-test-sheet.pdf" if manual else "out/duplex-test-sheet.pdf")
    _exit_on_error(write_output, output, (manual_duplex_test_sheet if manual else duplex_test_sheet)(sheet))
    click.echo(f"wrote {output}")
    if manual:
        click.echo("  - Print page 1 only; page 1 says how to put the sheet back and which --paper-path your printer "
                   "has; then print page 2, which confirms it.")
    else:
        click.echo("  - Print it two-sided with \"flip on short edge\", then read the back: it says which setting your "
                   "printer needs. No two-sided printing? Use test-sheet --manual.")


@main.command("check")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--print", "print_profile", default=None, help="Check against this print profile (profiles/*.yaml).")
def check_command(pdf: Path, print_profile: str | None):
    """Preflight any PDF: fonts, boxes, bleed, colour, images, PDF/X keys; and
    accessibility (tagged, /Lang, title, figures' alt text, untagged content,
    font widths), as warnings. Exits 1 if anything failed."""
    from .check.preflight import failures, preflight
    from .pdfinput import read_pdf, reading
    from .profiles import load_profile

    def checked():
        with reading(pdf):
            return preflight(read_pdf(pdf).data, profile, accessible=True)

    profile = _exit_on_error(load_profile, _profile(print_profile)) if print_profile else None
    findings = _exit_on_error(checked)
    against = f" for '{profile.name}'" if profile else ""
    for finding in findings:
        click.echo(f"{pdf}: {'warning' if finding.warning else 'FAIL'}: {finding}", err=True)
    failed = failures(findings)
    if failed:
        click.echo(f"{pdf}: {len(failed)} check(s) failed{against}.", err=True)
        sys.exit(1)
    click.echo(f"{pdf}: passed preflight{against}.")


@main.command("preview")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the PNG files (default: beside the PDF).")
@click.option("--dpi", type=click.FloatRange(1, 1200), default=100, show_default=True, help="Resolution of the images.")
def preview_command(pdf: Path, out_dir: Path | None, dpi: float):
    """Write each page of a PDF as a PNG image (<name>-<page>.png)."""
    from .preview import write_previews

    for path in _exit_on_error(write_previews, pdf, out_dir, dpi):
        click.echo(f"wrote {path}")


# Why each translator's command has nothing to do for the English itself.
_SOURCE_LANG_WHY = {
    "status": "status reports on the translations made from it",
    "mark": "mark records which English a translation was made from",
    "proof": "a proof sets a translation beside it (for the English pamphlet itself: make_pamphlet.py build --lang en)",
    "export": "export writes a translation's texts, each beside its English, for a CAT tool",
}


def _translation_langs(folder: Path, lang: str | None, command: str) -> tuple[str, ...]:
    """--lang of a translator's command: codes, a comma list, or 'all' (every
    translation file of the document); a language with no file yet may be named."""
    from .content.load import SOURCE_LANG, available_languages
    from .languages import languages

    present = [code for code in available_languages(folder) if code != SOURCE_LANG]
    if lang is None:
        return tuple(present)
    translations = [c for c in languages() if c != SOURCE_LANG]
    if SOURCE_LANG in lang.replace(" ", ",").split(","):
        raise click.BadParameter(f"{SOURCE_LANG} is the source language: {_SOURCE_LANG_WHY[command]}; "
                                 f"expected a translation language: {', '.join(translations)}, or all", param_hint="'--lang'")
    return _choices(lang, translations if lang != "all" else present, "language", "'--lang'")


@main.command("status")
@click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP)
@click.option("--lang", default=None, help="Language code or comma list (default: every translation).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object per language.")
def status_command(doc: str, lang: str | None, as_json: bool):
    """Which blocks of each translation are reviewed, draft, stale (the
    English changed since) or missing. Exits 0 whatever the state."""
    from .translate.status import language_status

    folder = _doc_folder(doc)
    statuses = [_exit_on_error(language_status, folder, code) for code in _translation_langs(folder, lang, "status")]
    if as_json:
        _echo_json([s.as_json() for s in statuses])
        return
    click.echo(f"{'lang':8} {'blocks':>6} {'reviewed':>8} {'draft':>6} {'stale':>6} {'missing':>7}")
    for s in statuses:
        click.echo(f"{s.lang:8} {s.blocks:6} {s.reviewed:8} {s.draft:6} {s.stale:6} {s.missing:7}")
    for s in statuses:
        if s.stale_ids:
            click.echo(f"{s.lang} stale: {', '.join(s.stale_ids)}")
        if s.missing_ids:
            click.echo(f"{s.lang} not translated yet: {', '.join(s.missing_ids)}")
    for line in _status_hints(statuses, folder):
        click.echo(line)


def _status_hints(statuses, folder: Path) -> list[str]:
    """The commands that go on from a status: start the languages with blocks
    not translated yet, see what changed in those with stale blocks."""
    from .projectdirs import doc_option

    doc, hints = doc_option(folder), []
    new = [s.lang for s in statuses if s.missing_ids]
    if new:
        file = f"{new[0]}.po" if len(new) == 1 else "<doc>-<lang>.po"
        hints.append(f"to start translating: make_pamphlet.py export{doc} --lang {','.join(new)}"
                     f"{f' -o {file}' if len(new) == 1 else ''}, then make_pamphlet.py import{doc} {file}")
    behind = [s.lang for s in statuses if s.stale_ids]
    if behind:
        hints.append(f"to see what changed, English beside translation: make_pamphlet.py proof{doc} --lang {','.join(behind)}")
    return hints


@main.command("mark")
@click.argument("block_ids", nargs=-1)
@click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP)
@click.option("--lang", required=True, help="Language code, comma list, or 'all'.")
@click.option("--reviewed", "status", flag_value="reviewed", help="The blocks were checked against the current English.")
@click.option("--draft", "status", flag_value="draft", help="The blocks translate the current English, awaiting review.")
@click.option("--all", "every", is_flag=True, help="Every translated block.")
def mark_command(block_ids: tuple[str, ...], doc: str, lang: str, status: str | None, every: bool):
    """Mark blocks reviewed (or draft) as translations of the current English:
    records its fingerprint, so they are no longer stale."""
    from .translate.mark import mark

    if status is None:
        raise click.UsageError("say what the blocks are: --reviewed (checked against the current English) "
                               "or --draft (it translates it, not yet reviewed)")
    if block_ids and every:
        raise click.UsageError("name the blocks to mark, or --all, not both")
    if not block_ids and not every:
        raise click.UsageError("name the blocks to mark (their ids, as status lists them), or --all")
    folder = _doc_folder(doc)
    for code in _translation_langs(folder, lang, "mark"):
        marked = _exit_on_error(mark, folder, code, None if every else list(block_ids), status)
        click.echo(f"{code}: {len(marked)} block(s) marked {status}")


@main.command("proof")
@click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP)
@click.option("--lang", required=True, help="Language code, comma list, or 'all' (every translation): one proof each.")
@click.option("--out", default="out", show_default=True, help="Output folder.")
@click.option("--brand", default="default", show_default=True, help="Brand (colours and fonts).")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON object (a list of them for several languages): counts, stale and missing ids, fit per layout.")
def proof_command(doc: str, lang: str, out: str, brand: str, as_json: bool):
    """A translator's proof (<doc>-<lang>-proof.pdf): what to check, every
    block beside its English, stale blocks with the English as it was, and
    how the text fits each layout."""
    from .proof.build import make_proofs

    folder = _doc_folder(doc)
    codes = _translation_langs(folder, lang, "proof")
    results = _exit_on_error(make_proofs, folder, codes, Path(out), _one_brand(brand)[0])
    if as_json:
        records = [r.as_json() for r in results]
        _echo_json(records[0] if len(codes) == 1 and lang != "all" else records)
        return
    for result in results:
        click.echo(f"wrote {result.path}  ({result.pages} page(s): {result.blocks} blocks, "
                   + ", ".join(f"{n} {k}" for k, n in result.counts.items()) + ")")


@main.command("watch")
@click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP)
@click.option("--lang", required=True, help="Language code.")
@click.option("--layout", required=True, help="Layout name.")
@click.option("--print", "print_profile", default="home", show_default=True, help="Print profile (profiles/*.yaml).")
@click.option("--brand", default="default", show_default=True, help="Brand (brands/*.yaml) or a brand file.")
@click.option("--out", default="out", show_default=True, help="Output folder.")
def watch_command(doc: str, lang: str, layout: str, print_profile: str, brand: str, out: str):
    """Rebuild one PDF each time its content, layout or brand file is saved
    (Ctrl-C to stop). A broken save is reported and the last good PDF kept."""
    from .content.load import available_languages
    from .layouts import available_layouts
    from .pipeline import BuildOptions
    from .watch import EventReport, Watcher

    folder = _doc_folder(doc)
    code = _one_choice(lang, available_languages(folder), "language", "'--lang'")
    name = _one_choice(layout, available_layouts(), "layout", "'--layout'")
    options = BuildOptions(doc=folder, langs=(code,), layouts=(name,), profiles=(_profile(print_profile),), out_dir=Path(out),
                           brands=_one_brand(brand))

    report = EventReport()
    click.echo(f"watching {folder} and the {name}, {brand} and {print_profile} files; Ctrl-C to stop")
    try:
        Watcher(options).run(lambda event: click.echo("\n".join(report.lines(event))))
    except KeyboardInterrupt:
        click.echo("stopped")


@main.command("export")
@click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP)
@click.option("--lang", required=True,
              help="Language code, comma list, or 'all' (every translation file): one file each.")
@click.option("--format", "fmt", type=Choice(["po", "xliff"]), default="po", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, callback=_output_file,
              help="File to write, for one language (default: <doc>-<lang>.po or .xlf in --out).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              callback=_output_folder, help="Folder for the files named <doc>-<lang>.po or .xlf  [default: the current folder]")
def export_command(doc: str, lang: str, fmt: str, output: Path | None, out_dir: Path):
    """Write a language's texts for a CAT tool: PO or XLIFF 1.2, one unit per
    text, keyed by block id, drafts and stale texts marked for review."""
    from .output import write_atomic
    from .translate.po import export_po
    from .translate.xliff import export_xliff

    folder = _doc_folder(doc)
    codes = _translation_langs(folder, lang, "export")
    if output is not None and (len(codes) != 1 or lang == "all"):
        raise click.BadParameter(f"-o names one file and --lang {lang} names {len(codes)} languages; "
                                 "expected --out FOLDER for several", param_hint="'-o'")
    exports = [(code, _exit_on_error(export_po if fmt == "po" else export_xliff, folder, code)) for code in codes]
    for code, data in exports:  # every language exported before any file is written
        path = output or Path(out_dir) / f"{folder.resolve().name}-{code}.{'po' if fmt == 'po' else 'xlf'}"
        write_atomic(path, data)
        click.echo(f"wrote {path}")


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--doc", default=DEFAULT_DOC, show_default=True, help=DOC_HELP)
@click.option("--reviewed", is_flag=True, help="Every translated text in the file has been reviewed.")
@click.option("--force", is_flag=True,
              help="Take texts of older English over blocks that already translate the current English.")
def import_command(file: Path, doc: str, reviewed: bool, force: bool):
    """Bring back a PO or XLIFF file: every problem is reported as FILE:line
    and nothing is written; otherwise the translation file is updated in place."""
    from .translate.importing import import_file

    result = _exit_on_error(import_file, _doc_folder(doc), file, reviewed, force)
    for line in result.summary():
        click.echo(line)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


@main.command("list")
def list_command():
    """Show the documents, languages, layouts and print profiles available."""
    from .content.load import available_languages
    from .languages import languages
    from .layouts import available_layouts, load_layout
    from .projectdirs import project_root
    from .profiles import available_profiles, load_profile

    root = project_root()
    click.echo("documents:")
    for folder in sorted(p for p in (root / "text").iterdir() if (p / "en.yaml").is_file()):
        langs = available_languages(folder)
        click.echo(f"  {folder.relative_to(root)}  languages: {', '.join(langs)}")
    click.echo("languages:")
    for code, lang in languages().items():
        click.echo(f"  {code:8} {lang.name}")
    click.echo("layouts:")
    for name in available_layouts():
        click.echo(f"  {name:16} {load_layout(name).description}")
    click.echo("print profiles:")
    for name in available_profiles():
        click.echo(f"  {name:20} {load_profile(name).description}")
    from .partner.brand import available_brands, brand_path

    click.echo("brands:")
    for name in available_brands():
        click.echo(f"  {name:20} {brand_path(name).relative_to(root)}")
