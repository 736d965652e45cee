"""The whole pipeline, one short function per PDF:

    content -> text/layout (compose) -> render -> impose -> check -> write

``build`` runs a batch, the matrix brands x languages x layouts x print
profiles (one ``BuildItem`` each), in one process, so fonts, dictionaries and
shaped text are loaded once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable

from .buildcontext import remembered
from .check.findings import FAIL_PPI_COMMERCIAL, FAIL_PPI_HOME, WARN_PPI, failures
from .check.verdictcache import checked
from .content.load import load_document
from .content.model import Document
from .errors import Location, PamphletError, Problem, Problems
from .impose import plans
from .impose.sheetcache import PdfxLabel, bookmarked, imposed, prepended
from .impose.style import SheetStyle
from .instructions import pages_said, print_instructions
from .languages import language
from .output import check_writable, write_output
from .partner.brand import DEFAULT_BRAND, Brand, brand_key, load_brand
from .fitcache import fit_memory
from .layout.flow import Composition, compose
from .layout.spec import LayoutSpec
from .layouts import is_screen, load_layout
from .partner.edition import PartnerSlot, check as check_partner, co_brand
from .profiles import SCREEN, PrintProfile, load_profile, text_clipped
from .render.draw import render_tagged
from .render.tags import Structure, outline_of
from .text.fontlibrary import library_with
from .translate.notes import content_warnings, strict_problems


@dataclass(frozen=True)
class BuildOptions:
    """Everything the command line can ask of a build."""

    doc: Path
    langs: tuple[str, ...]
    layouts: tuple[str, ...]
    profiles: tuple[str, ...] = ("home",)
    out_dir: Path = Path("out")
    brands: tuple[str, ...] = (DEFAULT_BRAND,)  # names in brands/ or paths to brand files
    booklet: str | None = None  # "pages" or "imposed": overrides the profile
    instructions_page: bool = False  # home print: a first sheet saying how to print
    creep: str = "auto"  # booklets: auto (on above 8 pages), on or off
    paper_path: str | None = None  # manual duplex: overrides the profile's (impose/paperpath.py)
    strict: bool = False  # refuse translations with stale or missing blocks
    jobs: int = 1  # worker processes for a batch (batch.py); 1 builds in this process

    def items(self) -> tuple[BuildItem, ...]:
        """The matrix, in the order it is built and reported: a screen
        layout once per brand and language, whatever the print profiles."""
        return tuple(BuildItem(brand, lang, layout, SCREEN.name if is_screen(layout) else profile)
                     for brand in self.brands for lang in self.langs for layout in self.layouts
                     for profile in (self.profiles[:1] if is_screen(layout) else self.profiles))


@dataclass(frozen=True)
class BuildItem:
    """One PDF of a batch."""

    brand: str
    lang: str
    layout: str
    profile: str

    def __str__(self) -> str:
        brand = brand_key(self.brand)
        return " ".join(([] if brand == DEFAULT_BRAND else [brand]) + [self.lang, self.layout, self.profile])


@dataclass(frozen=True)
class CoverBox:
    """Where the front cover lies in the written PDF: a page (0-based) and a
    rectangle in its points from the lower left (turned 180° on a side a
    manual-duplex plan turns), for thumbnails."""

    page: int
    x: float
    y: float
    width: float
    height: float
    rotate: int = 0


@dataclass(frozen=True)
class PageFill:
    """How full one reader page's frame is, and the block it starts with."""

    page: str
    slot: str  # cover | flow | back | blank
    fill: float  # 0 to 1
    first_block: str = ""  # '' where the frame holds no block


@dataclass(frozen=True)
class BuildResult:
    """What one build wrote, and what to tell the user about it."""

    path: Path
    doc: str
    lang: str
    layout: str
    print: str
    brand: str  # the brand's key: its file name without .yaml
    pages: int  # pages in the written PDF (sheet sides, or single pages)
    reader_pages: int
    sheet_size_pt: tuple[float, float]
    body_font_size_pt: float
    warnings: tuple[str, ...] = ()
    instructions: tuple[str, ...] = field(default=())
    content_warnings: tuple[str, ...] = ()  # about the translation file (also in warnings), said once per file
    holds: str = ""  # what the PDF holds, in words: '12 pages on 3 sheets, two-sided'
    cover: CoverBox | None = None
    fill: tuple[PageFill, ...] = ()  # per reader page

    def as_json(self) -> dict:
        record = asdict(self)
        record["path"] = str(self.path)
        record["sheet_size_pt"] = [round(v, 2) for v in self.sheet_size_pt]
        record["warnings"] = list(self.warnings)
        record["instructions"] = list(self.instructions)
        record["fill"] = [{"page": f.page, "slot": f.slot, "fill": round(f.fill, 3), "first_block": f.first_block}
                          for f in self.fill]
        return record


def output_name(doc_id: str, lang: str, layout: str, profile: str, brand: str = DEFAULT_BRAND) -> str:
    """``<doc>-<brand>-<lang>-<layout>-<print>.pdf``, the brand left out for
    the default, the print profile for the screen edition."""
    parts = [doc_id] + ([] if brand == DEFAULT_BRAND else [brand]) + [lang, layout] + ([] if profile == SCREEN.name else [profile])
    return "-".join(parts) + ".pdf"


@remembered
def _text_weight(folder: Path, lang: str) -> float:
    """How much a language's build costs, roughly, for handing out work: the
    distinct characters of its text, which are the glyphs its fonts are cut
    down to and whose text is shaped (a Chinese text has about eight times an
    English one's, in a font five to ten times the size)."""
    try:
        return float(len(set((Path(folder) / f"{lang}.yaml").read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError):
        return 1.0


def build(options: BuildOptions, on_start: Callable[[int, BuildItem], None] | None = None) -> list[BuildResult]:
    """Build the whole matrix. All inputs are validated first, and every
    problem found is reported together before anything is rendered; then
    every item is built (on ``options.jobs`` processes, see ``batch``), and
    the problems of the items that failed are reported together, in item
    order. ``on_start(index, item)`` is told of each item, in order."""
    from functools import partial

    from .batch import run

    validate(options)
    outcomes = run(options.items(), partial(build_item, options), options.jobs, on_start,
                   group_key=lambda item: (item.brand, item.lang), weight=lambda item: _text_weight(options.doc, item.lang))
    problems = [problem for outcome in outcomes for problem in outcome.problems]
    if problems:
        raise PamphletError(problems, written=tuple(o.result.path for o in outcomes if o.result is not None))
    return [outcome.result for outcome in outcomes]


def validate(options: BuildOptions) -> None:
    """Every input of the matrix read and checked; all problems raised together."""
    problems = Problems()
    keys: dict[str, str] = {}
    for name in options.brands:
        key = brand_key(name)
        if keys.setdefault(key, name) != name:
            problems.add(None, f"brands {keys[key]} and {name} would write the same file names ('{key}')",
                         "expected brand files with different names")
    for step in ([lambda lang=lang: load_document(options.doc, lang) for lang in options.langs]
                 + [lambda name=name: load_layout(name) for name in options.layouts]
                 + [lambda name=name: load_profile(name) for name in options.profiles]
                 + [lambda name=name: load_brand(name) for name in options.brands]):
        try:
            step()
        except PamphletError as exc:
            problems.extend(exc)
    if options.strict:
        for lang in options.langs:
            try:
                problems.extend(strict_problems(load_document(options.doc, lang)))
            except PamphletError:
                pass  # reported above
    problems.raise_if_any()
    source = load_document(options.doc, options.langs[0])
    for name in options.layouts:
        _check_edition(load_layout(name), source, options.doc, problems)
    for name in options.brands:
        problems.extend(check_partner(source, load_brand(name)))
    problems.raise_if_any()
    for name in options.layouts:  # text nearer the sheet edge than the printer prints would be cut
        for profile in options.profiles:
            layout, printer = load_layout(name), load_profile(profile)
            clipped = text_clipped(printer, layout, options.booklet or printer.booklet)
            if clipped:
                problems.append(clipped)
    problems.raise_if_any()
    for name in options.brands:
        for profile in options.profiles:
            _check_logo(load_brand(name), load_profile(profile))
    check_writable(options.out_dir)


def _check_edition(spec: LayoutSpec, source, doc: Path, problems: Problems) -> None:
    """The edition a layout asks for is one the document defines; if not,
    the layout file is at fault, at its ``edition:`` line (or the file, when
    the edition is the scheme's by default)."""
    if spec.edition in source.editions:
        return
    from .yamlsource import load

    data = load(spec.path)
    line = data.line_of("edition") if "edition" in data else None
    problems.add(Location(spec.path, line), f"layout '{spec.name}' asks for edition '{spec.edition}', which {doc.name}/en.yaml does not define",
                 f"expected one of its editions: {', '.join(sorted(source.editions))}")


def _check_logo(brand, profile: PrintProfile) -> None:
    """A logo too coarse for its printed size fails before anything is drawn."""
    logo = brand.logo
    least = FAIL_PPI_COMMERCIAL if profile.commercial else FAIL_PPI_HOME
    if logo is not None and logo.ppi is not None and logo.ppi < least:
        raise PamphletError(Problem(
            logo.where,
            f"logo {logo.path.name} ({logo.pixels[0]} x {logo.pixels[1]} px over {logo.width / 72:.2f} in) prints at {logo.ppi:.0f} ppi",
            f"expected at least {least} ppi for '{profile.name}' ({WARN_PPI} for sharp print): a larger image, or a smaller logo width"))


def _check_art(document, spec: LayoutSpec, profile: PrintProfile) -> list[str]:
    """Bitmaps of the edition at the size they will print: too coarse fails
    before anything is drawn (file:line of the image), below 300 ppi warns."""
    from .content.artfile import read_art

    least = FAIL_PPI_COMMERCIAL if profile.commercial else FAIL_PPI_HOME
    problems, warnings = Problems(), []
    for block_id in document.editions[spec.edition].block_ids:
        block = document.block(block_id)
        if block.type != "image" or block.image is None:
            continue
        art = read_art(block.image.path)
        width = block.image.placed_width(spec.text_width)
        ppi = art.ppi(width)
        if ppi is None:
            continue  # vector art has no resolution
        said = f"image '{block.id}' ({art.path.name}, {art.pixels[0]} x {art.pixels[1]} px over {width / 72:.2f} in) prints at {ppi:.0f} ppi in {spec.name}"
        if ppi < least:
            problems.add(block.image.where, said, f"expected at least {least} ppi for '{profile.name}' ({WARN_PPI} for sharp print): a larger image, or a smaller width")
        elif ppi < WARN_PPI:
            warnings.append(f"{said}; {WARN_PPI} ppi prints sharp")
    problems.raise_if_any()
    return warnings


def build_one(options: BuildOptions, lang: str, layout_name: str) -> BuildResult:
    """One language and layout, in the options' first brand and profile."""
    return build_item(options, BuildItem(options.brands[0], lang, layout_name, options.profiles[0]))


@dataclass(frozen=True)
class Job:
    """One PDF, worked out before anything is drawn: the loaded inputs (the
    document with the brand's blocks), how it is printed (booklet mode,
    bleed, sheet style, PDF/X label), its metadata, where it goes, and the
    warnings found while loading."""

    item: BuildItem
    document: Document
    spec: LayoutSpec
    profile: PrintProfile
    brand: Brand
    partner: PartnerSlot
    booklet: str  # 'pages' or 'imposed': the options', else the profile's
    bleed: float
    style: SheetStyle
    metadata: tuple[tuple[str, str], ...]  # the imposed file's info, in order
    label: PdfxLabel | None
    with_sheet: bool  # a first sheet saying how to print (home print, when asked)
    path: Path
    notes: tuple[str, ...]  # about the translation file, before the brand adds its blocks
    art_warnings: tuple[str, ...]

    @property
    def single_pages(self) -> bool:
        """A booklet written as its pages in reading order, not imposed."""
        return self.spec.scheme == "screen" or (self.spec.scheme == "booklet" and self.booklet == "pages")


def build_item(options: BuildOptions, item: BuildItem) -> BuildResult:
    """One PDF: its job worked out, then composed, rendered, imposed, checked and written."""
    job = describe_job(options, item)
    library = library_with(job.brand.fonts, job.document.fonts)
    logo = job.brand.logo if job.partner.logo is None else None  # the publisher's own heads the back
    memory = fit_memory(job.document, job.spec, language(item.lang), library, logo, job.partner)
    composition = compose(job.document, job.spec, language(item.lang), library, logo, job.partner, memory)
    plan = _plan(job.spec, composition, job.profile, job.booklet, options.creep)
    pdf = imposed(*_render(job, composition), plan, job.style, job.bleed, dict(job.metadata), job.label)
    if job.spec.scheme == "screen":
        pdf = bookmarked(pdf, _bookmarks(job.document, composition))
    instructions = print_instructions(job.spec, job.profile, plan, job.booklet, 3 if job.with_sheet else 1)
    if job.with_sheet:
        pdf = prepended(*_instructions_sheet(job, instructions, plan), pdf)
    findings = _preflight(job, pdf)
    write_output(job.path, pdf)
    return _result(job, composition, plan, instructions, findings)


def _bookmarks(document: Document, composition: Composition) -> list:
    """The title and every heading, at the page and height of its first line
    (the screen edition's pages are the PDF's, in order); a heading of level 2
    under the level-1 heading before it."""
    from .impose.bookmarks import Bookmark
    from .layout.typeset import TextLine

    types = {b.id: b for b in document.blocks}
    found, seen, under = [], set(), False
    for index, page in enumerate(composition.pages):
        for item in page.items:
            block = types.get(item.tag.split("#")[0]) if isinstance(item, TextLine) else None
            if block is None or block.id in seen or block.type not in ("title", "heading") or not item.tag.endswith("#text"):
                continue
            seen.add(block.id)
            level = 0 if block.type == "title" or block.level == 1 else int(under)
            under = under or (block.type == "heading" and block.level == 1)
            found.append(Bookmark(block.text.plain, index, page.page.height - item.baseline + item.size, level))
    return found


def describe_job(options: BuildOptions, item: BuildItem) -> Job:
    """The inputs of one PDF loaded and checked (partner rules, art
    resolution), and everything about printing it worked out once."""
    document = load_document(options.doc, item.lang)
    spec = load_layout(item.layout)
    profile = SCREEN if spec.scheme == "screen" else load_profile(item.profile)
    if options.paper_path:  # the printer's own paper path, for manual duplex
        profile = replace(profile, paper_path=options.paper_path)
    brand = load_brand(item.brand)
    notes = content_warnings(document)  # about the translation file, before the brand adds its own blocks
    locked = check_partner(document, brand)
    if locked:
        raise PamphletError(locked)
    document, partner = co_brand(document, brand)
    art_warnings = _check_art(document, spec, profile)  # the brand's mark too
    bleed = spec.bleed if profile.bleed else 0.0
    style = SheetStyle(
        bleed=bleed,
        safe_edge=profile.unprintable_edge,
        # Media around the trim: the bleed, plus room for marks when there are any.
        mark_space=_mark_space(bleed) if (profile.crop_marks or profile.fold_marks == "marks") else bleed,
        crop_marks=profile.crop_marks,
        fold_marks=profile.fold_marks,
        colour_model=profile.colour,
    )
    metadata = (("Title", document.title), ("Author", document.organisation), ("Creator", "pamphlet"),
                ("Producer", "pamphlet"), ("Subject", f"{document.id} ({item.lang}, {item.layout}, {profile.name})"))
    return Job(
        item=item, document=document, spec=spec, profile=profile, brand=brand, partner=partner,
        booklet=options.booklet or profile.booklet, bleed=bleed, style=style, metadata=metadata,
        label=PdfxLabel(profile.pdfx, profile.output_intent, document.title) if profile.pdfx else None,
        with_sheet=options.instructions_page and not profile.commercial and spec.scheme != "screen",
        path=options.out_dir / output_name(document.id, item.lang, item.layout, profile.name, brand_key(item.brand)),
        notes=tuple(notes), art_warnings=tuple(art_warnings),
    )


def _render(job: Job, composition: Composition) -> tuple[bytes, Structure]:
    """The reader-order PDF of the composed pages, and its structure (for tagging)."""
    document, item = job.document, job.item
    return render_tagged(composition, job.brand, job.profile.colour, job.bleed, title=document.title,
                         author=document.organisation, subject=f"{document.id} ({item.lang}, {item.layout})",
                         output_profile=job.profile.output_profile, no_transparency=job.profile.no_transparency,
                         outline=outline_of(document))


def _instructions_sheet(job: Job, instructions: list[str], plan: plans.Plan) -> tuple[bytes, Structure]:
    """The first sheet of a home print, saying how to print the rest, and its structure."""
    from .render.instructions_page import instructions_pdf

    sheet = (plan.sides[0].width, plan.sides[0].height)
    title = f"{job.document.title} ({job.item.lang}, {job.item.layout})"
    return instructions_pdf(instructions, title, sheet, job.brand)


def _preflight(job: Job, pdf: bytes) -> list:
    """The written file's preflight findings; a failure stops the build."""
    findings = checked(pdf, job.profile)
    if failures(findings):
        raise PamphletError([Problem(None, f"preflight of {job.item.layout} ({job.item.lang}): {f}") for f in failures(findings)])
    return findings


def _result(job: Job, composition: Composition, plan: plans.Plan, instructions: list[str], findings: list) -> BuildResult:
    side, spec, extra = plan.sides[0], job.spec, (2 if job.with_sheet else 0)
    return BuildResult(
        path=job.path, doc=job.document.id, lang=job.item.lang, layout=job.item.layout, print=job.profile.name,
        brand=brand_key(job.item.brand),
        pages=len(plan.sides) + extra,
        reader_pages=len(composition.pages),
        sheet_size_pt=(side.width, side.height), body_font_size_pt=composition.body_size,
        warnings=tuple([*job.notes, *_warnings(job.document, spec, composition), *job.art_warnings,
                        *(f"preflight: {f}" for f in findings)]),
        instructions=tuple(instructions),
        content_warnings=job.notes,
        holds=pages_said(spec.scheme, len(composition.pages), len(plan.sides), job.single_pages, job.with_sheet),
        cover=_cover_box(plan, job.style.mark_space, extra),
        fill=tuple(PageFill(p.page.name, p.page.slot, p.fill, p.first_block) for p in composition.pages),
    )


def _cover_box(plan: plans.Plan, margin: float, first_page: int) -> CoverBox | None:
    """The reader's page 1 on the sheet side that carries it; ``margin`` is
    the media the imposition adds around every side."""
    for n, side in enumerate(plan.sides):
        for slot in side.placements:
            if slot.page == 0:
                x, y = slot.x + margin, slot.y + margin
                if side.rotate == 180:
                    x = side.width + 2 * margin - x - slot.width
                    y = side.height + 2 * margin - y - slot.height
                return CoverBox(first_page + n, x, y, slot.width, slot.height, side.rotate)
    return None


def _mark_space(bleed: float) -> float:
    return max(36.0, bleed + 27.0)


def _plan(spec: LayoutSpec, composition: Composition, profile: PrintProfile, booklet: str, creep: str) -> plans.Plan:
    sizes = [(p.page.width, p.page.height) for p in composition.pages]
    if spec.scheme == "trifold":
        plan = plans.trifold([w for w, _ in sizes], spec.sheet[1])
    elif booklet == "pages" or spec.scheme == "screen":
        return plans.pages_only(sizes)
    else:
        # Creep matters once the stack is thick: on above 8 pages unless asked.
        use_creep = creep == "on" or (creep == "auto" and len(sizes) > 8)
        plan = plans.booklet(len(sizes), *spec.page, creep=profile.paper_thickness if use_creep else 0.0,
                             sheet_width=spec.sheet[0])
    if composition.rtl:  # the cover on the left, a booklet bound on the right
        plan = plans.mirrored(plan)
    return plans.manual_duplex(plan, profile.paper_path) if profile.duplex == "manual" else plan


def _warnings(document, spec: LayoutSpec, composition: Composition) -> list[str]:
    """What needs a person's eye. A body size chosen within the layout's
    range is the fit doing its job (it is in the result, body_font_size_pt);
    only the smallest size with no room to grow is worth a warning (a tri-fold,
    or a booklet at its most pages): the next addition overflows."""
    found = []
    full = spec.scheme == "trifold" or len(composition.pages) >= spec.max_pages
    if composition.body_size <= spec.body_min and full:
        found.append(f"body text at the layout's smallest size ({spec.body_min:g} pt): it only just fits, so any longer "
                     "text will not; shorten it, or move blocks out of this edition")
    if composition.blank_pages:
        found.append(f"{composition.blank_pages} blank page(s) added before the back cover to make a multiple of four")
    for block_id in composition.forced_breaks:
        found.append(f"block '{block_id}': a word is wider than the line and was broken between letters")
    return found
