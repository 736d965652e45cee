"""Web fonts for the kit page: the pamphlet's own Thai, Chinese, Japanese and
Korean faces cut down to the characters the page shows in them, written
beside index.html, so language names and titles read right on a machine
that has no such font (a fresh office PC, a headless browser)."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from ..languages import Language
from ..output import write_atomic
from ..text.fontlibrary import bundled_library

FONT_DIR = "fonts"


def css_family(family: str) -> str:
    return f"Pamphlet {family}"


def write_web_fonts(texts: dict[Language, list[str]], out_dir: Path) -> dict[str, str]:
    """For each script family the languages use first (not Latin): a subset
    holding their texts' characters, in ``out_dir/fonts/``. Returns family ->
    path relative to ``out_dir``."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    wanted: dict[str, set[str]] = {}
    for lang, strings in texts.items():
        family = lang.faces(display=True)[0]  # names and titles: display text
        if family != "latin":
            wanted.setdefault(family, set()).update("".join(strings))
    library = bundled_library()
    written = {}
    for family, chars in sorted(wanted.items()):
        face = library.face(family, "regular")
        font = TTFont(str(face.path), fontNumber=face.index, recalcTimestamp=False)
        options = subset.Options()
        options.layout_features = ["*"]  # Thai marks and contextual forms are shaped by the browser
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        # Shapers decompose some characters before looking up glyphs (Thai
        # SARA AM into NIKHAHIT + SARA AA): keep the parts too.
        chars = chars | set(unicodedata.normalize("NFKD", "".join(chars)))
        subsetter.populate(text="".join(sorted(c for c in chars if not c.isspace())))
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        relative = f"{FONT_DIR}/{family}.ttf"
        write_atomic(out_dir / relative, buffer.getvalue())
        written[family] = relative
    return written
