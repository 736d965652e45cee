"""A brand's logo: an image set on the back page at a fixed printed width,
read from the brand file's ``logo: {file: IMAGE, width: LENGTH}`` (only for
a brand that has one, with the image reader).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, PamphletError, Problems
from ..images import read_image
from ..paths import asset_path
from .spec import parse_length


@dataclass(frozen=True)
class Logo:
    """An image set on the back page at a fixed printed width."""

    path: Path
    width: float  # points
    height: float
    pixels: tuple[int, int]
    where: Location  # the brand file line that names it

    @property
    def ppi(self) -> float:
        return self.pixels[0] / (self.width / 72)


def read_logo(data, path: Path, problems: Problems) -> Logo | None:
    entry = data["logo"]
    where = Location(path, data.line_of("logo"))
    if not isinstance(entry, dict) or not {"file", "width"} <= set(entry):
        problems.add(where, "logo is incomplete", "expected logo: {file: IMAGE, width: LENGTH}")
        return None
    try:
        file = asset_path(entry["file"], path.parent, Location(path, entry.line_of("file")), "logo")
    except PamphletError as exc:
        problems.extend(exc)
        return None
    try:
        pixels = read_image(file, Location(path, entry.line_of("file")), str(entry["file"]), "logo").pixels
    except PamphletError as exc:
        problems.extend(exc)
        return None
    try:
        width = parse_length(entry["width"], Location(path, entry.line_of("width")))
    except PamphletError as exc:
        problems.extend(exc)
        return None
    return Logo(file, width, width * pixels[1] / pixels[0], pixels, where)
