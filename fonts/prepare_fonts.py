#!/usr/bin/env python3
"""Rebuild the bundled fonts in ``fonts/`` from Debian font packages.

This is a maintainer tool. It never runs at install or build time: the files
it writes are committed, and the engine only reads them (via
``fonts/manifest.yaml``). Run it again to refresh the fonts from newer
packages, to extend a CJK character set, or to add the characters of new
``text/**/*.yaml`` files.

Inputs are the *extracted* Debian packages (``dpkg-deb -x``)::

    mkdir -p /tmp/fontpkgs && cd /tmp/fontpkgs
    apt-get download fonts-noto-core fonts-noto-cjk unicode-data
    for deb in *.deb; do dpkg-deb -x "$deb" "${deb%%_*}"; done
    cd -
    python3 fonts/prepare_fonts.py \\
        --noto-core /tmp/fontpkgs/fonts-noto-core \\
        --noto-cjk /tmp/fontpkgs/fonts-noto-cjk \\
        --unicode-data /tmp/fontpkgs/unicode-data \\
        --text text

``--keep-cjk`` leaves the CJK faces already in the output folder as they are
(the Latin, Thai and script faces, the manifest and the licence files are
written again).

Requirements: ``fontTools`` and ``PyYAML``; ``uharfbuzz`` for the shaping
check (skipped with a warning when it is missing). A full run takes about a
minute on two cores.

What it does:

* Latin (Noto Sans Regular/Bold/Italic/BoldItalic) and Thai (Noto Sans Thai
  Regular/Bold) are copied from ``fonts-noto-core``. The faces of other
  scripts (``SCRIPT_FACES``: Noto Looped Thai for Thai body text, Noto Sans
  Myanmar, Khmer, Lao, Devanagari, Bengali, Ethiopic) are subset to their
  script's blocks with every layout feature kept. Noto Sans has no
  U+2260 NOT EQUAL TO, which the content uses ("≠"), so one ``notequal``
  glyph is drawn into each Latin face from that face's own ``equal`` glyph
  (same construction as in Noto Sans Math). In Noto Looped Thai the
  raised tone marks are anchored at their plain forms' height
  (``seat_raised_marks``: version 1.00 drew them inside the upper vowel).
  Nothing else is changed.
* Arabic (Noto Naskh Arabic, also for Farsi) and Urdu (Noto Nastaliq Urdu),
  Regular/Bold, are copied from ``fonts-noto-core`` unchanged.
* CJK: each locale face (JP, KR, SC, TC) is taken out of the Noto Sans CJK
  collections (``NotoSansCJK-{Regular,Bold}.ttc``) and subset to a locale
  character set (see ``charset_*`` below). Layout features are kept
  (``KEEP_FEATURES``), but only for the face's own OpenType language system,
  so that e.g. the SC face does not drag in the JP/KR/TC glyph variants that
  ``locl`` would select for other languages. The faces are renamed
  ("Noto Sans SC", PostScript "NotoSansSC-Regular", ...) and, with
  ``--outline ttf`` (the default), their CFF outlines are converted to
  TrueType quadratic outlines (cu2qu, max error 1 font unit).
* The characters of the texts (each ``text/**/<lang>.yaml`` file, and each
  language's own name in ``text/languages.yaml``) are added to the CJK faces
  of that language's font chain (``fonts:`` in ``text/languages.yaml``).
* Writes ``manifest.yaml``, ``OFL.txt`` and ``LICENSES.md``, then verifies
  every face: it opens, has the expected outline table, covers its listed
  characters, every text character is covered by its language's font chain,
  and HarfBuzz shapes sample strings without .notdef (and substitutes
  vertical punctuation in top-to-bottom CJK text). Exit status 1 on any
  problem.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import re
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# --------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------

NOTO_DIR = "usr/share/fonts/truetype/noto"
CJK_DIR = "usr/share/fonts/opentype/noto"
UNIHAN = "usr/share/unicode/Unihan_OtherMappings.txt.bz2"

LATIN_STYLES = {  # manifest key -> file name in fonts-noto-core
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
    "bold-italic": "NotoSans-BoldItalic.ttf",
}
THAI_STYLES = {
    "regular": "NotoSansThai-Regular.ttf",
    "bold": "NotoSansThai-Bold.ttf",
}
RTL_FACES = {  # manifest key -> style -> file name in fonts-noto-core (unchanged copies)
    "naskh": {"regular": "NotoNaskhArabic-Regular.ttf", "bold": "NotoNaskhArabic-Bold.ttf"},
    "nastaliq": {"regular": "NotoNastaliqUrdu-Regular.ttf", "bold": "NotoNastaliqUrdu-Bold.ttf"},
}
# Faces of other scripts, subset to their script's blocks (``SCRIPT_RANGES``)
# with every layout feature kept: manifest key -> file stem in fonts-noto-core.
SCRIPT_FACES = {
    "thai-looped": "NotoLoopedThai",  # Thai body text (the face readers learn from)
    "myanmar": "NotoSansMyanmar",
    "khmer": "NotoSansKhmer",
    "lao": "NotoSansLao",
    "devanagari": "NotoSansDevanagari",
    "bengali": "NotoSansBengali",
    "ethiopic": "NotoSansEthiopic",
}
SCRIPT_WEIGHTS = ("Regular", "Bold")
# What every script face keeps of what it has besides its own blocks: the
# spaces and joiners inside its runs (ZWSP, ZWNJ, ZWJ, word joiner) and the
# dotted circle HarfBuzz draws for a mark with no base. Latin letters, digits
# and punctuation are left to the Latin face, so quotes and brackets match
# whatever script they stand beside.
SCRIPT_COMMON = [(0x0020, 0x0020), (0x00A0, 0x00A0), (0x200B, 0x200D), (0x2060, 0x2060), (0x25CC, 0x25CC)]
SCRIPT_RANGES = {
    "thai-looped": [(0x0E00, 0x0E7F)],
    "myanmar": [(0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)],
    "khmer": [(0x1780, 0x17FF), (0x19E0, 0x19FF)],
    "lao": [(0x0E80, 0x0EFF)],
    "devanagari": [(0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF), (0x20B9, 0x20B9)],  # ₹
    "bengali": [(0x0980, 0x09FF), (0x0964, 0x0965)],  # । ॥ are shared with Devanagari
    "ethiopic": [(0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)],
}
CJK_WEIGHTS = {"regular": "Regular", "bold": "Bold"}

# Layout features kept in the CJK subsets. Deliberately left out: aalt,
# dlig, hist, ruby, fwid/hwid/pwid (they pull in thousands of alternates;
# palt/halt/vpal/vhal do proportional/half-width spacing in GPOS instead).
KEEP_FEATURES = [
    "ccmp", "locl", "liga", "calt", "vert", "vrt2",
    "ljmo", "vjmo", "tjmo",  # Hangul jamo composition (KR)
    "kern", "palt", "halt", "vkrn", "vpal", "vhal", "mark", "mkmk",
]

# Ranges every CJK face carries (those code points the face has a glyph for).
COMMON_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x2000, 0x206F),  # General Punctuation
    (0x20A0, 0x20CF),  # Currency Symbols (€)
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms (Ⅰ Ⅱ Ⅲ)
    (0x2190, 0x21FF),  # Arrows
    (0x2200, 0x22FF),  # Mathematical Operators (≠)
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (①)
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes (● ○ ■ □ ◆)
    (0x2600, 0x26FF),  # Miscellaneous Symbols (★ ☆ ♪)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0x3200, 0x32FF),  # Enclosed CJK Letters and Months
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms (vertical punctuation)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

# Face chains (faces tried in order for each character) per language, used
# when text/languages.yaml, which normally says this, is absent.
DEFAULT_CHAINS = {
    "en": ["latin"], "fr": ["latin"], "es": ["latin"], "tl": ["latin"],
    "vi": ["latin"], "th": ["thai-looped", "thai", "latin"], "ko": ["kr", "latin"],
    "ja": ["jp", "latin"], "zh-hans": ["sc", "latin"], "zh-hant": ["tc", "latin"],
}
CJK_KEYS = ("sc", "tc", "jp", "kr")

# Shaping smoke tests: (face key, text) must shape without glyph id 0.
SAMPLES = [
    ("sc", "理解移民性工作者"),
    ("tc", "理解移民性工作者（繁體）：權利"),
    ("jp", "移住セックスワーカーを理解する"),
    ("kr", "이주 성노동자 이해하기"),
    ("latin", "Hiểu về người lao động tình dục di cư — “≠” • € « » ¿¡ Ñ"),
    ("thai", "ทำความเข้าใจพนักงานบริการทางเพศที่เป็นแรงงานข้ามชาติ"),
    ("naskh", "فهم العاملين والعاملات في الجنس من المهاجرين، لا؟ ۰۱۲ پچژگ"),
    ("nastaliq", "مہاجر جنسی کارکنوں کو سمجھنا۔ ۰۱۲"),
    ("thai-looped", "ทำความเข้าใจพนักงานบริการทางเพศที่เป็นแรงงานข้ามชาติ"),
    ("myanmar", "ရွှေ့ပြောင်းလုပ်သားများ၏ အခွင့်အရေး။"),
    ("khmer", "ពលករចំណាកស្រុក ស្ត្រី ខ្មែរ។"),
    ("lao", "ແຮງງານເຄື່ອນຍ້າຍ ສິດທິ"),
    ("devanagari", "आप्रवासी श्रमिकहरूको अधिकार। र्क क्ष त्र"),
    ("bengali", "অভিবাসী কর্মীদের অধিকার। ক্ষ"),
    ("ethiopic", "የስደተኛ ሠራተኞች መብቶች፡ ሰላም። ፣"),
]


@dataclass
class CJKFace:
    key: str           # manifest key: sc, tc, jp, kr
    source_family: str  # family name of the face inside the TTC
    family: str        # new family name
    ps_prefix: str     # new PostScript name prefix
    lang_tag: str      # OpenType language system kept in GSUB/GPOS


CJK_FACES = [
    CJKFace("sc", "Noto Sans CJK SC", "Noto Sans SC", "NotoSansSC", "ZHS "),
    CJKFace("tc", "Noto Sans CJK TC", "Noto Sans TC", "NotoSansTC", "ZHT "),
    CJKFace("jp", "Noto Sans CJK JP", "Noto Sans JP", "NotoSansJP", "JAN "),
    CJKFace("kr", "Noto Sans CJK KR", "Noto Sans KR", "NotoSansKR", "KOR "),
]

# --------------------------------------------------------------------------
# Character sets
# --------------------------------------------------------------------------


def span(first: int, last: int) -> set[int]:
    return set(range(first, last + 1))


def codec_repertoire(codec: str) -> set[int]:
    """Every character a legacy single/double-byte codec can decode."""
    chars: set[int] = set()
    for b in range(0x20, 0x100):
        try:
            chars.update(map(ord, bytes([b]).decode(codec)))
        except UnicodeDecodeError:
            pass
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                text = bytes([lead, trail]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                chars.add(ord(text))
    # No controls, no private use (CP932's user-defined area), no U+FFFD.
    return {c for c in chars
            if c >= 0x20 and not 0x7F <= c <= 0x9F
            and not 0xE000 <= c <= 0xF8FF and c != 0xFFFD}


def read_unihan(unicode_data: Path) -> dict[str, dict[int, str]]:
    """Return {field: {codepoint: value}} from Unihan_OtherMappings."""
    fields: dict[str, dict[int, str]] = {}
    with bz2.open(unicode_data / UNIHAN, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            fields.setdefault(field, {})[int(cp[2:], 16)] = value
    return fields


def unihan_with_variants(field: dict[int, str]) -> set[int]:
    """Code points of a Unihan list plus the U+XXXX forms its values name."""
    chars = set(field)
    for value in field.values():
        chars.update(int(h, 16) for h in re.findall(r"U\+([0-9A-F]{4,6})", value))
    return chars


def charset_sc(unihan) -> set[int]:
    """GB 2312 (all 6,763 hanzi and its symbols) + General Standard Chinese
    Characters (通用规范汉字表, 2013) levels 1 and 2 (6,500 characters)."""
    tgh = {cp for cp, v in unihan["kTGH"].items()
           if any(int(n) <= 6500 for n in re.findall(r"2013:(\d+)", v))}
    return codec_repertoire("gb2312") | tgh


def charset_tc(unihan) -> set[int]:
    """Big5 (levels 1 and 2, 13,060 hanzi, and its symbols), the CP950
    additions (€ and the 7 ETEN hanzi), and Bopomofo."""
    return (codec_repertoire("big5") | codec_repertoire("cp950")
            | span(0x3100, 0x312F) | span(0x31A0, 0x31BF))


def charset_jp(unihan) -> set[int]:
    """JIS X 0208 levels 1 and 2 with the CP932 (Windows) extensions, Jōyō
    and Jinmeiyō kanji (with their listed variant forms), all kana and the
    CJK Compatibility squares (㍿ ㎡ ...)."""
    return (codec_repertoire("shift_jis") | codec_repertoire("cp932")
            | unihan_with_variants(unihan["kJoyoKanji"])
            | unihan_with_variants(unihan["kJinmeiyoKanji"])
            | span(0x3040, 0x309F)   # Hiragana
            | span(0x30A0, 0x30FF)   # Katakana (ー U+30FC, small kana)
            | span(0x31F0, 0x31FF)   # Katakana Phonetic Extensions
            | span(0xFF61, 0xFF9F)   # Halfwidth Katakana
            | span(0x3300, 0x33FF))  # CJK Compatibility


def charset_kr(unihan, hanja: bool = True) -> set[int]:
    """All 11,172 Hangul syllables, Hangul Jamo and Compatibility Jamo and
    KS X 1001 (symbols, and its 4,888 hanja unless hanja=False)."""
    ksx = codec_repertoire("euc_kr")
    if not hanja:
        ksx = {c for c in ksx if not is_han(c)}
    return (ksx | span(0xAC00, 0xD7A3)
            | span(0x1100, 0x11FF) | span(0x3130, 0x318F))


CHARSETS = {"sc": charset_sc, "tc": charset_tc, "jp": charset_jp,
            "kr": charset_kr}


def is_han(cp: int) -> bool:
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF
            or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF)


def language_chains(text_dir: Path | None) -> dict[str, list[str]]:
    """Language tag (lower case) -> face keys, from text/languages.yaml."""
    path = text_dir / "languages.yaml" if text_dir else None
    if not path or not path.is_file():
        return dict(DEFAULT_CHAINS)
    import yaml

    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(lang).lower(): list(dict.fromkeys(entry.get("fonts", ["latin"]) + entry.get("display_fonts", [])))
            for lang, entry in table.items()}


def text_samples(text_dir: Path | None) -> list[tuple[str, str, str]]:
    """(language, where, text) for every text the engine may print: each
    text/**/<lang>.yaml file whole, and each language's own name in
    text/languages.yaml (set in that language's faces)."""
    if not text_dir or not text_dir.is_dir():
        return []
    import yaml

    samples = []
    known = set(language_chains(text_dir))
    for path in sorted(text_dir.rglob("*.yaml")):
        if path.name == "languages.yaml":
            table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            samples += [(str(lang).lower(), f"{path}: {lang}", str(entry.get("name", "")))
                        for lang, entry in table.items()]
        elif path.stem.lower() in known:
            samples.append((path.stem.lower(), str(path), path.read_text(encoding="utf-8")))
        else:  # words by language (text/words.yaml), or no language's text at all (history.yaml)
            table = yaml.safe_load(path.read_text(encoding="utf-8"))
            by_language = isinstance(table, dict) and table and all(str(k).lower() in known for k in table)
            samples += ([(str(lang).lower(), f"{path}: {lang}", str(entry)) for lang, entry in table.items()]
                        if by_language else [("", str(path), "")])
    return samples


def text_chars_by_face(text_dir: Path | None) -> dict[str, set[int]]:
    """Characters of the texts, for each CJK face in their language's chain."""
    chains = language_chains(text_dir)
    out: dict[str, set[int]] = {k: set() for k in CJK_KEYS}
    for lang, _, text in text_samples(text_dir):
        for key in chains.get(lang, ["latin"]):
            if key in out:
                out[key] |= {ord(c) for c in text if ord(c) >= 0x20}
    return out


# --------------------------------------------------------------------------
# Latin and Thai
# --------------------------------------------------------------------------


def add_notequal(font: TTFont) -> None:
    """Draw U+2260 ≠ from the font's own ``equal``: the two bars crossed by a
    slash, outlined as one contour like ``notequal`` in Noto Sans Math."""
    from fontTools.pens.recordingPen import RecordingPen

    cmap = font.getBestCmap()
    if 0x2260 in cmap:
        return
    rec = RecordingPen()
    font.getGlyphSet()["equal"].draw(rec)
    pts = [p for op, args in rec.value if op in ("moveTo", "lineTo") for p in args]
    left, right = min(x for x, _ in pts), max(x for x, _ in pts)
    ys = sorted({y for _, y in pts})
    if len(ys) != 4:
        raise ValueError("unexpected 'equal' outline; cannot derive notequal")
    b0, b1, u0, u1 = ys                      # lower bar, upper bar
    thick = b1 - b0                          # horizontal stroke width of the slash
    cx, cy = (left + right) / 2, (b0 + u1) / 2
    slope = 201 / 516                        # dx/dy of Noto Sans Math's slash
    half = (u1 - b0) / 2 + 123 * font["head"].unitsPerEm / 1000
    # Half-width offset, perpendicular to the stroke, of its end caps: the
    # stroke is `thick` wide horizontally, i.e. thick / |(slope, 1)| across.
    k = thick / 2 / (slope * slope + 1)
    cap = (k, -k * slope)

    def xl(y):
        return cx + (y - cy) * slope - thick / 2

    def xr(y):
        return xl(y) + thick

    top = (cx + half * slope, cy + half)
    bot = (cx - half * slope, cy - half)
    contour = [
        (left, b0), (left, b1), (xl(b1), b1), (xl(u0), u0), (left, u0),
        (left, u1), (xl(u1), u1),
        (top[0] - cap[0], top[1] - cap[1]), (top[0] + cap[0], top[1] + cap[1]),
        (xr(u1), u1), (right, u1), (right, u0), (xr(u0), u0), (xr(b1), b1),
        (right, b1), (right, b0), (xr(b0), b0),
        (bot[0] + cap[0], bot[1] + cap[1]), (bot[0] - cap[0], bot[1] - cap[1]),
        (xl(b0), b0),
    ]
    pen = TTGlyphPen(None)
    pen.moveTo(tuple(map(round, contour[0])))
    for pt in contour[1:]:
        pen.lineTo(tuple(map(round, pt)))
    pen.closePath()
    glyph = pen.glyph()
    glyph.recalcBounds(font["glyf"])

    order = font.getGlyphOrder() + ["notequal"]
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    font["glyf"]["notequal"] = glyph
    font["hmtx"]["notequal"] = (font["hmtx"]["equal"][0], glyph.xMin)
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0x2260] = "notequal"
    if "GDEF" in font and font["GDEF"].table.GlyphClassDef:
        font["GDEF"].table.GlyphClassDef.classDefs["notequal"] = 1  # base


def copy_latin(src: Path, dst: Path) -> None:
    font = TTFont(src, recalcTimestamp=False)  # reproducible output
    add_notequal(font)
    font.save(dst)


def _subset_options(features) -> subset.Options:
    """What every bundled face is cut down with: these layout features, all
    names, glyph names and a drawn .notdef kept, bounds recomputed."""
    options = subset.Options()
    options.layout_features = features
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.glyph_names = True
    options.notdef_outline = True
    options.recalc_bounds = True
    options.prune_unicode_ranges = True
    options.drop_tables += ["DSIG"]
    return options


def build_script_face(src: Path, dst: Path, ranges) -> None:
    """Subset a script face to its blocks and ``SCRIPT_COMMON``, each where
    the face has it; every layout feature, script and language system is
    kept, so it shapes as the full face does."""
    font = TTFont(src, recalcTimestamp=False)  # reproducible output
    wanted = set().union(*(span(a, b) for a, b in ranges + SCRIPT_COMMON))
    options = _subset_options(["*"])
    options.layout_scripts = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted & set(font.getBestCmap()))
    subsetter.subset(font)
    if src.name.startswith("NotoLoopedThai"):
        seat_raised_marks(font)
    font.save(dst, reorderTables=True)


def seat_raised_marks(font: TTFont) -> int:
    """Noto Looped Thai 1.00 (fonts-noto-core) draws its raised tone marks
    (``uni0E48.small`` ..., put in after an upper vowel or nikhahit) where
    they belong, above the vowel, but anchors them 0.28 em higher than its
    other top marks, so HarfBuzz pulls them down into the vowel: the tone
    mark of สิ่ง or น้ำ is lost in the vowel's ink (notofonts/thai#8, fixed
    upstream after 1.00). Each such mark takes its plain form's anchor
    height, so it stands where it is drawn. Returns the anchors changed.
    (Other faces' raised marks are anchored for their own drawings: this is
    for Noto Looped Thai alone.)"""
    if "GPOS" not in font:
        return 0
    changed = 0
    for lookup in font["GPOS"].table.LookupList.Lookup:
        tables = [t.ExtSubTable if lookup.LookupType == 9 else t for t in lookup.SubTable]
        for table in (t for t in tables if t.LookupType == 4):  # mark to base
            records = dict(zip(table.MarkCoverage.glyphs, table.MarkArray.MarkRecord))
            for name, record in records.items():
                plain = records.get(name.removesuffix(".small"))
                if name.endswith(".small") and plain and record.Class == plain.Class \
                        and record.MarkAnchor.YCoordinate > plain.MarkAnchor.YCoordinate > 0:
                    record.MarkAnchor.YCoordinate = plain.MarkAnchor.YCoordinate
                    changed += 1
    return changed


def script_faces() -> dict[str, dict[str, str]]:
    """Manifest key -> style -> file name, for the script faces."""
    return {key: {w.lower(): f"{stem}-{w}.ttf" for w in SCRIPT_WEIGHTS} for key, stem in SCRIPT_FACES.items()}


# --------------------------------------------------------------------------
# CJK
# --------------------------------------------------------------------------


def find_in_collection(ttc: Path, family: str) -> int:
    from fontTools.ttLib import TTCollection

    for index, face in enumerate(TTCollection(ttc, lazy=True).fonts):
        if face["name"].getDebugName(1) == family:
            return index
    raise LookupError(f"{family!r} not found in {ttc}")


def keep_one_language(font: TTFont, lang_tag: str) -> None:
    """Drop every OpenType language system but the default one and
    ``lang_tag``; the subsetter then prunes the features (and glyphs) only
    other languages used."""
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for record in font[tag].table.ScriptList.ScriptRecord:
            script = record.Script
            script.LangSysRecord = [r for r in script.LangSysRecord
                                    if r.LangSysTag == lang_tag]
            script.LangSysCount = len(script.LangSysRecord)


def rename(font: TTFont, family: str, style: str, ps_name: str) -> None:
    """Replace all naming records with one clean English set."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    short_version = version.replace("Version ", "").split(";")[0]
    name.names = [r for r in name.names
                  if r.nameID not in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)]
    full = f"{family} {style}"
    for name_id, value in ((1, family), (2, style),
                           (3, f"{short_version};{ps_name};subset"),
                           (4, full), (6, ps_name)):
        name.setName(value, name_id, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        old = cff.fontNames[0]
        cff.fontNames = [ps_name]
        top = cff.topDictIndex[0]
        top.FullName, top.FamilyName = full, family
        for fd in getattr(top, "FDArray", []) or []:
            if getattr(fd, "FontName", "").startswith(old):
                fd.FontName = ps_name + fd.FontName[len(old):]


def cff_to_glyf(font: TTFont, max_err: float = 1.0, post_format: float = 2.0) -> None:
    """Convert CFF outlines to TrueType quadratic outlines in place."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for gname in order:
        pen = TTGlyphPen(None)
        glyph_set[gname].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[gname] = pen.glyph()
    vorg = font["VORG"] if "VORG" in font else None

    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]

    # Side bearings must match the new bounding boxes; the vertical origin
    # (from VORG, which TrueType fonts cannot carry) is kept via vmtx TSB.
    hmtx = font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font else None
    for gname in order:
        g = glyf[gname]
        g.recalcBounds(glyf)
        empty = g.numberOfContours == 0
        advance, _ = hmtx[gname]
        hmtx[gname] = (advance, 0 if empty else g.xMin)
        if vmtx is not None:
            vadvance, tsb = vmtx[gname]
            if vorg is not None:
                origin = vorg.VOriginRecords.get(gname, vorg.defaultVertOriginY)
                tsb = origin - (0 if empty else g.yMax)
            vmtx[gname] = (vadvance, tsb)

    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr, value in (("maxZones", 1), ("maxTwilightPoints", 0),
                        ("maxStorage", 0), ("maxFunctionDefs", 0),
                        ("maxInstructionDefs", 0), ("maxStackElements", 0),
                        ("maxSizeOfInstructions", 0), ("maxComponentElements", 0),
                        ("maxComponentDepth", 0), ("maxPoints", 0),
                        ("maxContours", 0), ("maxCompositePoints", 0),
                        ("maxCompositeContours", 0)):
        setattr(maxp, attr, value)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = post_format
    post.extraNames, post.mapping = [], {}
    font.sfntVersion = "\x00\x01\x00\x00"


def build_cjk(job: dict) -> dict:
    """Subset (and convert) one CJK face; run in a worker process."""
    face = CJKFace(**job["face"])
    ps_name = f"{face.ps_prefix}-{job['style']}"
    index = find_in_collection(job["ttc"], face.source_family)
    font = TTFont(job["ttc"], fontNumber=index, recalcTimestamp=False)
    cmap = set(font.getBestCmap())
    wanted = set(job["chars"])            # listed: should all be there
    fill = set(job["fill"]) & cmap        # ranges: whatever the face has
    present = wanted & cmap

    keep_one_language(font, face.lang_tag)
    options = _subset_options(KEEP_FEATURES)
    if job["outline"] == "ttf":
        options.desubroutinize = True  # outlines are rewritten anyway
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=present | fill)
    subsetter.subset(font)

    rename(font, face.family, job["style"], ps_name)
    if job["outline"] == "ttf":
        cff_to_glyf(font, max_err=job["max_err"], post_format=job["post_format"])
    out = Path(job["out_dir"]) / f"{ps_name}.{job['outline']}"
    font.save(out, reorderTables=True)
    return {"file": out.name, "wanted": len(wanted), "present": len(present),
            "fill": len(fill - wanted), "missing": sorted(wanted - present)}


def kept_cjk(job: dict) -> dict:
    """What ``build_cjk`` reports, for a face kept as it is in the output folder."""
    face = CJKFace(**job["face"])
    file = f"{face.ps_prefix}-{job['style']}.{job['outline']}"
    cmap = set(TTFont(Path(job["out_dir"]) / file, lazy=True).getBestCmap())
    wanted = set(job["chars"])
    return {"file": file, "wanted": len(wanted), "present": len(wanted & cmap),
            "fill": len(set(job["fill"]) & cmap - wanted), "missing": sorted(wanted - cmap)}


# --------------------------------------------------------------------------
# Licence texts and manifest
# --------------------------------------------------------------------------


def debian_version(pkg_dir: Path, package: str) -> str:
    changelog = pkg_dir / "usr/share/doc" / package / "changelog.Debian.gz"
    with gzip.open(changelog, "rt", encoding="utf-8") as fh:
        return re.match(r"\S+ \(([^)]+)\)", fh.readline()).group(1)


def ofl_text_from_debian(copyright_file: Path) -> str:
    """The OFL 1.1 body from a Debian copyright file's 'License: SIL-1.1'
    (or OFL-1.1) stanza, with Debian's one-space indent and '.' lines
    undone."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines)  # the stanza, not a field
                 if re.fullmatch(r"License: (SIL-1\.1|OFL-1\.1)", l)
                 and i > 0 and not lines[i - 1].strip())
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def licence_notice(notice: str) -> str:
    """A name-table copyright string as an OFL.txt line. Noto Sans CJK's
    name table says only "© 2014-2021 Adobe (...)"; its upstream LICENSE adds
    the Reserved Font Name, which must travel with the licence."""
    notice = notice.replace("©", "Copyright").rstrip(".")
    if "Adobe" in notice:
        notice += ", with Reserved Font Name 'Source'"
    return notice + "."


def write_ofl(out_dir: Path, cjk_pkg: Path, copyrights: list[str]) -> None:
    body = ofl_text_from_debian(cjk_pkg / "usr/share/doc/fonts-noto-cjk/copyright")
    header = "\n".join(copyrights)
    (out_dir / "OFL.txt").write_text(
        f"{header}\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n"
        f"{body}", encoding="utf-8")


MANIFEST_HEADER = "# Bundled fonts. Paths are relative to this file.\n"


def write_manifest(out_dir: Path, faces: dict[str, dict[str, str]]) -> None:
    lines = [MANIFEST_HEADER, "faces:\n"]
    for key, styles in faces.items():
        lines.append(f"  {key}:\n")
        for style, file in styles.items():
            lines.append(f"    {style}: {file}\n")
    (out_dir / "manifest.yaml").write_text("".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------


def shape_gids(path: Path, text: str, features=None, direction=None) -> list[int]:
    import uharfbuzz as hb

    face = hb.Face(path.read_bytes())
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    if direction:
        buf.direction = direction
    hb.shape(font, buf, features or {})
    return [info.codepoint for info in buf.glyph_infos]


def verify(out_dir: Path, faces: dict[str, dict[str, str]],
           wanted: dict[str, set[int]], text_dir: Path | None) -> list[str]:
    problems: list[str] = []
    cmaps: dict[str, set[int]] = {}
    for key, styles in faces.items():
        for style, file in styles.items():
            font = TTFont(out_dir / file)
            outline = "glyf" if file.endswith(".ttf") else "CFF "
            if outline not in font:
                problems.append(f"{file}: no {outline.strip()} table")
            cmap = set(font.getBestCmap())
            cmaps.setdefault(key, cmap)
            cmaps[key] &= cmap
            lost = wanted.get(key, set()) - cmap
            if lost:
                problems.append(f"{file}: {len(lost)} requested characters missing")
    # Every character of the texts must be covered by its language's chain.
    chains = language_chains(text_dir)
    for lang, where, text in text_samples(text_dir):
        chain = chains.get(lang)
        if chain is None and lang == "":
            continue  # not a language's text (a document's history.yaml)
        if chain is None:
            problems.append(f"{where}: language {lang!r} has no font chain")
            continue
        covered = set().union(*(cmaps[k] for k in chain))
        missing = sorted({c for c in text if ord(c) >= 0x20 and ord(c) not in covered})
        if missing:
            problems.append(f"{where}: not covered by {chain}: "
                            + " ".join(f"{c} U+{ord(c):04X}" for c in missing))
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        print("warning: uharfbuzz not installed; shaping check skipped", file=sys.stderr)
        return problems
    for key, text in SAMPLES:
        for file in faces[key].values():
            gids = shape_gids(out_dir / file, text)
            if 0 in gids:
                problems.append(f"{file}: .notdef when shaping {text!r}")
            if key in CJK_KEYS:
                horiz = shape_gids(out_dir / file, "（、。）")
                vert = shape_gids(out_dir / file, "（、。）", direction="ttb")
                if horiz == vert:
                    problems.append(f"{file}: 'vert' did not substitute punctuation")
    return problems


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--noto-core", type=Path, required=True,
                    help="extracted fonts-noto-core package")
    ap.add_argument("--noto-cjk", type=Path, required=True,
                    help="extracted fonts-noto-cjk package")
    ap.add_argument("--keep-cjk", action="store_true",
                    help="keep the CJK faces already in --out (no subsetting, about a minute saved)")
    ap.add_argument("--unicode-data", type=Path, required=True,
                    help="extracted unicode-data package (Unihan lists)")
    ap.add_argument("--text", type=Path, default=None,
                    help="content folder (text/) whose characters must be covered")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                    help="output folder (default: this script's folder)")
    ap.add_argument("--outline", choices=("ttf", "otf"), default="ttf",
                    help="CJK outlines: TrueType (converted) or CFF (as shipped)")
    ap.add_argument("--max-err", type=float, default=1.0,
                    help="cu2qu approximation error, in font units")
    ap.add_argument("--post-format", type=float, choices=(2.0, 3.0), default=2.0,
                    help="'post' table format of converted fonts (2 keeps glyph names)")
    ap.add_argument("--no-kr-hanja", action="store_true",
                    help="leave the 4,888 KS X 1001 hanja out of the KR face")
    ap.add_argument("--jobs", type=int, default=2,
                    help="CJK faces built in parallel (each takes ~0.3 GB of memory)")
    args = ap.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)

    # Latin and Thai.
    core = args.noto_core / NOTO_DIR
    for file in LATIN_STYLES.values():
        copy_latin(core / file, out / file)
    for file in THAI_STYLES.values():
        shutil.copyfile(core / file, out / file)
    for styles in RTL_FACES.values():
        for file in styles.values():
            shutil.copyfile(core / file, out / file)
    from_text = text_chars_by_face(args.text)
    for key, styles in script_faces().items():
        for file in styles.values():
            build_script_face(core / file, out / file, SCRIPT_RANGES[key])

    # CJK.
    unihan = read_unihan(args.unicode_data)
    common = set().union(*(span(a, b) for a, b in COMMON_RANGES))
    wanted: dict[str, set[int]] = {}
    for face in CJK_FACES:
        chars = (charset_kr(unihan, hanja=not args.no_kr_hanja) if face.key == "kr"
                 else CHARSETS[face.key](unihan))
        wanted[face.key] = chars | from_text[face.key]
    jobs = []
    for face in CJK_FACES:
        for style in CJK_WEIGHTS.values():
            jobs.append({
                "face": face.__dict__, "style": style, "out_dir": str(out),
                "ttc": str(args.noto_cjk / CJK_DIR / f"NotoSansCJK-{style}.ttc"),
                "chars": sorted(wanted[face.key]), "fill": sorted(common),
                "outline": args.outline,
                "max_err": args.max_err, "post_format": args.post_format,
            })
    if args.keep_cjk:
        results = [kept_cjk(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(build_cjk, jobs))
    # "wanted" now means: listed and available in the source face.
    for face, result in zip([j["face"]["key"] for j in jobs], results):
        wanted[face] -= set(result["missing"])
        missing = " ".join(f"U+{c:04X}" for c in result["missing"])
        print(f"{result['file']}: {result['present']} of {result['wanted']} listed "
              f"code points + {result['fill']} from the common ranges; "
              f"not in the source face: {missing or 'none'}")

    faces = {
        "latin": dict(LATIN_STYLES),
        "thai": dict(THAI_STYLES),
        **{f.key: {k: f"{f.ps_prefix}-{v}.{args.outline}" for k, v in CJK_WEIGHTS.items()}
           for f in CJK_FACES},
        **{key: dict(styles) for key, styles in RTL_FACES.items()},
        **script_faces(),
    }
    write_manifest(out, faces)

    copyrights = []
    for styles in faces.values():
        for file in styles.values():
            notice = TTFont(out / file, lazy=True)["name"].getDebugName(0)
            if notice and notice not in copyrights:
                copyrights.append(notice)
    copyrights = [licence_notice(c) for c in copyrights]
    write_ofl(out, args.noto_cjk, copyrights)
    write_licenses_md(out, faces, args, wanted)

    problems = verify(out, faces, wanted, args.text)
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    total = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"total size of {out}: {total / 1e6:.2f} MB")
    return 1 if problems else 0


def write_licenses_md(out: Path, faces, args, wanted) -> None:
    """LICENSES.md: origin, licence, changes, size and glyph count of each file."""
    core_v = debian_version(args.noto_core, "fonts-noto-core")
    cjk_v = debian_version(args.noto_cjk, "fonts-noto-cjk")
    uni_v = debian_version(args.unicode_data, "unicode-data")
    outline_note = (
        "CFF outlines converted to TrueType quadratic outlines (fontTools cu2qu, "
        f"max error {args.max_err:g} unit of 1000; CFF and VORG dropped, vertical "
        f"origins kept in vmtx; 'post' format {args.post_format:g})"
        if args.outline == "ttf" else "CFF outlines kept as shipped")
    rows = []
    for key, styles in faces.items():
        for file in styles.values():
            path = out / file
            font = TTFont(path, lazy=True)
            rows.append(f"| `{file}` | {path.stat().st_size / 1e6:.2f} MB "
                        f"| {len(font.getGlyphOrder()):,} | {len(font.getBestCmap()):,} |")
    total = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    hanja_kr = "without" if args.no_kr_hanja else "with"
    script_ranges = "; ".join(f"{key}: " + ", ".join(f"U+{a:04X}–{b:04X}" for a, b in ranges)
                              for key, ranges in SCRIPT_RANGES.items())
    text = f"""# Bundled fonts: origin and licences

All font files in this folder are licensed under the **SIL Open Font License,
Version 1.1** (full text and copyright notices: [`OFL.txt`](OFL.txt)). They are
Modified Versions in the OFL's sense where noted below. None uses a Reserved
Font Name (Noto Sans CJK reserves "Source"; no file here is named so).

The files are generated by [`prepare_fonts.py`](prepare_fonts.py) from Debian
packages (bookworm); `manifest.yaml` tells the engine which file is which face.

| file | copyright holder | source package | changes |
|---|---|---|---|
| `NotoSans-Regular.ttf`, `NotoSans-Bold.ttf`, `NotoSans-Italic.ttf`, `NotoSans-BoldItalic.ttf` | Google LLC (2015) | `fonts-noto-core` {core_v} (`/{NOTO_DIR}/`) | added one glyph, U+2260 ≠ `notequal`, drawn from each face's own `=` (Noto Sans has no ≠); otherwise unchanged, names unchanged |
| `NotoSansThai-Regular.ttf`, `NotoSansThai-Bold.ttf` | Google Inc. (2016) | `fonts-noto-core` {core_v} | unchanged copies |
| `NotoNaskhArabic-Regular.ttf`, `NotoNaskhArabic-Bold.ttf`, `NotoNastaliqUrdu-Regular.ttf`, `NotoNastaliqUrdu-Bold.ttf` | Google LLC (2019-2020), Google Inc. (2017) | `fonts-noto-core` {core_v} | unchanged copies |
| {", ".join(f"`{stem}-*`" for stem in SCRIPT_FACES.values())} | Google Inc. / Google LLC | `fonts-noto-core` {core_v} | subset to their script's blocks ({script_ranges}) and {", ".join(f"U+{a:04X}–{b:04X}" for a, b in SCRIPT_COMMON)}, each where the face has it; every layout feature, script and language system kept; names unchanged; in Noto Looped Thai, the raised tone marks anchored at their plain forms' height (`seat_raised_marks`: 1.00 drew them inside the upper vowel) |
| `NotoSansSC-*`, `NotoSansTC-*`, `NotoSansJP-*`, `NotoSansKR-*` | Adobe (2014-2021), Reserved Font Name "Source" | `fonts-noto-cjk` {cjk_v} (`/{CJK_DIR}/NotoSansCJK-Regular.ttc`, `NotoSansCJK-Bold.ttc`, faces "Noto Sans CJK SC/TC/JP/KR") | subset (below); renamed to "Noto Sans SC/TC/JP/KR" (PostScript `NotoSansSC-Regular` ...); {outline_note}; OpenType features kept: {", ".join(KEEP_FEATURES)}, for the face's own language system only (ZHS, ZHT, JAN, KOR) |

Character lists come from Python's codecs and from the Unihan database of
Debian's `unicode-data` {uni_v}. Every CJK face carries the code points of
{", ".join(f"U+{a:04X}–{b:04X}" for a, b in COMMON_RANGES)} that the source
face has, plus:

- **SC**: GB 2312 (6,763 hanzi + symbols) and the General Standard Chinese
  Characters (通用规范汉字表, 2013) levels 1–2 (Unihan `kTGH` ≤ 6500);
- **TC**: Big5 levels 1 and 2 (13,060 hanzi) + symbols, CP950 additions, Bopomofo;
- **JP**: JIS X 0208 levels 1–2 with CP932 extensions, Jōyō and Jinmeiyō kanji
  (Unihan `kJoyoKanji`, `kJinmeiyoKanji`, with their listed variants),
  hiragana, katakana (incl. phonetic extensions, halfwidth), CJK Compatibility;
- **KR**: all 11,172 Hangul syllables, Hangul Jamo, Compatibility Jamo,
  KS X 1001 symbols, {hanja_kr} its 4,888 hanja;
- the characters of the matching `text/**/<lang>.yaml` files.

Requested code points present per CJK face (source faces lack a few codec
code points, e.g. private-use or unassigned ones):
{chr(10).join(f"- {k.upper()}: {len(v):,}" for k, v in wanted.items())}

## Files

| file | size | glyphs | mapped code points |
|---|---|---|---|
{chr(10).join(rows)}

Total size of `fonts/` (all files, including this one): **{total / 1e6:.1f} MB**.
"""
    (out / "LICENSES.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
