"""Images for output: a picture (logo, illustration, photograph, QR code)
-> opaque pixels in the output's colour model, ready to place in the PDF.

In:  an image (a file or a PIL image, any mode, with or without
     transparency and an embedded ICC profile), the colour model ('rgb' for
     home printers and screens, 'cmyk' for print shops), the colour of the
     field it sits on, and for CMYK the output intent's ICC profile.
Out: a PIL image in mode RGB or CMYK, with no transparency (PDF/X-1a allows
     none): transparent pixels take the background colour exactly.

CMYK is made the way a prepress operator would make it:

* colours go through littleCMS (Pillow's ImageCms) from the image's own
  profile (sRGB when it has none) to the output intent's CMYK profile,
  relative colorimetric with black point compensation, so they print as
  they look and stay within the profile's ink limit;
* neutral pixels (grey, black: R = G = B, and every pixel of a greyscale
  image) go on the black plate alone, at the lightness the profile gives,
  so black type in a logo is 100% K and not a four-colour black that blurs
  with misregistration (photographs: ``photo=True`` leaves the profile's own
  black generation, smoother for continuous tone);
* pixels of exactly a brand colour's RGB take that colour's CMYK from the
  palette, so a logo matches the vector colours beside it;
* transparency is flattened in CMYK onto the field's own CMYK values, so
  the image's box cannot show on any plate.

The conversion is the same for every caller (brand logos, image blocks,
partner logos, QR codes), which is why it lives here on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageChops

from ..buildcontext import remembered
from ..imagefile import to_rgba
from ..partner.brand import Colour
from ..projectdirs import project_root

NEUTRAL_TOLERANCE = 1  # 8-bit steps between the largest and smallest of R, G, B still called grey


def default_output_profile() -> Path:
    """The bundled FOGRA39 profile, for CMYK output without an output intent."""
    return project_root() / "profiles" / "ISOcoated_v2_300_bas.icc"


def image_for_output(source: Path | Image.Image, colour_model: str, background: Colour,
                     output_profile: Path | None = None, palette: Iterable[Colour] = (),
                     photo: bool = False) -> Image.Image:
    """``source`` as opaque RGB or CMYK pixels sitting on ``background``.

    ``colour_model`` is 'rgb' or 'cmyk'; for 'cmyk', ``output_profile`` is
    the CMYK ICC profile of the output intent (the bundled FOGRA39 profile
    when None). ``palette``: brand colours whose exact RGB pixels take the
    brand's CMYK. ``photo``: keep the profile's black generation for neutral
    pixels instead of putting them on K alone."""
    if colour_model not in ("rgb", "cmyk"):
        raise ValueError(f"colour model {colour_model!r}; expected 'rgb' or 'cmyk'")
    image = _open(source)
    if image.mode == "CMYK":  # already separated: taken as made for this press
        return image if colour_model == "cmyk" else _to_rgb(image, output_profile)
    icc = image.info.get("icc_profile")
    rgba = to_rgba(image)  # 16-bit grey scaled, not clipped
    alpha = rgba.getchannel("A")
    rgb = rgba.convert("RGB")
    if colour_model == "rgb":
        flat = Image.new("RGB", rgb.size, _rgb8(background.rgb))
        flat.paste(rgb, mask=alpha)
        return flat
    profile = output_profile or default_output_profile()
    cmyk = _rgb_to_cmyk(rgb, icc, profile)
    if not photo:
        cmyk = Image.composite(_neutrals_on_k(rgb, profile), cmyk, _neutral_mask(rgb))
    for colour in palette:
        cmyk = Image.composite(Image.new("CMYK", rgb.size, _cmyk8(colour.cmyk)), cmyk, _exact_mask(rgb, colour.rgb))
    return Image.composite(cmyk, Image.new("CMYK", rgb.size, _cmyk8(background.cmyk)), alpha)


def _open(source: Path | Image.Image) -> Image.Image:
    if isinstance(source, Image.Image):
        return source.copy()
    with Image.open(source) as opened:
        opened.load()
        return opened.copy()


def _rgb8(rgb: tuple[float, ...]) -> tuple[int, ...]:
    return tuple(round(255 * v) for v in rgb)


def _cmyk8(cmyk: tuple[float, ...]) -> tuple[int, ...]:
    return tuple(round(255 * v) for v in cmyk)


def _rgb_to_cmyk(rgb: Image.Image, icc: bytes | None, profile: Path) -> Image.Image:
    from PIL import ImageCms

    return ImageCms.applyTransform(rgb, _transform(icc, profile, "RGB", "CMYK"))


def _to_rgb(cmyk: Image.Image, output_profile: Path | None) -> Image.Image:
    from PIL import ImageCms

    transform = _transform(None, output_profile or default_output_profile(), "CMYK", "RGB")
    return ImageCms.applyTransform(cmyk, transform)


@remembered
def _transform(icc: bytes | None, profile: Path, in_mode: str, out_mode: str):
    """A littleCMS transform between sRGB (or an embedded RGB profile) and the CMYK profile."""
    from PIL import ImageCms

    rgb = ImageCms.ImageCmsProfile(BytesIO(icc)) if icc else ImageCms.createProfile("sRGB")
    cmyk = ImageCms.getOpenProfile(str(profile))
    source, target = (rgb, cmyk) if in_mode == "RGB" else (cmyk, rgb)
    return ImageCms.buildTransform(source, target, in_mode, out_mode,
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def _neutral_mask(rgb: Image.Image) -> Image.Image:
    """255 where the pixel is grey (R, G and B within the tolerance), else 0."""
    r, g, b = rgb.split()
    spread = ImageChops.subtract(ImageChops.lighter(ImageChops.lighter(r, g), b),
                                 ImageChops.darker(ImageChops.darker(r, g), b))
    return spread.point(lambda v: 255 if v <= NEUTRAL_TOLERANCE else 0)


def _exact_mask(rgb: Image.Image, colour: tuple[float, float, float]) -> Image.Image:
    difference = ImageChops.difference(rgb, Image.new("RGB", rgb.size, _rgb8(colour))).convert("RGB")
    r, g, b = difference.split()
    return ImageChops.lighter(ImageChops.lighter(r, g), b).point(lambda v: 255 if v == 0 else 0)


def _neutrals_on_k(rgb: Image.Image, profile: Path) -> Image.Image:
    """Each pixel's grey (its green channel: R = G = B on the pixels this is
    used for) as K alone, at the lightness the profile prints."""
    grey = rgb.getchannel("G").point(list(grey_to_k(profile)))
    empty = Image.new("L", rgb.size, 0)
    return Image.merge("CMYK", (empty, empty, empty, grey))


@remembered
def grey_to_k(profile: Path) -> tuple[int, ...]:
    """For each 8-bit sRGB grey, the 8-bit K that prints it on this profile.

    The grey's CIE lightness is scaled from sRGB's black..white to the
    profile's 100% K..paper (black point compensation, so pure black is
    100% K and white no ink), then looked up in the profile's own K ramp."""
    from PIL import ImageCms

    to_lab = ImageCms.buildTransform(ImageCms.getOpenProfile(str(profile)), ImageCms.createProfile("LAB"),
                                     "CMYK", "LAB", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    lab = ImageCms.applyTransform(ramp, to_lab)
    lightness = [lab.getpixel((k, 0))[0] * 100 / 255 for k in range(256)]
    paper, black = lightness[0], lightness[255]
    table = []
    for value in range(256):
        target = black + (paper - black) * _srgb_lightness(value) / 100
        # The K ramp darkens as K grows: the first K at or below the target.
        k = next((k for k in range(256) if lightness[k] <= target), 255)
        if k and lightness[k - 1] - lightness[k] > 0:  # between two steps: the nearer
            k = k - 1 if lightness[k - 1] - target < target - lightness[k] else k
        table.append(k)
    return tuple(table)


def _srgb_lightness(value: int) -> float:
    """CIE L* of an sRGB grey 0..255."""
    v = value / 255
    linear = v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 116 * linear ** (1 / 3) - 16 if linear > 216 / 24389 else linear * 24389 / 27
