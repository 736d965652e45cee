"""Colours of vector art (SVG, PDF art) for CMYK output, made the way images are.

One converter per build: an RGB or grey colour -> CMYK through
``rastercolour.image_for_output`` (a palette colour's exact RGB takes the brand's
CMYK values, greys go on the black plate alone, everything else through the
output intent's ICC profile), and an art's bitmap -> CMYK pixels the same
way. ``no_transparency`` is set for PDF/X-1a, which allows none: art that
needs transparency is refused rather than printed wrong.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..partner.brand import Colour

WHITE_PAPER = Colour((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))  # pages made elsewhere: no brand, white paper


class NotConvertible(ValueError):
    """Art holding something that cannot be put in the output's colours;
    the message says what, the ``expected`` what art would do."""

    def __init__(self, what: str, expected: str):
        super().__init__(what)
        self.expected = expected


class VectorColours:
    """``brand``: its palette's colours take its CMYK values, and images are
    flattened on its paper colour; None (a PDF made elsewhere) for none."""

    def __init__(self, brand, output_profile: Path | None, no_transparency: bool = False):
        self.brand = brand
        self.output_profile = output_profile
        self.no_transparency = no_transparency
        self._known: dict[tuple[int, int, int], tuple[float, float, float, float]] = {}

    @cached_property
    def key(self) -> tuple:
        """What the conversion depends on (for caches of converted art)."""
        from ..cache import file_digest

        return (repr(sorted(self.brand.palette.items())) if self.brand else None, str(self.output_profile),
                file_digest(self.output_profile).hex() if self.output_profile else None, self.no_transparency)

    def cmyk(self, rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
        """An RGB colour (0-1 each) in CMYK (0-1 each)."""
        rgb8 = tuple(max(0, min(255, round(v * 255))) for v in rgb)
        if rgb8 not in self._known:
            from PIL import Image

            pixel = self.image(Image.new("RGB", (1, 1), rgb8))
            self._known[rgb8] = tuple(v / 255 for v in pixel.getpixel((0, 0)))
        return self._known[rgb8]

    def grey(self, value: float) -> tuple[float, float, float, float]:
        return self.cmyk((value, value, value))

    def image(self, image, photo: bool = False):
        """Opaque pixels (any mode) as CMYK pixels."""
        from .rastercolour import image_for_output

        paper = self.brand.palette["paper"] if self.brand else WHITE_PAPER
        palette = tuple(self.brand.palette.values()) if self.brand else ()
        return image_for_output(image, "cmyk", paper, self.output_profile, palette, photo)

    def reportlab(self, value):
        """A reportlab colour as a reportlab CMYK colour (its alpha kept)."""
        from reportlab.lib.colors import CMYKColor

        if isinstance(value, CMYKColor):
            return value
        alpha = getattr(value, "alpha", 1)
        if alpha is not None and alpha < 1 and self.no_transparency:
            raise NotConvertible(f"a colour at {alpha:.0%} opacity (transparency)",
                                 "expected opaque colours for PDF/X-1a, which allows no transparency")
        return CMYKColor(*self.cmyk(value.rgb()), alpha=alpha)
