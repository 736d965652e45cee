"""The fit of a translation in each layout: the body size the fit search
chose, how full each panel or page is, and the blocks close to overflowing.

Flow frames before the last are full by design (the text goes on in the
next one), so what is close to overflowing is a fixed frame (cover, back)
or the last flow frame at least ``NEARLY_FULL`` full: one more line there
and the fit must shrink the text, add a sheet, or fail. A layout that does
not fit at all reports the overflow the build would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.model import Document
from ..errors import PamphletError
from ..languages import language
from ..fitcache import fit_memory
from ..layout.flow import compose
from ..layouts import load_layout
from ..layout.typeset import TextLine
from ..text.fontlibrary import library_with

NEARLY_FULL = 0.95


@dataclass(frozen=True)
class PageFit:
    name: str
    slot: str
    fill: float
    block_ids: tuple[str, ...]


@dataclass(frozen=True)
class LayoutFit:
    layout: str
    body_size: float | None  # None: does not fit
    body_min: float
    body_max: float
    pages: tuple[PageFit, ...] = ()
    problem: str = ""  # why it does not fit
    composition: object = field(default=None, compare=False, repr=False)  # the placed pages, for thumbnails

    @property
    def shrunk(self) -> bool:
        return self.body_size is not None and self.body_size < self.body_max

    @property
    def tight_pages(self) -> tuple[PageFit, ...]:
        """Frames with no room to grow: a nearly full cover or back, or last flow frame."""
        flow = [p for p in self.pages if p.slot == "flow"]
        last = flow[-1] if flow else None
        return tuple(p for p in self.pages if p.fill >= NEARLY_FULL and (p.slot in ("cover", "back") or p is last))

    @property
    def near_overflow(self) -> tuple[str, ...]:
        """Blocks on frames with no room to grow, in reading order."""
        return tuple(dict.fromkeys(b for p in self.tight_pages for b in p.block_ids))

    def as_json(self) -> dict:
        return {"layout": self.layout, "body_size_pt": self.body_size, "body_range_pt": [self.body_min, self.body_max],
                "pages": [{"name": p.name, "slot": p.slot, "fill": round(p.fill, 3), "blocks": list(p.block_ids)} for p in self.pages],
                "near_overflow": list(self.near_overflow), "problem": self.problem}


def fit_report(doc: Document, layouts: list[str], brand) -> list[LayoutFit]:
    """How the edition fits each layout, set as a build sets it: with the
    brand's replaced blocks and its slot on the back (the QR code, a
    partner's contact), which take room from the text."""
    from ..partner.edition import co_brand

    doc, partner = co_brand(doc, brand)
    library = library_with(brand.fonts, doc.fonts)
    owners = {}
    for block in doc.blocks:
        for _, text in block.fields():
            owners.setdefault(text.plain, block.id)
    found = []
    for name in layouts:
        spec = load_layout(name)
        if spec.edition not in doc.editions:
            continue
        try:
            memory = fit_memory(doc, spec, language(doc.lang), library, brand.logo, partner)
            composition = compose(doc, spec, language(doc.lang), library, brand.logo, partner, memory)
        except PamphletError as exc:
            found.append(LayoutFit(name, None, spec.body_min, spec.body_max, problem="; ".join(p.message for p in exc.problems)))
            continue
        pages = []
        for placed in composition.pages:
            ids = [owners.get(item.shaped.text) for item in placed.items if isinstance(item, TextLine)]
            pages.append(PageFit(placed.page.name, placed.page.slot, placed.fill, tuple(dict.fromkeys(i for i in ids if i))))
        found.append(LayoutFit(name, composition.body_size, spec.body_min, spec.body_max, tuple(pages), composition=composition))
    return found
