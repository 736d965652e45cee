#!/usr/bin/env python3
"""Draws logo.png, the example partner's mark: a white house holding a heart
on a teal disc. 720 x 720 px, so 800 ppi at the 0.9 in the brand file sets
it at (print shops want at least 300). Run it to redraw the file."""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE, SUPER = 720, 4  # drawn four times larger, then scaled down for smooth edges
TEAL, WHITE, AMBER = (0, 102, 111, 255), (255, 255, 255, 255), (242, 169, 0, 255)


def draw() -> Image.Image:
    n = SIZE * SUPER
    image = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.ellipse((0, 0, n - 1, n - 1), fill=TEAL)

    def at(x: float, y: float) -> tuple[float, float]:
        return (x * n, y * n)

    # The house: a roof and walls, white.
    pen.polygon([at(0.50, 0.20), at(0.80, 0.46), at(0.72, 0.46), at(0.72, 0.76), at(0.28, 0.76),
                 at(0.28, 0.46), at(0.20, 0.46)], fill=WHITE)
    # The heart inside: two discs and a point, amber.
    r = 0.075
    for cx in (0.44, 0.56):
        pen.ellipse((*at(cx - r, 0.52 - r), *at(cx + r, 0.52 + r)), fill=AMBER)
    pen.polygon([at(0.371, 0.55), at(0.629, 0.55), at(0.50, 0.68)], fill=AMBER)
    return image.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    draw().save(Path(__file__).with_name("logo.png"), optimize=True)
