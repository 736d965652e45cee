"""Images named by brand and content files (logos, image blocks), checked
before anything relies on them, and brought to 8-bit RGBA for drawing.

``inspect_image`` reads the header first and refuses an image with more
pixels than ``limits.MAX_IMAGE_PIXELS`` before a single pixel is decoded (a
small file can claim billions: a decompression bomb); then it decodes the
image once, so a truncated or corrupt file is named here rather than failing
half-way through a render. CMYK, greyscale, palette, 16-bit and transparent
images are all legitimate.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, PamphletError, Problem
from .limits import MAX_IMAGE_PIXELS

FORMATS = "PNG, JPEG, TIFF or WebP"
_SCALE_DOWN = "scale it down: 300 ppi at the printed size is plenty"


@dataclass(frozen=True)
class ImageFile:
    """A bitmap as Pillow reads it: size, mode and format."""

    path: Path
    pixels: tuple[int, int]  # width, height
    mode: str  # PIL's: RGB, RGBA, CMYK, L, LA, P, I;16, ...
    format: str


class ImageRefused(ValueError):
    """``str()`` reads after 'the image is ...'; ``expected`` says what would do."""

    def __init__(self, reason: str, expected: str = f"expected a {FORMATS} image"):
        super().__init__(reason)
        self.expected = expected


def inspect_image(path: Path) -> ImageFile:
    """The image's size and mode, once it is known to decode within the limit."""
    from PIL import Image  # only documents and brands with images pay for Pillow

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageRefused(f"{width} x {height} pixels ({width * height / 1e6:.0f} megapixels)",
                                       f"expected at most {MAX_IMAGE_PIXELS / 1e6:g} megapixels ({_SCALE_DOWN})")
                image.load()
                return ImageFile(path, (width, height), image.mode, image.format or "")
        except ImageRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:  # PIL's own, higher limit
            claimed = re.search(r"\((\d+) pixels\)", str(exc))
            size = f" ({int(claimed.group(1)) / 1e6:.0f} megapixels)" if claimed else ""
            raise ImageRefused(f"an image claiming too many pixels{size}",
                               f"expected at most {MAX_IMAGE_PIXELS / 1e6:g} megapixels ({_SCALE_DOWN})") from None
        except Image.UnidentifiedImageError:
            raise ImageRefused("not an image") from None
        except (OSError, ValueError, SyntaxError, EOFError) as exc:  # what PIL raises for damaged data
            raise ImageRefused(f"damaged ({exc})", f"expected a complete {FORMATS} image") from None


def read_image(path: Path, where: Location, written: str, what: str = "image") -> ImageFile:
    """``path`` (named ``written`` at ``where``) as an ImageFile, or a PamphletError there."""
    if not path.is_file():
        raise PamphletError(Problem(where, f"{what} '{written}' not found", f"expected a {FORMATS} image at {path}"))
    try:
        return inspect_image(path)
    except ImageRefused as exc:
        raise PamphletError(Problem(where, f"{what} '{written}' is {exc}", exc.expected)) from None


def to_rgba(image):
    """PIL image of any mode -> 8-bit RGBA."""
    # 16- and 32-bit greyscale are scaled, not clipped: PIL's own conversion
    # turns every value above 255 white.
    if image.mode.startswith("I") or image.mode == "F":
        low, high = image.getextrema()
        scale = 255 / 65535 if high > 255 else 1.0
        image = image.convert("F").point(lambda v: v * scale).convert("L")
    return image.convert("RGBA")
