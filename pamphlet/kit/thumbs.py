"""Cover thumbnails: the front cover cut from a built PDF's page, as PNG."""

from __future__ import annotations

from pathlib import Path

from ..output import write_atomic
from ..pipeline import BuildResult
from ..preview import page_images, png_bytes

THUMB_WIDTH = 320  # pixels: shown 160 px wide, sharp on high-density screens


def cover_thumbnail(result: BuildResult, path: Path, width: int = THUMB_WIDTH) -> tuple[int, int]:
    """Write the cover of ``result`` as a PNG ``width`` pixels wide; its size in pixels."""
    from PIL import Image

    box = result.cover
    scale = width / box.width
    (page,) = page_images(result.path, dpi=72 * scale, pages=[box.page])
    top = page.height - (box.y + box.height) * scale  # PDF y runs up, image y down
    crop = page.crop((round(box.x * scale), round(top), round((box.x + box.width) * scale),
                      round(top + box.height * scale)))
    if box.rotate == 180:
        crop = crop.transpose(Image.Transpose.ROTATE_180)
    write_atomic(path, png_bytes(crop))
    return crop.size
