"""Build a print kit: the matrix (brands x languages x layouts, each for a
home printer and a print shop, and each language's screen edition to read
on a phone and share) into ``DIR/pdf/``, cover thumbnails into
``DIR/thumbs/``, and ``DIR/index.html`` that links them.

In:  KitOptions.
Out: the Kit written (index.html last, so a kit folder with an index is
     complete), and returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..content.load import load_document
from ..languages import language
from ..partner.brand import brand_key, load_brand
from ..layouts import available_layouts, is_screen, load_layout
from ..output import write_atomic
from ..pipeline import BuildItem, BuildOptions, BuildResult, build
from ..profiles import load_profile
from .webfonts import write_web_fonts
from .page import kit_html
from .thumbs import cover_thumbnail

PDF_DIR, THUMB_DIR = "pdf", "thumbs"


@dataclass(frozen=True)
class KitOptions:
    """What a print kit holds and where it is written."""

    doc: Path
    langs: tuple[str, ...]
    layouts: tuple[str, ...]
    brands: tuple[str, ...]
    out_dir: Path
    home: str = "home"
    shop: str = "commercial"
    jobs: int = 1  # worker processes for the PDFs (see batch.py)


@dataclass(frozen=True)
class KitLayout:
    """One layout of one language: its two PDFs."""

    layout: str
    description: str
    home: BuildResult
    shop: BuildResult


@dataclass(frozen=True)
class KitColours:
    """A brand's palette as the kit page shows it: CSS hex colours."""

    ink: str
    muted: str
    accent: str
    tint: str
    warm: str
    on_accent: str  # text on an accent field: the brand's paper

    @classmethod
    def of(cls, palette: dict) -> KitColours:
        def hex_of(name: str) -> str:
            return "#" + "".join(f"{round(v * 255):02x}" for v in palette[name].rgb)

        return cls(hex_of("ink"), hex_of("muted"), hex_of("accent"), hex_of("tint"), hex_of("warm"), hex_of("paper"))

    def css(self) -> tuple[tuple[str, str], ...]:
        """(CSS variable name, value) pairs."""
        return tuple((name.replace("_", "-"), getattr(self, name)) for name in self.__dataclass_fields__)


@dataclass(frozen=True)
class KitLanguage:
    """One language of one brand's edition: its cover and its layouts."""

    brand: str  # key
    brand_name: str
    lang: str
    lang_name: str
    title: str  # the document's title in this language
    drafts: int  # blocks awaiting a translator's review
    blocks: int
    thumbnail: str  # path relative to index.html
    thumbnail_size: tuple[int, int]
    layouts: tuple[KitLayout, ...]
    colours: KitColours  # the brand's
    screen: BuildResult | None = None  # the edition to read on a phone and share


@dataclass(frozen=True)
class Kit:
    """Every edition of a print kit, in the order the page lists them."""

    title: str
    organisation: str
    home_description: str
    shop_description: str
    languages: tuple[KitLanguage, ...]

    @property
    def brands(self) -> list[str]:
        return list(dict.fromkeys(entry.brand for entry in self.languages))


def make_kit(options: KitOptions, on_start: Callable[[int, BuildItem], None] | None = None) -> Kit:
    out = options.out_dir
    printed = tuple(name for name in options.layouts if not is_screen(name))
    screens = [name for name in options.layouts if is_screen(name)] or [n for n in available_layouts() if is_screen(n)]
    build_options = BuildOptions(doc=options.doc, langs=options.langs, layouts=printed + tuple(screens[:1]),
                                 profiles=(options.home, options.shop), brands=options.brands, out_dir=out / PDF_DIR,
                                 jobs=options.jobs)
    results = {(r.brand, r.lang, r.layout, r.print): r for r in build(build_options, on_start)}
    screen_of = {(r.brand, r.lang): r for r in results.values() if is_screen(r.layout)}
    entries = []
    for brand in options.brands:
        key = brand_key(brand)
        for lang in options.langs:
            document = load_document(options.doc, lang)
            layouts = tuple(KitLayout(name, load_layout(name).description, results[(key, lang, name, options.home)],
                                      results[(key, lang, name, options.shop)]) for name in printed)
            cover = layouts[0].shop  # full bleed: no unprintable edge around the cover
            thumb = Path(THUMB_DIR) / f"{cover.path.stem.removesuffix('-' + options.shop)}-cover.png"
            size = cover_thumbnail(cover, out / thumb)
            loaded = load_brand(brand)
            entries.append(KitLanguage(
                brand=key, brand_name=loaded.name, lang=lang, lang_name=language(lang).name, title=document.title,
                drafts=sum(1 for b in document.blocks if b.status == "draft"),
                blocks=len(document.blocks), thumbnail=thumb.as_posix(), thumbnail_size=size, layouts=layouts,
                colours=KitColours.of(loaded.palette), screen=screen_of.get((key, lang))))
    source = load_document(options.doc, "en")
    kit = Kit(source.title, source.organisation, load_profile(options.home).description,
              load_profile(options.shop).description, tuple(entries))
    texts: dict = {}
    for entry in kit.languages:
        texts.setdefault(language(entry.lang), []).extend((entry.lang_name, entry.title))
    fonts = write_web_fonts(texts, out)
    write_atomic(out / "index.html", kit_html(kit, out, fonts).encode("utf-8"))
    return kit

