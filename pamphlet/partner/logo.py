"""A brand's logo: art set on the back page at a fixed printed width, read
from the brand file's ``logo: {file: ART, width: LENGTH}`` (only for a brand
that has one): a PNG, JPEG, SVG or single-page PDF, as a cover mark may be.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.artfile import KINDS, checked_art
from ..errors import Location, PamphletError, Problems
from ..imagefile import read_image
from ..layouts import parse_length
from ..projectdirs import checked_asset_path


@dataclass(frozen=True)
class Logo:
    """An image set on the back page at a fixed printed width."""

    path: Path
    width: float  # points
    height: float
    pixels: tuple[int, int] | None  # None for vector art (SVG, PDF), which has no resolution
    where: Location  # the brand file line that names it

    @property
    def ppi(self) -> float | None:
        return self.pixels[0] / (self.width / 72) if self.pixels else None


def read_logo(data, path: Path, problems: Problems) -> Logo | None:
    entry = data["logo"]
    where = Location(path, data.line_of("logo"))
    if not isinstance(entry, dict) or not {"file", "width"} <= set(entry):
        problems.add(where, "logo is incomplete", "expected logo: {file: IMAGE, width: LENGTH}")
        return None
    at = Location(path, entry.line_of("file"))
    file = checked_asset_path(entry["file"], path.parent, at, "logo", problems)
    if file is None:
        return None
    if KINDS.get(file.suffix.lower()) in ("svg", "pdf"):  # vector art, as a cover mark may be
        art = checked_art(file, at, str(entry["file"]), "logo", problems, path.parent)
        if art is None:
            return None
        aspect, pixels = art.aspect, None
    else:  # any bitmap the image reader takes (TIFF too), checked there
        try:
            pixels = read_image(file, at, str(entry["file"]), "logo").pixels
        except PamphletError as exc:
            problems.extend(exc)
            return None
        aspect = pixels[1] / pixels[0]
    try:
        width = parse_length(entry["width"], Location(path, entry.line_of("width")))
    except PamphletError as exc:
        problems.extend(exc)
        return None
    return Logo(file, width, width * aspect, pixels, where)
