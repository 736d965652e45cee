"""proof: gather the blocks, their statuses and the fit, then draw and write."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.inline import parse_inline
from ..content.load import SOURCE_LANG, load_document
from ..content.model import Block, ContactLine, Text
from ..partner.brand import load_brand
from ..layouts import available_layouts, is_screen
from ..output import write_atomic
from ..translate.history import english_as_it_was
from ..translate.labels import field_label
from ..translate.status import translation
from .fit import LayoutFit, fit_report
from .sheet import ProofBlock, compose_proof, proof_brand


THUMB_DPI = 32  # thumbnails 120 pt tall get about 2 pixels per point (a screen at 100% shows 1.3)


@dataclass(frozen=True)
class ProofResult:
    path: Path
    lang: str
    blocks: int
    counts: dict
    stale_ids: tuple[str, ...]
    missing_ids: tuple[str, ...]
    fits: tuple[LayoutFit, ...]
    pages: int

    def as_json(self) -> dict:
        return {"path": str(self.path), "lang": self.lang, "blocks": self.blocks, **self.counts,
                "stale_ids": list(self.stale_ids), "missing_ids": list(self.missing_ids), "pages": self.pages,
                "fit": [f.as_json() for f in self.fits]}


def proof_name(doc_id: str, lang: str) -> str:
    return f"{doc_id}-{lang}-proof.pdf"


def _as_it_was(block: Block, fields: dict[str, str]) -> Block | None:
    """The source block with the English a history entry recorded."""
    def text(path: tuple, now: Text) -> Text:
        markup = fields.get(field_label(path), "")
        return Text(parse_inline(markup), now.where, markup) if markup else now

    try:
        changes = {}
        for name in ("text", "subtitle", "attribution", "heading", "caption", "alt"):
            if getattr(block, name, None) is not None:
                changes[name] = text((name,), getattr(block, name))
        count = sum(1 for k in fields if k.startswith("items."))
        if block.items or count:
            changes["items"] = tuple(Text(parse_inline(fields[f"items.{n + 1}"]), block.where, fields[f"items.{n + 1}"])
                                     for n in range(count))
        if block.lines:
            changes["lines"] = tuple(ContactLine(text(("lines", n, "label"), line.label), text(("lines", n, "value"), line.value))
                                     for n, line in enumerate(block.lines))
        return replace(block, **changes)
    except (KeyError, ValueError):
        return None


def _thumbnails(fit: LayoutFit, brand, folder: Path) -> list[Path]:
    """The layout's pages as they will print, as small images (pictures, not
    text: the proof's text stays the blocks' own). PNG, since flat colours
    compress well in the PDF."""
    from ..preview import page_images
    from ..render.draw import render

    pdf = render(fit.composition, brand, "rgb", 0.0)
    paths = []
    for number, image in enumerate(page_images(pdf, dpi=THUMB_DPI), start=1):
        path = folder / f"{fit.layout}-{number}.png"
        image.save(path, format="PNG")
        paths.append(path)
    return paths


def make_proof(folder: Path, lang: str, out_dir: Path, brand_name: str = "default") -> ProofResult:
    folder = Path(folder)
    source = load_document(folder, SOURCE_LANG)
    doc = translation(folder, lang)
    brand = load_brand(brand_name)
    blocks = []
    for english, translated in zip(source.blocks, doc.blocks):
        was = None
        if translated.status == "stale" and translated.translated_from:
            fields = english_as_it_was(folder, translated.translated_from)
            was = _as_it_was(english, fields) if fields else None
        blocks.append(ProofBlock(english, translated, was))
    # The printed layouts: a screen edition takes as many pages as its text needs.
    fits = fit_report(doc, [name for name in available_layouts() if not is_screen(name)], brand)

    from ..impose.tagging import tagged_pdf
    from ..render.draw import render_tagged

    with tempfile.TemporaryDirectory(prefix="pamphlet-proof-") as tmp:
        thumbs = {fit.layout: _thumbnails(fit, brand, Path(tmp)) for fit in fits if fit.composition is not None}
        composition = compose_proof(doc, source, blocks, fits, brand, thumbs)
        pdf = tagged_pdf(*render_tagged(composition, proof_brand(brand), "rgb", 0.0,
                                        title=f"Translation proof: {doc.title} ({lang})",
                                        author=source.organisation, subject=f"{source.id} ({lang}, proof)"))
    path = Path(out_dir) / proof_name(source.id, lang)
    write_atomic(path, pdf)
    counts = {k: sum(1 for b in doc.blocks if b.status == k) for k in ("reviewed", "draft", "stale", "missing")}
    return ProofResult(path, lang, len(doc.blocks), counts,
                       tuple(b.id for b in doc.blocks if b.status == "stale"),
                       tuple(b.id for b in doc.blocks if b.status == "missing"), tuple(fits), len(composition.pages))


def make_proofs(folder: Path, langs: tuple[str, ...], out_dir: Path, brand_name: str = "default") -> list[ProofResult]:
    """One proof per language. A language whose proof cannot be made does not
    stop the others: its problems are raised at the end, with what was written."""
    from ..errors import PamphletError, Problems

    results, problems = [], Problems()
    for lang in langs:
        try:
            results.append(make_proof(folder, lang, out_dir, brand_name))
        except PamphletError as exc:
            problems.extend(exc)
    if problems:  # a problem of the English is every language's: said once
        raise PamphletError(list(dict.fromkeys(problems.items)), written=tuple(r.path for r in results))
    return results
