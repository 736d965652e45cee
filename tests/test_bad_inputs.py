"""A catalogue of bad inputs, as a user meets them on the command line.

Each row makes its inputs in a fresh folder, runs one command in-process and
asserts the exit status, the messages (each naming the file and line, or the
option), that no traceback was printed and that nothing was written or
overwritten. Rows marked ``works`` are inputs that look odd but are
legitimate; they must build.
"""

from __future__ import annotations

import errno
import os
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from pamphlet.limits import MAX_BLOCKS

from .cli_harness import ROOT, clear_caches, invoke, make_project, snapshot

SOURCE = """\
document: {id: demo, lang: en, title: Demo}
editions:
  trifold: {cover: [cover], flow: [intro], back: []}
  booklet: {cover: [cover], flow: all}
blocks:
  - {id: cover, type: title, text: Demo, subtitle: A tagline}
  - {id: intro, type: paragraph, text: Hello **bold** and _em_ world}
  - {id: points, type: list, items: [one, two]}
"""
FRENCH = """\
document: {lang: fr, status: draft}
blocks:
  cover: {text: Démo, subtitle: Un slogan}
  intro: {text: Bonjour **gras** et _em_ monde}
  points: {items: [un, deux]}
"""
BRAND = (ROOT / "brands" / "default.yaml").read_text(encoding="utf-8")
AFTER_BRAND = BRAND.count("\n") + 1  # the line a key added to the brand file is on


THAI_LINE = next(n for n, line in enumerate((ROOT / "text" / "languages.yaml").read_text(encoding="utf-8").splitlines(), 1)
                 if line.startswith("th:"))


def brand_line(start: str) -> int:
    """The line of the default brand that starts with ``start``."""
    return next(n for n, line in enumerate(BRAND.splitlines(), start=1) if line.startswith(start))


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], list[str]]  # writes the inputs under the folder, returns the command's arguments
    code: int
    messages: tuple[str, ...] = ()  # each the start of a line of standard error ('$' at the end: all of it); {tmp} is the folder
    stdout: tuple[str, ...] = ()  # for the rows that work
    fault: Callable[[pytest.MonkeyPatch], None] | None = None  # a failure of the machine, made to happen
    written: bool = False  # a batch in which the items that could be built were (and the message says so)
    kept: tuple[str, ...] = ()  # files (under the folder) a run that works must leave byte for byte


def doc(tmp: Path, source: str = SOURCE, raw: bytes | None = None, **translations: str | bytes) -> Path:
    folder = tmp / "demo"
    folder.mkdir(exist_ok=True)
    (folder / "en.yaml").write_bytes(raw if raw is not None else textwrap.dedent(source).encode("utf-8"))
    for lang, text in translations.items():
        data = text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8")
        (folder / f"{lang.replace('_', '-')}.yaml").write_bytes(data)
    return folder


def build_args(tmp: Path, *extra: str, layout: str = "trifold-letter") -> list[str]:
    return ["build", "--doc", str(tmp / "demo"), "--layout", layout, "--out", str(tmp / "out"), *extra]


def brand(tmp: Path, extra: str, name: str = "partner.yaml") -> Path:
    path = tmp / name
    path.write_text(BRAND + extra, encoding="utf-8")
    return path


def with_brand(extra: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        doc(tmp)
        return build_args(tmp, "--brand", str(brand(tmp, extra)))
    return make


def with_source(source: str, **translations: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        doc(tmp, source, **translations)
        return build_args(tmp, "--lang", ",".join(["en", *translations]).replace("_", "-"))
    return make


def _symlinked_logo(tmp: Path) -> list[str]:
    doc(tmp)
    (tmp / "secret.png").write_bytes(b"not yours")
    (tmp / "partner").mkdir()
    (tmp / "partner" / "logo.png").symlink_to(tmp / "secret.png")
    return build_args(tmp, "--brand", str(brand(tmp / "partner", "logo: {file: logo.png, width: 1in}\n")))


def _font_outside(tmp: Path) -> list[str]:
    doc(tmp, SOURCE.replace("title: Demo}", "title: Demo, fonts: {latin: {regular: ../NotoSans-Regular.ttf}}}"))
    return build_args(tmp)


def with_raw(data: bytes, lang: str = "en") -> Callable[[Path], list[str]]:
    """A content file written byte for byte (en.yaml, or a translation beside a good source)."""
    def make(tmp: Path) -> list[str]:
        if lang == "en":
            doc(tmp, raw=data)
        else:
            doc(tmp, **{lang: data})
        return build_args(tmp, "--lang", lang)
    return make


def with_text(text: str, layout: str = "trifold-letter", **fonts: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    """The intro paragraph says ``text`` (a YAML double-quoted scalar); fonts given are the document's own."""
    def make(tmp: Path) -> list[str]:
        source = SOURCE.replace("text: Hello **bold** and _em_ world", f'text: "{text}"')
        if fonts:
            folder = tmp / "demo"
            folder.mkdir()
            names = ", ".join(f"{family}: {{regular: {maker(folder).name}}}" for family, maker in fonts.items())
            source = source.replace("title: Demo}", f"title: Demo, fonts: {{{names}}}}}")
        doc(tmp, source)
        return build_args(tmp, layout=layout)
    return make


def with_font(maker: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        font = maker(tmp)
        doc(tmp)
        return build_args(tmp, "--brand", str(brand(tmp, f"fonts: {{latin: {{regular: {font.name}}}}}\n")))
    return make


def with_logo(maker: Callable[[Path], Path], profile: str = "home", width: str = "1in") -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        logo = maker(tmp)
        doc(tmp)
        return build_args(tmp, "--brand", str(brand(tmp, f"logo: {{file: {logo.name}, width: {width}}}\n")),
                          "--print", profile)
    return make


def with_pdf(command: str, maker: Callable[[Path], Path], *extra: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        source = maker(tmp)
        if command == "check":
            return ["check", str(source), *extra]
        return ["impose", str(source), *(extra or ("--scheme", "booklet")), "-o", str(tmp / "out" / "imposed.pdf")]
    return make


def in_project(file: str, change: Callable[[str], str], *args: str) -> Callable[[Path], list[str]]:
    """A project folder whose ``file`` (e.g. layouts/trifold-letter.yaml) is changed; it is the project root."""
    def make(tmp: Path) -> list[str]:
        project = make_project(tmp / "project")
        path = project / file
        path.write_text(change(path.read_text(encoding="utf-8") if path.exists() else ""), encoding="utf-8")
        doc(tmp)
        os.environ["PAMPHLET_ROOT"] = str(project)
        clear_caches()
        return build_args(tmp, *args)
    return make


def usage(*args: str) -> Callable[[Path], list[str]]:
    def make(tmp: Path) -> list[str]:
        doc(tmp)
        return [a.format(tmp=tmp) for a in args]
    return make


def _existing_file_as_out(tmp: Path) -> list[str]:
    doc(tmp)
    (tmp / "out").write_text("notes")
    return build_args(tmp)


def _out_under_a_file(tmp: Path) -> list[str]:
    doc(tmp)
    (tmp / "notes.txt").write_text("notes")
    return ["build", "--doc", str(tmp / "demo"), "--layout", "trifold-letter", "--out", str(tmp / "notes.txt" / "pdfs")]


def _unwritable_out(tmp: Path) -> list[str]:
    doc(tmp)
    folder = unwritable_folder(tmp)
    return ["build", "--doc", str(tmp / "demo"), "--layout", "trifold-letter", "--out", str(folder / "pdfs")]


def unwritable_folder(tmp: Path) -> Path:
    """A folder this user cannot write into: a read-only one, or for root (who
    may write anywhere on disk) a kernel folder that takes no files, else a
    read-only one that ``refuse_root_writes`` makes refuse root too."""
    if os.geteuid() == 0:
        for folder in (Path("/sys/kernel"), Path("/proc/sys")):
            try:
                tempfile.mkstemp(dir=folder)
            except OSError:
                return folder
    folder = tmp / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


def refuse_root_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """For root, a read-only folder refuses new files as it does for anyone else."""
    if os.geteuid() != 0:
        return
    real = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).name == "locked" and not os.stat(dir).st_mode & 0o222:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


def _overflowing(tmp: Path) -> list[str]:
    text = " ".join(["Sex work is work, and sex workers are entitled to safety, dignity and justice."] * 60)
    blocks = "".join(f'  - {{id: p{n}, type: paragraph, text: "{text}"}}\n' for n in range(4))
    doc(tmp, SOURCE.replace("flow: [intro]", "flow: [intro, p0, p1, p2, p3]") + blocks)
    return build_args(tmp)


def _many_blocks(tmp: Path) -> list[str]:
    blocks = "".join(f"  - {{id: b{n}, type: paragraph, text: x}}\n" for n in range(MAX_BLOCKS))
    doc(tmp, SOURCE + blocks)
    return build_args(tmp)


def _long_block(tmp: Path) -> list[str]:
    doc(tmp, SOURCE.replace("items: [one, two]", "items: [" + ", ".join(["word " * 400] * 6) + "]"))
    return build_args(tmp)


def _long_document(tmp: Path) -> list[str]:
    blocks = "".join(f"  - {{id: b{n}, type: paragraph, text: '{'words ' * 1600}'}}\n" for n in range(22))
    doc(tmp, SOURCE + blocks)
    return build_args(tmp)


def _one_layout_overflows(tmp: Path) -> list[str]:
    """The booklet holds the text, the tri-fold does not."""
    text = " ".join(["Sex work is work, and sex workers are entitled to safety, dignity and justice."] * 60)
    blocks = "".join(f'  - {{id: p{n}, type: paragraph, text: "{text}"}}\n' for n in range(4))
    doc(tmp, SOURCE.replace("flow: [intro]", "flow: [intro, p0, p1, p2, p3]") + blocks)
    return build_args(tmp, layout="booklet-letter,trifold-letter")


def _full_disk(tmp: Path) -> list[str]:
    doc(tmp)
    out = tmp / "out"
    out.mkdir()
    (out / "demo-en-trifold-letter-home.pdf").write_bytes(b"%PDF-1.4 the good PDF from before")
    return build_args(tmp)


def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file written fills the disk half-way through its data."""
    import pamphlet.output

    real = os.fdopen

    class HalfWritten:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(pamphlet.output.os, "fdopen", lambda fd, mode: HalfWritten(real(fd, mode)))


ARABIC = "مرحبا بالعالم"
KHMER = "សួស្តី​ពិភពលោក"
TIBETAN = "བོད་ཀྱི་ཡི་གེ་ནི་སྐད་ཡིག"  # no bundled font has Tibetan
EMOJI = "Hello 🦋 world"
T = "{tmp}"


def _case_rows() -> list[Case]:
    from .bad_files import (LATIN_FONT, encrypted_pdf, font_for, garbage, image, pdf, png16_rgb, png_claiming,
                            raw_pdf, self_drawing_pdf, truncated, zero_page_pdf)

    fr = FRENCH
    return [
        # -- files named inside brand and content files stay in their folder --
        Case("brand logo up out of its folder", with_brand("logo: {file: ../../../../etc/passwd, width: 1in}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: logo '../../../../etc/passwd' goes up out of its folder ('..'); expected a path "
            f"relative to partner.yaml, inside its folder {T} (copy the logo there)",)),
        Case("brand logo absolute path", with_brand("logo: {file: /etc/passwd, width: 1in}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: logo '/etc/passwd' is an absolute path; expected a path relative to partner.yaml",)),
        Case("brand logo a link out of its folder", _symlinked_logo, 1, (
            f"{T}/partner/partner.yaml:{AFTER_BRAND}: logo 'logo.png' is a link to {T}/secret.png, outside its folder; "
            f"expected a path relative to partner.yaml, inside its folder {T}/partner (copy the logo there)",)),
        Case("brand font from the home folder", with_brand("fonts: {latin: {regular: ~/fonts/x.ttf}}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file '~/fonts/x.ttf' is an absolute path;",)),
        Case("document font up out of its folder", _font_outside, 1, (
            f"{T}/demo/en.yaml:1: font file '../NotoSans-Regular.ttf' goes up out of its folder ('..'); expected a path "
            f"relative to en.yaml, inside its folder {T}/demo (copy the font file there)",)),
        Case("font collection index not a number", with_brand("fonts: {latin: {regular: 'x.ttc#two'}}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font 'x.ttc#two' has collection index 'two'; expected FILE or FILE#N",)),
        Case("ICC profile outside the profiles folder", in_project(
            "profiles/commercial.yaml", lambda t: t.replace("ISOcoated_v2_300_bas.icc", "/etc/passwd"), "--print", "commercial"), 1, (
            f"{T}/project/profiles/commercial.yaml:12: ICC profile '/etc/passwd' is an absolute path;",)),

        # -- content YAML ---------------------------------------------------------------
        Case("YAML syntax error", with_raw(b"document:\n  id: demo\n   title: x\n"), 1, (
            f"{T}/demo/en.yaml:3: invalid YAML: mapping values are not allowed in this context; expected well-formed YAML",)),
        Case("tab indentation", with_raw(SOURCE.replace("  - {id: points", "\t- {id: points").encode()), 1, (
            f"{T}/demo/en.yaml:8: a tab at column 1; expected spaces: YAML indents with spaces, never tabs",)),
        Case("unclosed quote", with_raw(SOURCE.replace("text: Demo,", 'text: "Demo,').encode()), 1, (
            f"{T}/demo/en.yaml:",)),
        Case("wrong type: a number where a list belongs", with_source(SOURCE.replace("items: [one, two]", "items: 3")), 1, (
            f"{T}/demo/en.yaml:8: block 'points' items is a number (3); expected a list of texts",)),
        Case("wrong type: the file is a list", with_raw(b"- one\n- two\n"), 1, (
            f"{T}/demo/en.yaml:1: the file is a list; expected a mapping of keys to values",)),
        Case("unknown key", with_source(SOURCE.replace("text: Hello", "txt: Hello")), 1, (
            f"{T}/demo/en.yaml:7: unknown key 'txt' in paragraph block 'intro'; expected one of: id, type, text (did you mean 'text'?)",)),
        Case("duplicate key", with_source(SOURCE.replace("text: Demo,", "text: Demo, text: Again,")), 1, (
            f"{T}/demo/en.yaml:6: duplicate key 'text' (first on line 6); expected each key once",)),
        Case("duplicate block id", with_source(SOURCE + "  - {id: intro, type: paragraph, text: Again}\n"), 1, (
            f"{T}/demo/en.yaml:9: duplicate block id 'intro' (first on line 7); expected each id once",)),
        Case("block id with capitals", with_source(SOURCE.replace("id: points", "id: Points")), 1, (
            f"{T}/demo/en.yaml:8: block id 'Points' is not valid; expected lowercase letters, digits and hyphens",)),
        Case("misspelt type key", with_source(SOURCE.replace("type: paragraph", "tpye: paragraph")), 1, (
            f"{T}/demo/en.yaml:7: unknown key 'tpye' in block 'intro'; expected 'type: ' and one of: title, heading, paragraph, "
            "list, note, quote, callout, contact, image (did you mean 'type'?)$", "1 problem; nothing was written.$")),
        Case("block without a type", with_source(SOURCE.replace("type: paragraph, ", "")), 1, (
            f"{T}/demo/en.yaml:7: block 'intro' has no type; expected 'type: ' and one of: title, heading,",
            "1 problem; nothing was written.$")),
        Case("unknown block type", with_source(SOURCE.replace("type: list", "type: lists")), 1, (
            f"{T}/demo/en.yaml:8: block 'points' has type 'lists'; expected one of: title, heading,",)),
        Case("edition names a missing block", with_source(SOURCE.replace("flow: [intro]", "flow: [intro, outro]")), 1, (
            f"{T}/demo/en.yaml:3: edition 'trifold' flow names block 'outro', which does not exist; expected an id from 'blocks'",)),
        Case("empty file", with_raw(b""), 1, (
            f"{T}/demo/en.yaml:1: the file is empty; expected its document, editions and blocks (see docs/content-format.md)",)),
        Case("comment-only file", with_raw(b"# nothing here yet\n# really\n"), 1, (
            f"{T}/demo/en.yaml:1: the file is empty; expected its document, editions and blocks",)),
        Case("empty translation", with_raw(b"\n\n", "fr"), 1, (
            f"{T}/demo/fr.yaml:1: the file is empty; expected its document and blocks",)),
        Case("Latin-1 file", with_raw(SOURCE.replace("A tagline", "Café").encode("latin-1")), 1, (
            f"{T}/demo/en.yaml:6: not UTF-8 (byte 0xE9 at column 55); expected a UTF-8 text file (save it as UTF-8 in your editor)",)),
        Case("UTF-16 file", with_raw(SOURCE.encode("utf-16")), 1, (
            f"{T}/demo/en.yaml:1: the file is UTF-16; expected a UTF-8 text file",)),
        Case("NUL written as an escape", with_text("A\\0B"), 1, (
            f"{T}/demo/en.yaml:7: block 'intro' text: control character U+0000 at character 2; expected printable text "
            "(remove it; tabs and new lines are fine)",)),
        Case("escape character in a translation", with_raw(fr.replace("{text: Bonjour **gras** et _em_ monde}", '{text: "Bon\\x1bjour"}').encode(), "fr"), 1, (
            f"{T}/demo/fr.yaml:4: block 'intro' text: control character U+001B at character 4;",)),
        Case("control character typed into the file", with_raw(SOURCE.replace("A tagline", "A\x01tagline").encode()), 1, (
            f"{T}/demo/en.yaml:6: control character U+0001 in the file; expected printable text",)),
        Case("alias bomb", with_raw(b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n".encode() for p, c in zip("abcdefgh", "bcdefghi"))), 1, (
            f"{T}/demo/en.yaml:2: YAML alias '*a' (anchor '&a' on line 1); expected the value written out "
            "(content files do not use anchors and aliases)",)),
        Case("merge key", with_raw(SOURCE.replace("editions:", "base: &base {cover: [cover]}\neditions:").replace(
            "trifold: {cover: [cover],", "trifold: {<<: *base,").encode()), 1, (
            f"{T}/demo/en.yaml:4: YAML alias '*base' (anchor '&base' on line 2);",)),
        Case("nesting 10,000 deep", with_raw(b"document: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"), 1, (
            f"{T}/demo/en.yaml:1: values nested more than 32 deep; expected the shallow mappings and lists of a content file",)),
        Case("file over 5 MB", with_raw(SOURCE.encode() + b"# " + b"x" * 5_000_000 + b"\n"), 1, (
            f"{T}/demo/en.yaml: file is 5.0 MB; expected a YAML file of at most 5 MB",)),
        Case("a date that does not exist", with_source(SOURCE.replace("title: Demo}", "title: Demo, notes: 2024-02-30}")), 1, (
            f"{T}/demo/en.yaml:1: value '2024-02-30' cannot be read: day is out of range for month;",)),
        Case("a Python tag", with_source(SOURCE.replace("text: Demo,", "text: !!python/object:os.system echo,")), 1, (
            f"{T}/demo/en.yaml:6: value 'echo' cannot be read: could not determine a constructor for the tag",)),
        Case("unbalanced markup", with_source(SOURCE.replace("**bold**", "**bold")), 1, (
            f"{T}/demo/en.yaml:7: block 'intro' text: '**' at character 7 is never closed; expected balanced ** and _ markup",)),
        Case("too many blocks", _many_blocks, 1, (
            f"{T}/demo/en.yaml:5: {MAX_BLOCKS + 3} blocks; expected at most {MAX_BLOCKS} blocks",)),
        Case("one block too long", _long_block, 1, (
            f"{T}/demo/en.yaml:8: block 'points' has 11,994 characters; expected at most 10,000 in one block (split it into several)",)),
        Case("the whole file too long", _long_document, 1, (
            f"{T}/demo/en.yaml:1: the file's text is 211,220 characters; expected at most 200,000",)),
        Case("BOM and CRLF work", with_raw(b"\xef\xbb\xbf" + SOURCE.replace("\n", "\r\n").encode()), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),

        # -- translations ---------------------------------------------------------------
        Case("translation with a typo in a block id", with_source(SOURCE, fr=fr.replace("points:", "pionts:")), 1, (
            f"{T}/demo/fr.yaml:5: 'pionts' is not a block of en.yaml; expected a source block id (a typo would lose this text)",)),
        Case("translation in the wrong language", with_source(SOURCE, fr=fr.replace("lang: fr", "lang: es")), 1, (
            f"{T}/demo/fr.yaml:1: lang is 'es'; expected 'fr' (the file name)",)),
        Case("translation list of another length", with_source(SOURCE, fr=fr.replace("[un, deux]", "[un]")), 1, (
            f"{T}/demo/fr.yaml:5: block 'points' has 1 items; expected 2 like the source ({T}/demo/en.yaml:8)",)),
        Case("translation leaves out a block of no edition's flow", with_source(SOURCE, fr=fr.replace(
            "blocks:", "editions: {trifold: {leave_out: [points]}}\nblocks:")), 1, (
            f"{T}/demo/fr.yaml:2: leave_out of 'trifold' names points; expected block ids of its flow in en.yaml",)),
        Case("translation narrows an edition the source lacks", with_source(SOURCE, fr=fr.replace(
            "blocks:", "editions:\n  poster: {leave_out: [intro]}\nblocks:")), 1, (
            f"{T}/demo/fr.yaml:3: edition 'poster' is not in en.yaml; expected one of: trifold, booklet",)),
        Case("translation leaves a block out of its booklet", with_source(SOURCE, fr=fr.replace(
            "blocks:", "editions: {booklet: {leave_out: [points]}}\nblocks:")), 0,
             stdout=(f"wrote {T}/out/demo-fr-trifold-letter-home.pdf",)),
        Case("translation file missing", usage(*build_args(Path("{tmp}"), "--lang", "en,fr")), 2, (
            f"Error: Invalid value for '--lang': {T}/demo has no text in fr (no fr.yaml); expected one of: en, or all",)),
        Case("translation BOM and CRLF work", with_raw(b"\xef\xbb\xbf" + fr.replace("\n", "\r\n").encode(), "fr"), 0,
             stdout=(f"wrote {T}/out/demo-fr-trifold-letter-home.pdf",)),

        # -- one mistake, one message: nothing that follows from it is reported too -----
        Case("block with a misspelt type, named by an edition", with_source(SOURCE.replace("type: paragraph", "type: paragrahp")), 1, (
            f"{T}/demo/en.yaml:7: block 'intro' has type 'paragrahp'; expected one of: title, heading,",
            "1 problem; nothing was written.$")),
        Case("block id not valid, named by an edition under that id", with_source(
            SOURCE.replace("id: intro", "id: Intro").replace("flow: [intro]", "flow: [Intro]")), 1, (
            f"{T}/demo/en.yaml:7: block id 'Intro' is not valid;", "1 problem; nothing was written.$")),
        Case("block the partner policy names, with a misspelt type", with_source(
            SOURCE.replace("type: paragraph", "type: paragrahp") + "partners: {replace: [intro]}\n"), 1, (
            f"{T}/demo/en.yaml:7: block 'intro' has type 'paragrahp';", "1 problem; nothing was written.$")),
        Case("misspelt text key is not also a missing one", with_source(SOURCE.replace("text: Hello", "txet: Hello")), 1, (
            f"{T}/demo/en.yaml:7: unknown key 'txet' in paragraph block 'intro'; expected one of: id, type, text (did you mean 'text'?)",
            "1 problem; nothing was written.$")),
        Case("translation started with nothing under blocks: works", with_source(SOURCE, fr="document: {lang: fr}\nblocks:\n"), 0, (
            "warning: fr.yaml: 3 of 3 blocks are not translated yet and print in English: cover, intro, points; to translate "
            f"them: make_pamphlet.py export --doc {T}/demo --lang fr -o fr.po, then make_pamphlet.py import --doc {T}/demo fr.po "
            "(or write them into fr.yaml)$",), stdout=(f"wrote {T}/out/demo-fr-trifold-letter-home.pdf",)),
        Case("translation: misspelt text key", with_source(SOURCE, fr=fr.replace("intro: {text:", "intro: {txet:")), 1, (
            f"{T}/demo/fr.yaml:4: unknown key 'txet' in block 'intro'; expected one of: text, source, status, notes (did you mean 'text'?)",
            "1 problem; nothing was written.$")),
        Case("translation: a wrong list item is not also a wrong count", with_source(SOURCE, fr=fr.replace("[un, deux]", "[un, [deux]]")), 1, (
            f"{T}/demo/fr.yaml:5: block 'points' items item 2 is a list; expected non-empty text",
            "1 problem; nothing was written.$")),
        Case("translation: items not a list is not also a wrong count", with_source(SOURCE, fr=fr.replace("[un, deux]", "un deux")), 1, (
            f"{T}/demo/fr.yaml:5: block 'points' items is text 'un deux'; expected a list of texts",
            "1 problem; nothing was written.$")),
        Case("brand: misspelt palette is not also a missing one", lambda tmp: _brand_text(tmp, BRAND.replace("palette:", "pallete:")), 1, (
            f"{T}/partner.yaml:{brand_line('palette:')}: unknown key 'pallete' in a brand file; expected one of: name, palette,",
            "1 problem; nothing was written.$")),
        Case("brand: misspelt contact lines", with_brand('contact: {heading: Local, lnes: [{label: "Phone:", value: "555"}]}\n'), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: unknown key 'lnes' in contact; expected heading or lines (did you mean 'lines'?)",
            "1 problem; nothing was written.$")),
        Case("brand: misspelt default of a text", with_brand("credit: {defualt: Shared by us, fr: Partagé}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: credit has a value for 'defualt'; expected 'default' or a language code: en,",
            "1 problem; nothing was written.$")),

        # -- text the fonts cannot set, and text that cannot fit -----------------------
        Case("Arabic in English text, set right to left", with_text(ARABIC), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("a right-to-left mark typed in the text", with_text("Hello \u200f world"), 1, (
            f"{T}/demo/en.yaml:7: block 'intro' text: bidirectional control U+200F (copied text would read reversed) "
            "at character 7; expected printable text",)),
        Case("Tibetan with no font for it", with_text(TIBETAN), 1, (
            f"{T}/demo/en.yaml:7: block 'intro': characters 'བ' (U+0F56), 'ོ' (U+0F7C), 'ད' (U+0F51), '་' (U+0F0B), "
            "'ཀ' (U+0F40), 'ྱ' (U+0FB1), 'ི' (U+0F72), 'ཡ' (U+0F61) and 5 more are in no font; expected characters the "
            "fonts have (tried latin, thai, sc, tc, jp, kr, naskh, nastaliq, thai-looped, myanmar, khmer, lao, "
            "devanagari, bengali, ethiopic); add a font that has them (fonts: in the document or brand file) or "
            "replace them",)),
        Case("Khmer with a font brought for it", with_text(
            KHMER, khmer=lambda folder: font_for(folder / "khmer.ttf", map(ord, KHMER))), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("emoji with no font for it", with_text(EMOJI), 1, (
            f"{T}/demo/en.yaml:7: block 'intro': character '🦋' (U+1F98B) is in no font; expected characters the fonts have",)),
        Case("emoji with a font brought for it", with_text(
            EMOJI, emoji=lambda folder: font_for(folder / "emoji.ttf", [0x1F98B])), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("bidirectional override", with_text("pay \\u202e01$ now"), 1, (
            f"{T}/demo/en.yaml:7: block 'intro' text: bidirectional control U+202E (copied text would read reversed) at "
            "character 5; expected printable text (remove it; tabs and new lines are fine)",)),
        Case("a space no font has", with_text("word\\u1680word"), 1, (
            f"{T}/demo/en.yaml:7: block 'intro': character '\u1680' (U+1680) is in no font;",)),
        Case("zero-width and line-separator characters work", with_text(
            "zero\\u200bwidth soft\\u00adhyphen joined\\u2060word line\\u2028end"), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("a 5,000-character word", with_text("x" * 5000), 0, (
            "warning: demo-en-trifold-letter-home.pdf: block 'intro': a word is wider than the line and was broken "
            "between letters",), stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("a 5,000-character word in a booklet", with_text("x" * 5000, layout="booklet-letter"), 0,
             stdout=(f"wrote {T}/out/demo-en-booklet-letter-home.pdf",)),
        Case("overflow in one layout of two", _one_layout_overflows, 1, (
            f"{T}/demo/en.yaml:11: block 'p2' and the 1 after it do not fit in layout 'trifold-letter' (en):",
            "1 problem; 1 other PDF of the batch was written:$",
            f"  {T}/out/demo-en-booklet-letter-home.pdf$"), written=True),
        Case("overflow", _overflowing, 1, (
            f"{T}/demo/en.yaml:11: block 'p2' and the 1 after it do not fit in layout 'trifold-letter' (en):",)),

        # -- fonts ----------------------------------------------------------------------
        Case("font of random bytes", with_font(lambda tmp: garbage(tmp / "broken.ttf")), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file 'broken.ttf' is not a font; expected a TrueType or OpenType font (TTF, OTF, TTC, OTC)",)),
        Case("font cut short", with_font(lambda tmp: truncated(LATIN_FONT, tmp / "half.ttf")), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file 'half.ttf' is cut short: its 'DSIG' table ends at byte 507,760 of a "
            "253,880-byte file; expected a TrueType or OpenType font (TTF, OTF, TTC, OTC), complete (download or copy it again)",)),
        Case("empty font file", with_font(lambda tmp: garbage(tmp / "empty.otf", size=0)), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file 'empty.otf' is empty;",)),
        Case("WOFF2 web font", with_font(lambda tmp: garbage(tmp / "web.woff2", head=b"wOF2")), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file 'web.woff2' is a WOFF2 web font; expected a TrueType or OpenType font "
            "(TTF, OTF, TTC, OTC): convert it to TTF or OTF first (fontTools or a font editor can)",)),
        Case("WOFF web font", with_font(lambda tmp: font_for(tmp / "web.woff", range(65, 91), flavor="woff")), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file 'web.woff' is a WOFF web font;",)),
        Case("font that maps no characters", with_font(lambda tmp: font_for(tmp / "nocmap.ttf", range(65, 91), cmap=False)), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file 'nocmap.ttf' maps no characters; expected a TrueType or OpenType font "
            "(TTF, OTF, TTC, OTC) that maps characters to glyphs",)),
        Case("font file missing", with_brand("fonts: {latin: {regular: missing.ttf}}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font file 'missing.ttf' not found; expected a font file at {T}/missing.ttf",)),
        Case("font family without a regular face", with_brand("fonts: {latin: {bold: x.ttf}}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: font family 'latin' has no regular face; expected at least 'regular: FILE'",)),

        # -- images ---------------------------------------------------------------------
        Case("logo of random bytes", with_logo(lambda tmp: garbage(tmp / "logo.png")), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: logo 'logo.png' is not an image; expected a PNG, JPEG, TIFF or WebP image",)),
        Case("logo cut short", with_logo(lambda tmp: truncated(image(tmp / "full.png", size=(900, 450)), tmp / "logo.png", 0.5)), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: logo 'logo.png' is damaged (",)),
        Case("logo claiming 2 gigapixels", with_logo(lambda tmp: png_claiming(tmp / "bomb.png", 50_000, 40_000)), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: logo 'bomb.png' is an image claiming too many pixels (2000 megapixels); expected at "
            "most 40 megapixels (scale it down: 300 ppi at the printed size is plenty)",)),
        Case("logo too coarse for its size", with_logo(lambda tmp: image(tmp / "small.png", size=(60, 30))), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: logo small.png (60 x 30 px over 1.00 in) prints at 60 ppi; expected at least 100 ppi",)),
        Case("CMYK JPEG logo works", with_logo(lambda tmp: image(tmp / "logo.jpg", "CMYK")), 0,
             stdout=(f"wrote {T}/out/demo-partner-en-trifold-letter-home.pdf",)),
        Case("CMYK logo for a print shop works", with_logo(lambda tmp: image(tmp / "logo.tif", "CMYK"), "commercial"), 0,
             stdout=(f"wrote {T}/out/demo-partner-en-trifold-letter-commercial.pdf",)),
        Case("transparent logo works", with_logo(lambda tmp: image(tmp / "logo.png", "RGBA")), 0,
             stdout=(f"wrote {T}/out/demo-partner-en-trifold-letter-home.pdf",)),
        Case("16-bit grey logo works", with_logo(lambda tmp: image(tmp / "logo.png", "I;16")), 0,
             stdout=(f"wrote {T}/out/demo-partner-en-trifold-letter-home.pdf",)),
        Case("16-bit RGB logo works", with_logo(lambda tmp: png16_rgb(tmp / "logo.png")), 0,
             stdout=(f"wrote {T}/out/demo-partner-en-trifold-letter-home.pdf",)),
        Case("logo without a width", with_brand("logo: {file: logo.png}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: logo is incomplete; expected logo: {{{{file: IMAGE, width: LENGTH}}}}",)),

        # -- image blocks -----------------------------------------------------------------
        Case("image block outside its folder", with_image("file: ../photo.png, alt: A photo"), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file '../photo.png' goes up out of its folder ('..'); expected a path "
            f"relative to en.yaml, inside its folder {T}/demo (copy the image 'pic' file there)",)),
        Case("image block of 49 megapixels", with_image("file: big.png, alt: Big", big_png=lambda p: png_claiming(p, 7000, 7000)), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'big.png' is 7000 x 7000 pixels (49 megapixels); expected at most "
            "40 megapixels (scale it down: 300 ppi at the printed size is plenty)",)),
        Case("image block claiming 2 gigapixels", with_image("file: bomb.png, alt: Bomb",
                                                             bomb_png=lambda p: png_claiming(p, 50_000, 40_000)), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'bomb.png' is an image claiming too many pixels (2000 megapixels);",)),
        Case("image block JPEG cut short", with_image("file: cut.jpg, alt: Cut", cut_jpg=lambda p: truncated(
            image(p.with_name("whole.jpg"), size=(1200, 900)), p, 0.3)), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'cut.jpg' is damaged (image file is truncated",)),
        Case("image block SVG that reads other files", with_image("file: mark.svg, alt: Mark", mark_svg=lambda p: _svg(
            p, '<image xlink:href="../secret.png" width="10" height="10"/>')), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'mark.svg' is an SVG that refers to other files (<image> on line 1 links "
            "to '../secret.png', outside the SVG's folder); expected a self-contained SVG: shapes only, no links to other files",)),
        Case("image block SVG linking a file of the machine", with_image("file: mark.svg, alt: Mark", mark_svg=lambda p: _svg(
            p, '<image xlink:href="file:///etc/hostname" width="10" height="10"/>')), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'mark.svg' is an SVG that refers to other files (<image> on line 1 links "
            "to 'file:///etc/hostname', an address, not a file beside the SVG); expected a self-contained SVG",)),
        Case("image block SVG with an entity bomb", with_image("file: mark.svg, alt: Mark", mark_svg=_svg_laughs), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'mark.svg' is an SVG that is not well-formed XML (Maximum entity "
            "amplification factor exceeded, line 1); expected the SVG as an editor saves it",)),
        Case("image block SVG using a DOCTYPE entity", with_image("file: mark.svg, alt: Mark", mark_svg=lambda p: _svg(
            p, "<style>&look;</style>")), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'mark.svg' is an SVG that uses an entity of its DOCTYPE (&look; on line 1), "
            "which is never read; expected a self-contained SVG: the text or shapes themselves, no DOCTYPE entities$",)),
        Case("image block SVG with a hyperlink and an in-document link works", with_image("file: mark.svg, alt: Mark",
             mark_svg=lambda p: _svg(p, '<defs><rect id="dot" width="5" height="5"/></defs><a xlink:href="https://example.org">'
                                        '<use xlink:href="#dot"/></a>')), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("image block SVG with a DOCTYPE and no entity works", with_image("file: mark.svg, alt: Mark", mark_svg=_svg_dtd), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("image block encrypted PDF", with_image("file: art.pdf, alt: Art", art_pdf=lambda p: encrypted_pdf(p)), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'art.pdf' is encrypted: decrypt it first (qpdf --decrypt "
            f"{T}/demo/art.pdf {T}/demo/art-decrypted.pdf)$",)),
        Case("image block PDF cut short", with_image("file: art.pdf, alt: Art", art_pdf=lambda p: truncated(
            pdf(p.with_name("whole.pdf"), [(200, 100)]), p)), 1, (
            f"{T}/demo/en.yaml:9: image 'pic' file 'art.pdf' is a damaged PDF (",)),
        Case("image block without alt text", with_image("file: photo.png", photo_png=lambda p: image(p)), 1, (
            f"{T}/demo/en.yaml:9: block 'pic' has no 'alt'; expected 'alt' for an image block",)),
        Case("image block CMYK JPEG works", with_image("file: photo.jpg, alt: A photo",
                                                       photo_jpg=lambda p: image(p, "CMYK", (900, 600))), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),
        Case("image block 16-bit PNG works", with_image("file: photo.png, alt: A photo", photo_png=lambda p: png16_rgb(p, (900, 600))), 0,
             stdout=(f"wrote {T}/out/demo-en-trifold-letter-home.pdf",)),

        # -- partners' brand files --------------------------------------------------------
        Case("partner contact with a bell character", with_brand(
            'contact: {lines: [{label: "Phone:", value: "555\\a0100"}]}\n'), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: contact line 1 value (default): control character U+0007 at character 4;",)),
        Case("partner contact with a right-to-left mark", with_brand(
            'contact: {lines: [{label: "Phone:", value: "555\\u200f0100"}]}\n'), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: contact line 1 value (default): bidirectional control U+200F "
            "(copied text would read reversed) at character 4;",)),
        Case("partner QR address too long to encode", with_brand(f"qr: {{url: 'https://example.org/{'x' * 3000}'}}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: qr url cannot be encoded",)),
        Case("partner QR address running a script", with_brand("qr: {url: 'javascript:alert(1)'}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: qr url 'javascript:alert(1)' is a javascript: address; expected an address a "
            "phone opens safely: https:, http:, tel:, mailto:, sms:$",)),
        Case("partner replaces a locked block", with_brand("replace: {intro: {text: Ours}}\n"), 1, (
            f"{T}/partner.yaml:{AFTER_BRAND}: block 'intro' is locked; expected one of the blocks en.yaml lets partners "
            "replace: nothing (the document has no 'partners:' section)",)),

        # -- PO and XLIFF brought back (the translation's own checks are in test_exchange) --
        Case("PO with no header and broken syntax: the syntax first", with_exchange("po", lambda t: _po_without_header(t).replace(
            'msgstr "Bonjour **gras** et _em_ monde"', "msgstr Bonjour **gras** et _em_ monde")), 1, (
            f"{T}/fr.po:20: the text after msgstr is not in double quotes; expected msgctxt, msgid or msgstr followed by a text "
            'in double quotes, or a "quoted" line continuing it', "1 problem; nothing was written.$")),
        Case("PO with an unclosed text and a misspelt keyword", with_exchange("po", lambda t: t.replace(
            'msgstr "Bonjour **gras** et _em_ monde"', 'msgstr "Bonjour **gras** et _em_ monde').replace(
            'msgstr "un"', 'msgsrt "un"')), 1, (
            f"{T}/fr.po:37: the text after msgstr has no closing double quote; expected the text to end with \" on the same line",
            f"{T}/fr.po:44: 'msgsrt' is not a PO keyword (did you mean 'msgstr'?);", "2 problems; nothing was written.$")),
        Case("PO with a bell and an override", with_exchange("po", lambda t: t.replace(
            'msgstr "Bonjour **gras**', 'msgstr "Bon\x07jour \u202e**gras**')), 1, (
            f"{T}/fr.po:37: intro.text: control character U+0007 at character 4; expected printable text",
            f"{T}/fr.po:37: intro.text: bidirectional control U+202E (copied text would read reversed) at character 10;")),
        Case("XLIFF with an Arabic letter mark", with_exchange("xliff", lambda t: t.replace("Bonjour **gras** et _em_ monde", "**مرحبا**\u061c _em_")), 1, (
            f"{T}/fr.xlf:20: intro.text: bidirectional control U+061C (copied text would read reversed) at character 10",)),
        Case("XLIFF entity bomb", with_exchange("xliff", _entity_bomb), 1, (
            f"{T}/fr.xlf:1: not well-formed XML (Maximum entity amplification factor exceeded",)),
        Case("XLIFF reading a file of the machine", with_exchange("xliff", lambda t: t.replace(
            "<xliff", '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/hostname">]><xliff', 1).replace("Bonjour", "&x;")), 1, (
            f"{T}/fr.xlf:20: an entity reference &x; in a unit's text; expected plain text",)),
        Case("PO in Japanese headed French", with_exchange("po", lambda t: t.replace(
            "Bonjour **gras** et _em_ monde", "こんにちは **太字** と _em_ 世界")), 1, (
            f"{T}/fr.po:37: intro.text is written in Hiragana ('こ' U+3053 at character 1), not in the script of Français "
            "(fr); expected a translation into the file's language (Latin letters are fine for names and addresses): "
            "is this file for another language?$",)),
        Case("PO with the English copied in, still fuzzy: skipped", with_exchange("po", lambda t: t.replace(
            'msgstr "Bonjour **gras** et _em_ monde"', 'msgstr "Hello **bold** and _em_ world"')), 0, stdout=(
            "fr.yaml: 0 block(s) updated, 2 unchanged, 1 skipped (the English copied in and still marked as needing "
            "translation: intro)",), kept=("demo/fr.yaml",)),
        Case("XLIFF needs-translation target equal to its source: skipped", with_exchange("xliff", lambda t: t.replace(
            '<target state="needs-review-translation">Bonjour **gras** et _em_ monde',
            '<target state="needs-translation">Hello **bold** and _em_ world')), 0, stdout=(
            "fr.yaml: 0 block(s) updated, 2 unchanged, 1 skipped (the English copied in",), kept=("demo/fr.yaml",)),
        Case("PO older than a reviewed translation", _older_export, 1, (
            f"{T}/fr.po:34: block 'intro' is reviewed and translates the current English, but this file's English for it "
            "is older (the file was exported before the English changed); expected a file exported since (make_pamphlet.py "
            f"export --doc {T}/demo --lang fr); or import --force to take this file's text anyway, leaving the block stale$",)),
        Case("PO language as POSIX locale works", with_exchange("po", lambda t: _fresh_po(t).replace(
            '"Language: fr\\n"', '"Language: fr_FR.UTF-8\\n"')), 0, stdout=("fr.yaml: 3 block(s) updated (3 draft)",)),
        Case("PO language Chinese without its script", with_exchange("po", lambda t: t.replace(
            '"Language: fr\\n"', '"Language: zh_Hani\\n"')), 1, (
            f"{T}/fr.po:12: the file's language is 'zh_Hani' (did you mean zh-Hans or zh-Hant? name the script); "
            "expected one of: fr, es",)),
        Case("PO language unknown, at its header line", with_exchange("po", lambda t: t.replace(
            '"Language: fr\\n"', '"Language: xx\\n"')), 1, (f"{T}/fr.po:12: the file's language is 'xx';",)),
        Case("PO with HTML tags", with_exchange("po", lambda t: t.replace("msgstr \"Bonjour", "msgstr \"<b>Bonjour</b>")), 1, (
            f"{T}/fr.po:37: intro.text has markup the English lacks: </b>, <b>; expected the pamphlet's own markup",)),
        Case("PO with a bell escape", with_exchange("po", lambda t: t.replace("msgstr \"Bonjour", "msgstr \"Bon\\ajour")), 1, (
            f"{T}/fr.po:37: the text after msgstr has the escape '\\a', which stands for a bell (U+0007); expected printable "
            "text: the escapes a text may use are \\n, \\t, \\\" and \\\\$",)),
        Case("PO with only a zero-width space: skipped", with_exchange("po", lambda t: t.replace(
            'msgstr "Bonjour **gras** et _em_ monde"', 'msgstr "\u200b"')), 0, stdout=(
            "fr.yaml: 0 block(s) updated, 2 unchanged, 1 skipped (no translation in the file: intro)",), kept=("demo/fr.yaml",)),
        Case("PO with placeholders", with_exchange("po", lambda t: t.replace("msgstr \"Bonjour", "msgstr \"%s {name} Bonjour")), 1, (
            f"{T}/fr.po:37: intro.text has placeholder the English lacks: %s, {{{{name}}}}; expected text only",)),
        Case("PO for another document", with_exchange("po", lambda t: t.replace(
            '"Project-Id-Version: demo', '"Project-Id-Version: other-leaflet')), 1, (
            f"{T}/fr.po:8: the file is for document 'other-leaflet' (Project-Id-Version); expected 'demo', the document of "
            f"{T}/demo/en.yaml: is this the right --doc?$",)),
        Case("XLIFF for another document", with_exchange("xliff", lambda t: t.replace('original="demo"', 'original="other"')), 1, (
            f"{T}/fr.xlf:3: the file is for document 'other' (<file original>);",)),
        Case("XLIFF translated from French", with_exchange("xliff", lambda t: t.replace(
            'source-language="en"', 'source-language="fr"')), 1, (
            f"{T}/fr.xlf:3: the file's source language is 'fr'; expected 'en': the English is what the pamphlet is "
            "translated from$",)),
        Case("PO with a translator's comment: kept", with_exchange("po", lambda t: t.replace(
            'msgctxt "intro.text"', '# Tone checked with the team\nmsgctxt "intro.text"')), 0, stdout=(
            "fr.yaml: the translator's notes kept with 1 block(s): intro",)),
        Case("PO comment on an untranslated text: warned", with_exchange("po", lambda t: t.replace(
            'msgctxt "intro.text"', '# To do\nmsgctxt "intro.text"').replace('msgstr "Bonjour **gras** et _em_ monde"',
                                                                              'msgstr ""')), 0, (
            "warning: fr.po: the translator's note on intro.text is not kept: block 'intro' is skipped (no translation in "
            "the file)$",), kept=("demo/fr.yaml",)),
        Case("PO with a byte-order mark works", with_exchange("po", lambda t: "\ufeff" + _fresh_po(t)), 0,
             stdout=("fr.yaml: 3 block(s) updated (3 draft), 0 unchanged",)),
        Case("XLIFF with a byte-order mark works", with_exchange("xliff", lambda t: "\ufeff" + t.replace(
            '"needs-review-translation"', '"translated"')), 0, stdout=("fr.yaml: 3 block(s) updated (3 draft), 0 unchanged",)),

        # -- brands, layouts, profiles ---------------------------------------------------
        Case("brand colour not a colour", lambda tmp: _brand_text(tmp, BRAND.replace('"#5B2A86"', '"purple"')), 1, (
            f"{T}/partner.yaml:{brand_line('  accent:')}: colour 'accent' has rgb 'purple'; expected \"#RRGGBB\" (six hex digits)",)),
        Case("brand without a palette colour", lambda tmp: _brand_text(tmp, "\n".join(
                line for line in BRAND.splitlines() if not line.startswith("  tint:")) + "\n"), 1, (
            f"{T}/partner.yaml:{brand_line('palette:')}: palette has no 'tint'; expected colours: ink, accent, tint, warm, muted, paper",)),
        Case("brand with a palette colour misspelt", lambda tmp: _brand_text(tmp, BRAND.replace("  tint:", "  tnt: ")), 1, (
            f"{T}/partner.yaml:{brand_line('  tint:')}: palette has no 'tint' but has 'tnt'; expected colours: ink, accent, tint, "
            "warm, muted, paper (did you mean 'tint'?)", "1 problem; nothing was written.$")),
        Case("brand file is a list", lambda tmp: _brand_text(tmp, "- ink\n- accent\n"), 1, (
            f"{T}/partner.yaml:1: the brand file is a list; expected a mapping of keys to values",)),
        Case("brand file empty", lambda tmp: _brand_text(tmp, ""), 1, (
            "{tmp}/partner.yaml:1: 'palette' is missing; expected palette: {{NAME: {{rgb: \"#RRGGBB\", cmyk: [C, M, Y, K]}}}} "
            "for ink, accent, tint, warm, muted, paper",)),
        Case("layout with an unknown key and a bad length", in_project(
            "layouts/trifold-letter.yaml", lambda t: t.replace("bleed:", "bleeds:").replace("0.125in", "an eighth")), 1, (
            f"{T}/project/layouts/trifold-letter.yaml:",)),
        Case("layout whose panels do not make the sheet", in_project(
            "layouts/trifold-letter.yaml", lambda t: t.replace("3.625in", "4in")), 1, (
            f"{T}/project/layouts/trifold-letter.yaml:",)),
        Case("layout asking for an edition the document lacks", in_project(
            "layouts/trifold-letter.yaml", lambda t: t.replace("edition: trifold", "edition: zine")), 1, (
            f"{T}/project/layouts/trifold-letter.yaml:5: layout 'trifold-letter' asks for edition 'zine', which demo/en.yaml "
            "does not define; expected one of its editions: booklet, trifold",)),
        Case("layout file is a list", in_project("layouts/trifold-letter.yaml", lambda t: "- trifold\n"), 1, (
            f"{T}/project/layouts/trifold-letter.yaml:1: the layout file is a list; expected a mapping of keys to values",)),
        Case("booklet of 400 pages", in_project(
            "layouts/booklet-letter.yaml", lambda t: t.replace("max_pages: 24", "max_pages: 400"), "--layout", "booklet-letter"), 1, (
            f"{T}/project/layouts/booklet-letter.yaml:11: max_pages is 400; expected a multiple of 4 from 4 to 64",)),
        Case("layout margin wider than a panel", in_project(
            "layouts/trifold-letter.yaml", lambda t: t.replace("margin: 0.3in", "margin: 2in")), 1, (
            f"{T}/project/layouts/trifold-letter.yaml:8: the margins leave a text frame of -22.5 x 324.0 pt on front cover; "
            "expected at least 36 pt (half an inch) each way",)),
        Case("layout with a negative margin", in_project(
            "layouts/booklet-letter.yaml", lambda t: t.replace("inside: 0.6in", "inside: -0.6in"), "--layout", "booklet-letter"), 1, (
            f"{T}/project/layouts/booklet-letter.yaml:8: margin inside is -43.2 pt; expected 0 or more (text set past the "
            "edge would be cut or folded)",)),
        Case("layout body size 0", in_project(
            "layouts/trifold-letter.yaml", lambda t: t.replace("min: 8.5", "min: 0")), 1, (
            f"{T}/project/layouts/trifold-letter.yaml:10: body min is 0; expected a size in points from 4 to 36",)),
        Case("layout body size not a number", in_project(
            "layouts/trifold-letter.yaml", lambda t: t.replace("max: 12", "max: ten")), 1, (
            f"{T}/project/layouts/trifold-letter.yaml:10: body max is 'ten'; expected a size in points from 4 to 36",)),
        Case("profile that cannot print within 6 inches", in_project(
            "profiles/home.yaml", lambda t: t.replace("unprintable_edge: 0.25in", "unprintable_edge: 6in")), 1, (
            f"{T}/project/profiles/home.yaml:5: unprintable_edge is 6.00 in; expected 0 to 1 in (office printers: about 0.25 in)",)),
        Case("profile whose printer would cut the text", in_project(
            "profiles/home.yaml", lambda t: t.replace("unprintable_edge: 0.25in", "unprintable_edge: 0.5in")), 1, (
            f"{T}/project/profiles/home.yaml:5: print profile 'home' cannot print within 0.50 in of the sheet edge, but "
            "layout 'trifold-letter' sets text 0.30 in from it (trifold-letter.yaml); expected the layout's margins at "
            "least the profile's unprintable_edge (the outer letters would be cut)",)),
        Case("profile paper thinner than nothing", in_project(
            "profiles/home.yaml", lambda t: t + "paper_thickness: -1mm\n"), 1, (
            f"{T}/project/profiles/home.yaml:10: paper_thickness is -1.00 mm; expected more than 0 and at most 0.5 mm",)),
        Case("profile with an unknown colour model", in_project(
            "profiles/home.yaml", lambda t: t.replace("colour: rgb", "colour: rgba")), 1, (
            f"{T}/project/profiles/home.yaml:",)),
        Case("profile file is a list", in_project("profiles/home.yaml", lambda t: "- home\n"), 1, (
            f"{T}/project/profiles/home.yaml:1: the profile file is a list; expected a mapping of keys to values",)),
        Case("languages file broken", in_project("text/languages.yaml", lambda t: t.replace("breaking: thai", "breaking: words")), 1, (
            f"{T}/project/text/languages.yaml:",)),
        Case("language italic neither true nor false", in_project(
            "text/languages.yaml", lambda t: t.replace("italic: false", "italic: upright", 1)), 1, (
            f"{T}/project/text/languages.yaml:{THAI_LINE}: italic of 'th' is 'upright'; expected true or false",)),

        # -- PDFs for impose and check --------------------------------------------------
        Case("encrypted PDF to impose", with_pdf("impose", lambda tmp: encrypted_pdf(tmp / "locked.pdf")), 1, (
            f"{T}/locked.pdf: encrypted: decrypt it first (qpdf --decrypt {T}/locked.pdf {T}/locked-decrypted.pdf)",)),
        Case("encrypted PDF to check", with_pdf("check", lambda tmp: encrypted_pdf(tmp / "locked.pdf", "open-sesame")), 1, (
            f"{T}/locked.pdf: encrypted: decrypt it first (qpdf --decrypt --password=PASSWORD {T}/locked.pdf "
            f"{T}/locked-decrypted.pdf)",)),
        Case("truncated PDF to impose", with_pdf("impose", lambda tmp: truncated(pdf(tmp / "full.pdf"), tmp / "cut.pdf")), 1, (
            f"{T}/cut.pdf: damaged PDF (",)),
        Case("truncated PDF to check", with_pdf("check", lambda tmp: truncated(pdf(tmp / "full.pdf"), tmp / "cut.pdf")), 1, (
            f"{T}/cut.pdf: damaged PDF (",)),
        Case("zero-page PDF", with_pdf("impose", lambda tmp: zero_page_pdf(tmp / "empty.pdf")), 1, (
            f"{T}/empty.pdf: no pages; expected a PDF with at least one page",)),
        Case("not a PDF", with_pdf("check", lambda tmp: garbage(tmp / "notes.pdf")), 1, (
            f"{T}/notes.pdf: not a PDF; expected a PDF file (one starting with %PDF-)",)),
        Case("PDF of 600 pages", with_pdf("impose", lambda tmp: pdf(tmp / "long.pdf", [(396, 612)] * 600)), 1, (
            f"{T}/long.pdf: has 600 pages; expected at most 500 (split it into parts first)",)),
        Case("tri-fold from the wrong page count", with_pdf("impose", lambda tmp: pdf(tmp / "four.pdf"), "--scheme", "trifold"), 1, (
            f"{T}/four.pdf: has 4 page(s); expected 6 panel pages for a tri-fold",)),
        Case("PDF whose page tree loops", with_pdf("check", lambda tmp: raw_pdf(tmp / "loop.pdf", kids=b"[2 0 R 3 0 R]")), 1, (
            f"{T}/loop.pdf: damaged PDF (Detected cyclic page references);",)),
        Case("PDF nested 50,000 deep", with_pdf("impose", lambda tmp: raw_pdf(
            tmp / "deep.pdf", b"/MediaBox [0 0 300 400] /X " + b"[" * 50_000 + b"]" * 50_000)), 1, (
            f"{T}/deep.pdf: damaged PDF (",)),
        Case("PDF page of no size", with_pdf("impose", lambda tmp: raw_pdf(tmp / "flat.pdf", b"/MediaBox [0 0 0 0]")), 1, (
            f"{T}/flat.pdf: damaged PDF (page 1 has no size: its MediaBox is [0.0, 0.0, 0.0, 0.0]); expected pages "
            "with a width and a height",)),
        Case("PDF page turned 45 degrees", with_pdf("check", lambda tmp: raw_pdf(
            tmp / "askew.pdf", b"/MediaBox [0 0 300 400] /Rotate 45")), 1, (
            f"{T}/askew.pdf: damaged PDF (page 1 is turned 45 degrees); expected pages turned by quarter turns, "
            "the only rotation PDF allows",)),
        Case("PDF whose form draws itself is checked", with_pdf("check", lambda tmp: self_drawing_pdf(tmp / "mirror.pdf")), 0,
             stdout=(f"{T}/mirror.pdf: passed preflight.",)),
        Case("PDF whose form draws itself imposes", with_pdf("impose", lambda tmp: self_drawing_pdf(tmp / "mirror.pdf"),
                                                             "--scheme", "2up"), 0,
             stdout=(f"wrote {T}/out/imposed.pdf",)),
        Case("encrypted PDF to preview", lambda tmp: ["preview", str(encrypted_pdf(tmp / "locked.pdf")), "--out", str(tmp / "png")], 1, (
            f"{T}/locked.pdf: encrypted: decrypt it first (qpdf --decrypt {T}/locked.pdf {T}/locked-decrypted.pdf)",)),
        Case("preview of a page 200 inches wide", lambda tmp: ["preview", str(raw_pdf(tmp / "wall.pdf", b"/MediaBox [0 0 14400 14400]")),
                                                               "--out", str(tmp / "png")], 1, (
            f"{T}/wall.pdf: page 1 at 100 dpi would be 400 megapixels; expected at most 150 (a lower --dpi)",)),
        Case("rotated PDF imposes", with_pdf("impose", lambda tmp: pdf(tmp / "turned.pdf", rotate=90)), 0,
             stdout=(f"wrote {T}/out/imposed.pdf  (booklet on letter: 4 page(s) in, 2 sheet side(s) out)",)),
        Case("mixed-size PDF imposes", with_pdf("impose", lambda tmp: pdf(tmp / "mixed.pdf", [(396, 612), (612, 792), (200, 300)]), "--scheme", "2up"), 0,
             stdout=(f"wrote {T}/out/imposed.pdf  (2up on letter: 3 page(s) in, 2 sheet side(s) out, 1 blank page(s) added)",)),

        # -- command-line options and output locations ---------------------------------
        Case("disk full while writing", _full_disk, 1, (
            f"{T}/out/demo-en-trifold-letter-home.pdf: cannot be written (No space left on device); the previous "
            "file is unchanged; expected a folder you may write to, with free space",), fault=disk_full),
        Case("--out is an existing file", _existing_file_as_out, 2, (
            f"Error: Invalid value for '--out': {T}/out is a file, not a folder; expected a folder (a new name makes one)",)),
        Case("--out inside a file", _out_under_a_file, 2, (
            f"Error: Invalid value for '--out': {T}/notes.txt/pdfs cannot be made: {T}/notes.txt is a file;",)),
        Case("--out where one may not write", _unwritable_out, 1, ("error: cannot write into ",), fault=refuse_root_writes),
        Case("impose -o inside a file", lambda tmp: ["impose", str(pdf(tmp / "in.pdf")), "--scheme", "2up", "-o",
                                                     str(garbage(tmp / "notes.txt") / "x.pdf")], 2, (
            f"Error: Invalid value for '-o' / '--output': cannot write {T}/notes.txt/x.pdf: {T}/notes.txt is a file, not a folder;",)),
        Case("test-sheet -o a folder", lambda tmp: ["test-sheet", "-o", str(tmp)], 2, (
            "Error: Invalid value for '-o' / '--output': File ",)),
        Case("unknown language", usage("build", "--doc", "{tmp}/demo", "--lang", "xx", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--lang': unknown language xx; expected one of: en,",)),
        Case("unknown layout", usage("build", "--doc", "{tmp}/demo", "--layout", "trifold-legal", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--layout': unknown layout trifold-legal (did you mean 'trifold-letter'?); expected one of:",)),
        Case("empty --lang", usage("build", "--doc", "{tmp}/demo", "--lang", "", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--lang':",)),
        Case("unknown print profile", usage("build", "--doc", "{tmp}/demo", "--print", "laser", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--print': unknown print profile laser; expected one of: commercial,",)),
        Case("unknown brand", usage("build", "--doc", "{tmp}/demo", "--brand", "acme", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--brand': unknown brand acme; expected one of: default, example-partner, all, "
            "a brand .yaml file or a folder of them$",)),
        # a wrong value is a usage error everywhere, with the likely one suggested
        Case("--lang in the wrong case", usage("build", "--doc", "{tmp}/demo", "--lang", "EN", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--lang': unknown language EN (did you mean 'en'?); expected one of: en, or all$",)),
        Case("--print misspelt in a list", usage("build", "--doc", "{tmp}/demo", "--print", "home,comercial", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--print': unknown print profile comercial (did you mean 'commercial'?); expected one of: commercial,",)),
        Case("--brand misspelt", usage("build", "--doc", "{tmp}/demo", "--brand", "exmple-partner", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--brand': unknown brand exmple-partner (did you mean 'example-partner'?);",)),
        Case("--brand file not there", usage("build", "--doc", "{tmp}/demo", "--brand", "{tmp}/ours.yaml", "--out", "{tmp}/out"), 2, (
            f"Error: Invalid value for '--brand': brand file {T}/ours.yaml not found; expected one of: default,",)),
        Case("kit --shop misspelt", usage("kit", "--doc", "{tmp}/demo", "--shop", "comercial", "--out", "{tmp}/kit"), 2, (
            "Error: Invalid value for '--shop': unknown print profile comercial (did you mean 'commercial'?); expected one print "
            "profile: commercial,",)),
        Case("kit --lang misspelt", usage("kit", "--doc", "{tmp}/demo", "--lang", "En", "--out", "{tmp}/kit"), 2, (
            "Error: Invalid value for '--lang': unknown language En (did you mean 'en'?);",)),
        Case("impose --print misspelt", lambda tmp: ["impose", str(pdf(tmp / "in.pdf")), "--scheme", "booklet", "--print", "hom",
                                                     "-o", str(tmp / "out.pdf")], 2, (
            "Error: Invalid value for '--print': unknown print profile hom (did you mean 'home'?); expected one print profile:",)),
        Case("impose --scheme misspelt", lambda tmp: ["impose", str(pdf(tmp / "in.pdf")), "--scheme", "trifod", "-o", str(tmp / "out.pdf")], 2, (
            "Error: Invalid value for '--scheme': 'trifod' is not one of 'booklet', 'trifold', '2up' (did you mean 'trifold'?).$",)),
        Case("impose --sheet in capitals", lambda tmp: ["impose", str(pdf(tmp / "in.pdf")), "--scheme", "booklet", "--sheet", "A4",
                                                        "-o", str(tmp / "out.pdf")], 2, (
            "Error: Invalid value for '--sheet': 'A4' is not one of 'letter', 'a4',",)),
        Case("check --print misspelt", lambda tmp: ["check", str(pdf(tmp / "in.pdf")), "--print", "commercial-x1"], 2, (
            "Error: Invalid value for '--print': unknown print profile commercial-x1 (did you mean 'commercial-x1a'?);",)),
        Case("--doc not a document folder", usage("build", "--doc", "{tmp}", "--out", "{tmp}/out"), 2, (
            f"Error: Invalid value for '--doc': {T} is not a document folder (expected {T}/en.yaml)",)),
        Case("unknown --booklet choice", usage("build", "--doc", "{tmp}/demo", "--booklet", "stapled", "--out", "{tmp}/out"), 2, (
            "Error: Invalid value for '--booklet': 'stapled' is not one of 'pages', 'imposed'.",)),
        Case("impose without --scheme", lambda tmp: ["impose", str(pdf(tmp / "in.pdf")), "-o", str(tmp / "out.pdf")], 2, (
            "Error: Missing option '--scheme'.",)),
        Case("check a file that is not there", lambda tmp: ["check", str(tmp / "missing.pdf")], 2, (
            "Error: Invalid value for 'PDF': File ",)),
    ]


def _svg(path: Path, body: str) -> Path:
    doctype = '<!DOCTYPE svg [<!ENTITY look "rect {fill: red}">]>' if "&look;" in body else ""
    path.write_text(doctype + '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                    f'width="100" height="50"><rect width="100" height="50" fill="#5B2A86"/>{body}</svg>')
    return path


def _svg_laughs(path: Path) -> Path:
    """An SVG whose DTD nests entities ten deep (a billion laughs, if anything expanded them)."""
    entities = '<!ENTITY e0 "ha">' + "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE svg [{entities}]>'
                    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><title>&e9;</title>'
                    '<rect width="100" height="50" fill="#5B2A86"/></svg>')
    return path


def _svg_dtd(path: Path) -> Path:
    """An SVG as editors write it: the SVG 1.1 DOCTYPE, and an entity used only in an attribute (Illustrator's namespaces)."""
    path.write_text('<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                    '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ENTITY ink "#5B2A86">]>'
                    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="&ink;"/></svg>')
    return path


def with_image(entry: str, **files: Callable[[Path], Path]) -> Callable[[Path], list[str]]:
    """The trifold flow carries an image block ``{id: pic, type: image, <entry>}``; ``files``
    are made in the document folder by name."""
    def make(tmp: Path) -> list[str]:
        folder = tmp / "demo"
        folder.mkdir()
        for name, maker in files.items():
            maker(folder / name.replace("_", "."))
        doc(tmp, SOURCE.replace("flow: [intro]", "flow: [intro, pic]") + f"  - {{id: pic, type: image, {entry}}}\n")
        return build_args(tmp)
    return make


def with_exchange(fmt: str, change: Callable[[str], str]) -> Callable[[Path], list[str]]:
    """A PO or XLIFF file exported from the demo's French, changed, to import."""
    def make(tmp: Path) -> list[str]:
        doc(tmp, fr=FRENCH)
        file = tmp / f"fr.{'po' if fmt == 'po' else 'xlf'}"
        assert invoke("export", "--doc", tmp / "demo", "--lang", "fr", "--format", fmt, "-o", file).code == 0
        file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")
        return ["import", str(file), "--doc", str(tmp / "demo")]
    return make


def _fresh_po(po: str) -> str:
    """The PO file with every fuzzy flag cleared: each text checked against the current English."""
    return po.replace("#, fuzzy\n", "")


def _older_export(tmp: Path) -> list[str]:
    """A PO exported before the English changed, brought back after the block was translated
    from the new English and reviewed."""
    folder = doc(tmp, fr=FRENCH)
    file = tmp / "fr.po"
    assert invoke("mark", "--doc", folder, "--lang", "fr", "--reviewed", "--all").code == 0
    assert invoke("export", "--doc", folder, "--lang", "fr", "-o", file).code == 0
    for path, old, new in ((folder / "en.yaml", "Hello **bold**", "Hi **bold**"), (folder / "fr.yaml", "Bonjour", "Salut")):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert invoke("mark", "--doc", folder, "--lang", "fr", "--reviewed", "intro").code == 0
    file.write_text(file.read_text(encoding="utf-8").replace('msgstr "Bonjour', 'msgstr "Bonjour donc'), encoding="utf-8")
    return ["import", str(file), "--doc", str(folder)]


def _po_without_header(po: str) -> str:
    """The PO file from its first entry with a msgctxt on: no comments, no header entry."""
    return po[po.index("\n#. ") + 1:] if "\n#. " in po else po[po.index("msgctxt"):]


def _entity_bomb(xliff: str) -> str:
    entities = '<!ENTITY e0 "ha">' + "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 10))
    return xliff.replace("<xliff", f"<!DOCTYPE xliff [{entities}]><xliff", 1).replace("Bonjour **gras**", "&e9; **gras**")


def _brand_text(tmp: Path, text: str) -> list[str]:
    doc(tmp)
    (tmp / "partner.yaml").write_text(text, encoding="utf-8")
    return build_args(tmp, "--brand", str(tmp / "partner.yaml"))


CASES = _case_rows()


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """Caches keyed by name are cleared before and after; the cache folder is the test's own."""
    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path / "cache"))
    root = os.environ.get("PAMPHLET_ROOT")
    clear_caches()
    yield
    if root is None:
        os.environ.pop("PAMPHLET_ROOT", None)
    else:
        os.environ["PAMPHLET_ROOT"] = root
    clear_caches()


def run_case(case: Case, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = tmp / "in"
    inputs.mkdir()
    args = case.make(inputs)
    before = snapshot(inputs)
    if case.fault:
        case.fault(monkeypatch)
    outcome = invoke(*args)
    monkeypatch.undo()
    after = snapshot(inputs)
    for name in case.kept:
        assert after[str(inputs / name)] == before[str(inputs / name)], f"{name} changed:\n{outcome.stdout}"
    assert not outcome.traceback, outcome.traceback
    assert "Traceback" not in outcome.stderr
    assert outcome.code == case.code, (outcome.stdout, outcome.stderr)
    lines = outcome.stderr.splitlines()
    for expected in case.messages:
        expected = expected.format(tmp=inputs)
        if expected.endswith("$"):  # the whole line
            assert expected[:-1] in lines, f"{expected!r} not in:\n{outcome.stderr}"
        else:
            assert any(line.startswith(expected) for line in lines), f"{expected!r} not in:\n{outcome.stderr}"
    for expected in case.stdout:
        assert expected.format(tmp=inputs) in outcome.stdout, outcome.stdout
    if case.code and not case.written:
        assert snapshot(inputs) == before, "a failed run changed its inputs or wrote output"
        assert lines[-1].endswith("nothing was written.") or not lines[-1].startswith(("1 problem", "2 problem"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case, tmp_path, fresh, monkeypatch):
    run_case(case, tmp_path, monkeypatch)


def test_asset_paths_inside_their_folder_are_found(tmp_path):
    from pamphlet.errors import Location, PamphletError
    from pamphlet.projectdirs import asset_path

    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "logo.png").write_bytes(b"x")
    (tmp_path / "same.png").symlink_to(tmp_path / "art" / "logo.png")  # a link that stays inside is fine
    where = Location(tmp_path / "brand.yaml", 3)
    assert asset_path("art/logo.png", tmp_path, where) == tmp_path.resolve() / "art" / "logo.png"
    assert asset_path("./same.png", tmp_path, where, "logo") == tmp_path.resolve() / "art" / "logo.png"
    for bad, says in [("", "file path is empty"), ("art/../art/logo.png", "goes up out of its folder"),
                      ("/tmp/x.png", "is an absolute path")]:
        with pytest.raises(PamphletError) as info:
            asset_path(bad, tmp_path, where)
        assert says in str(info.value) and str(where) in str(info.value)


def test_logo_colours_survive_their_bit_depth_and_colour_model(tmp_path):
    """16-bit grey is scaled to 8 bits, not clipped to white; a CMYK logo in a
    CMYK PDF keeps its own ink values."""
    from PIL import Image

    from pamphlet.partner.brand import Colour
    from pamphlet.render.rastercolour import image_for_output

    from .bad_files import image

    paper = Colour((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))
    grey = image_for_output(image(tmp_path / "grey.png", "I;16"), "rgb", paper)
    assert grey.getpixel((10, 10)) == (116, 116, 116)  # 30000 / 65535 of white
    cmyk_path = image(tmp_path / "ink.tif", "CMYK")
    assert image_for_output(cmyk_path, "cmyk", paper).getpixel((10, 10)) == Image.open(cmyk_path).getpixel((10, 10))


IN_A_REAL_PROCESS = ("alias bomb", "encrypted PDF to impose", "--out is an existing file", "font cut short",
                     "NUL written as an escape", "logo claiming 2 gigapixels")


@pytest.mark.parametrize("name", IN_A_REAL_PROCESS)
def test_bad_input_in_a_real_process(name, tmp_path):
    """The same rows through a real interpreter: what reaches the terminal, exit status included."""
    import subprocess
    import sys

    case = next(c for c in CASES if c.name == name)
    inputs = tmp_path / "in"
    inputs.mkdir()
    args = case.make(inputs)
    before = snapshot(inputs)
    env = {**os.environ, "PAMPHLET_CACHE": str(tmp_path / "cache")}
    env.pop("PAMPHLET_ROOT", None)
    result = subprocess.run([sys.executable, str(ROOT / "make_pamphlet.py"), *args], capture_output=True, text=True,
                            cwd=ROOT, env=env)
    assert result.returncode == case.code
    assert "Traceback" not in result.stderr and not result.stdout
    for expected in case.messages:
        assert any(line.startswith(expected.format(tmp=inputs)) for line in result.stderr.splitlines()), result.stderr
    assert snapshot(inputs) == before


@pytest.mark.parametrize("entry, message", [
    ("th: {scna: สแกน}", "text/words.yaml:1: unknown word 'scna' for 'th' (did you mean 'scan'?); expected one of: scan"),
    ("th: สแกน", "text/words.yaml:1: the words of 'th' are 'สแกน'; expected a mapping such as {scan: Scan for our website}"),
    ("th: {scan: [a, b]}", "text/words.yaml:1: 'scan' for 'th' is ['a', 'b']; expected the words as text"),
])
def test_a_bad_entry_of_the_words_file_is_named_at_its_line(tmp_path, monkeypatch, entry, message):
    """text/words.yaml (the words the pamphlet prints by itself): a typo'd key
    had printed the English without a word said, a bad value had raised a
    traceback."""
    from pamphlet.errors import PamphletError
    from pamphlet.languages import printed_words

    project = make_project(tmp_path / "project")
    (project / "text" / "words.yaml").write_text(entry + "\nfr: {scan: Scannez}\n", encoding="utf-8")
    monkeypatch.setenv("PAMPHLET_ROOT", str(project))
    clear_caches()
    try:
        assert printed_words("fr") == {"scan": "Scannez"}  # another language's entry stands
        with pytest.raises(PamphletError) as info:
            printed_words("th")
        assert [str(p).replace(str(project) + "/", "") for p in info.value.problems] == [message]
    finally:
        monkeypatch.delenv("PAMPHLET_ROOT")
        clear_caches()


def test_the_shipped_words_file_reads_clean_in_every_language():
    """Each language's words are whole (a comma in an unquoted flow value had
    cut the Russian and Ukrainian captions at the comma)."""
    import yaml

    from pamphlet.languages import languages, printed_words

    written = yaml.safe_load((ROOT / "text" / "words.yaml").read_text(encoding="utf-8"))
    for code in languages():
        assert printed_words(code)["scan"] == written.get(code, written["en"])["scan"]
    assert printed_words("ru")["scan"] == "Отсканируйте, чтобы открыть наш сайт"
