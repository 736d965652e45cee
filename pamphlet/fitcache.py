"""The body size the fit search chose, remembered by everything it depends on.

The search sets the edition at several sizes (each a full typesetting of
the edition) to find the largest that fits. Its answer is a pure function
of the document's files, the layout, the language, the fonts, the logo and
partner slot, the edition's blocks as a brand leaves them (its replaced text
and cover mark), and the code of the content, text and layout packages. With
the answer cached, a rebuild of unchanged inputs sets the edition once, at
that size, which gives the same Composition the search would return.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import DiskCache, code_fingerprint, file_digest, key_of

_FITS = DiskCache("fit", "1", limit=8192)


def fit_key(doc, layout, lang, library, logo, partner) -> str:
    files = tuple((str(path.relative_to(doc.folder)), file_digest(path).hex())
                  for path in sorted(Path(doc.folder).rglob("*")) if path.is_file() and not path.name.startswith("."))
    pictures = tuple(file_digest(p.path).hex() for p in (logo, getattr(partner, "logo", None)) if p is not None)
    # The edition's blocks as the brand left them (replaced text, its cover mark) and the art they show.
    edition = doc.editions.get(layout.edition)
    blocks = tuple(doc.block(i) for i in edition.block_ids) if edition else ()
    art = tuple(file_digest(b.image.path).hex() for b in blocks if b.image is not None)
    return key_of("fit", code_fingerprint("content", "text", "layout", "languages.py", "partner"), doc.lang, files,
                  repr(layout), repr(lang), library.fingerprint(), repr(logo), repr(partner), pictures,
                  repr(blocks), art)


@dataclass(frozen=True)
class FitMemory:
    """The body size the fit search chose for one edition, kept on disk
    between builds under a key of everything it depends on (``fit_memory``)."""

    key: str

    def known(self) -> float | None:
        found = _FITS.load(self.key)
        return found if isinstance(found, float) else None

    def remember(self, body: float) -> None:
        _FITS.store(self.key, float(body))


def fit_memory(doc, layout, lang, library, logo, partner) -> FitMemory:
    """Where the fit search's answer for this edition is kept."""
    return FitMemory(fit_key(doc, layout, lang, library, logo, partner))
