"""Reading the partner's parts of a brand file (``parts.py`` holds
them): the credit, contact block, QR code, cover mark and replaced blocks,
each checked where it is written. Loaded only for a brand file that has them.
"""

from __future__ import annotations

from pathlib import Path

from ..content.artfile import KINDS, checked_art
from ..errors import Location, PamphletError, Problems
from ..layouts import parse_length
from ..projectdirs import checked_asset_path
from ..suggest import did_you_mean, misspelt
from ..yamlsource import LList, LMap
from .parts import DEFAULT_QR_SIZE, PARTNER_KEYS, ContactLines, CoverMark, PartnerParts, QRSpec, Replacement
from .qr import MIN_MODULE, MIN_SIZE, qr_matrix, valid_url
from .values import read_translatable

MAX_CONTACT_LINES = 12


def read_parts(data: LMap, path: Path, problems: Problems) -> PartnerParts:
    found: dict = {"lines": tuple((key, Location(path, data.line_of(key))) for key in PARTNER_KEYS if key in data)}
    if "credit" in data:
        found["credit"] = read_translatable(data["credit"], path, data.line_of("credit"), "credit", problems)
    if "contact" in data:
        found["contact"] = _contact(data["contact"], path, data.line_of("contact"), "contact", problems)
    if "qr" in data:
        found["qr"] = _qr(data["qr"], path, data.line_of("qr"), problems)
    if "mark" in data:
        found["mark"] = _mark(data["mark"], path, data.line_of("mark"), problems)
    if "replace" in data:
        found["replace"] = _replacements(data["replace"], path, data.line_of("replace"), problems)
    return PartnerParts(**found)


def _contact(value, path: Path, line: int, what: str, problems: Problems) -> ContactLines | None:
    where = Location(path, line)
    if not isinstance(value, LMap):
        problems.add(where, f"{what} is not a mapping", "expected {heading: TEXT, lines: [{label: TEXT, value: TEXT}, ...]}")
        return None
    for key in value:
        if key not in ("heading", "lines"):
            problems.add(Location(path, value.line_of(key)), f"unknown key '{key}' in {what}",
                         "expected heading or lines" + did_you_mean(str(key), ("heading", "lines")))
    heading = None
    if "heading" in value:
        heading = read_translatable(value["heading"], path, value.line_of("heading"), f"{what} heading", problems)
    lines = value.get("lines")
    if lines is None and misspelt(value, "lines", ("heading", "lines")):
        return None  # the misspelt key is reported at its line
    if not isinstance(lines, LList) or not lines:
        problems.add(Location(path, value.line_of("lines")), f"{what} has no lines",
                     "expected lines: [{label: TEXT, value: TEXT}, ...] (address, phone, hours, website, ...)")
        return None
    if len(lines) > MAX_CONTACT_LINES:
        problems.add(Location(path, value.line_of("lines")), f"{what} has {len(lines)} lines",
                     f"expected at most {MAX_CONTACT_LINES}: the back page has room for a short block")
    read = []
    for n, (entry, entry_line) in enumerate(zip(lines, lines.item_lines), start=1):
        if not isinstance(entry, LMap) or set(entry) - {"label", "value"} or "value" not in entry:
            problems.add(Location(path, entry_line), f"{what} line {n} is {entry!r}",
                         "expected {label: TEXT, value: TEXT}, each text or {default: ..., <language>: ...}")
            continue
        label = read_translatable(entry.get("label", ""), path, entry.line_of("label"), f"{what} line {n} label", problems)
        text = read_translatable(entry["value"], path, entry.line_of("value"), f"{what} line {n} value", problems)
        if label and text:
            read.append((label, text))
    return ContactLines(heading, tuple(read), where)


QR_SCHEMES = ("https", "http", "tel", "mailto", "sms")


def _qr(value, path: Path, line: int, problems: Problems) -> QRSpec | None:
    where = Location(path, line)
    if not isinstance(value, LMap) or "url" not in value:
        problems.add(where, "qr has no url", "expected qr: {url: https://..., size: 2.5cm, caption: TEXT}")
        return None
    for key in value:
        if key not in ("url", "size", "caption"):
            problems.add(Location(path, value.line_of(key)), f"unknown key '{key}' in qr", "expected url, size or caption")
    url = value["url"]
    url_at = Location(path, value.line_of("url"))
    if not isinstance(url, str) or not valid_url(url):
        problems.add(url_at, f"qr url {url!r} is not a URL", "expected a full address such as https://example.org/page")
        return None
    scheme = url.split(":", 1)[0].lower()
    if scheme not in QR_SCHEMES:  # a phone would offer to run or open it: javascript:, data:, file:
        problems.add(url_at, f"qr url {url[:60]!r} is a {scheme}: address",
                     f"expected an address a phone opens safely: {', '.join(s + ':' for s in QR_SCHEMES)}")
        return None
    size = DEFAULT_QR_SIZE
    if "size" in value:
        try:
            size = parse_length(value["size"], Location(path, value.line_of("size")))
        except PamphletError as exc:
            problems.extend(exc)
            return None
        if size < MIN_SIZE - 1e-6:
            problems.add(Location(path, value.line_of("size")), f"qr size {value['size']} is under 2 cm",
                         "expected at least 2cm, so phones read it from paper")
            return None
    try:
        matrix = qr_matrix(url)
    except Exception as exc:  # segno refuses data that no QR version holds
        problems.add(url_at, f"qr url cannot be encoded ({exc})", "expected a shorter address")
        return None
    if size / matrix.modules < MIN_MODULE:
        problems.add(url_at, f"qr url needs {matrix.modules} modules: at {size / 72 * 2.54:.1f} cm each is under 0.5 mm",
                     "expected a shorter address or a larger size")
        return None
    caption = None
    if "caption" in value:
        caption = read_translatable(value["caption"], path, value.line_of("caption"), "qr caption", problems)
    return QRSpec(str(url), size, matrix, caption, where)


MARK_FORM = "expected mark: {file: ART, width: LENGTH, alt: TEXT}: an SVG, PDF, PNG or JPEG inside the brand file's folder"


def _mark(value, path: Path, line: int, problems: Problems) -> CoverMark | None:
    where = Location(path, line)
    if not isinstance(value, LMap):
        problems.add(where, "mark is not a mapping", MARK_FORM)
        return None
    for key in value:
        if key not in ("file", "width", "alt"):
            problems.add(Location(path, value.line_of(key)), f"unknown key '{key}' in mark", "expected file, width or alt")
    missing = [key for key in ("file", "width", "alt") if key not in value]
    if missing:
        problems.add(where, f"mark has no {' or '.join(repr(k) for k in missing)}", MARK_FORM)
        return None
    file_at = Location(path, value.line_of("file"))
    written = value["file"]
    file = checked_asset_path(written, path.parent, file_at, "mark file", problems)
    if file is None:
        return None
    if file.suffix.lower() not in KINDS:
        problems.add(file_at, f"mark file '{written}' is not PNG, JPEG, SVG or PDF", "expected .svg, .pdf, .png or .jpg")
        return None
    art = checked_art(file, file_at, written, "mark file", problems, path.parent)
    if art is None:
        return None
    width_at = Location(path, value.line_of("width"))
    try:
        width = parse_length(value["width"], width_at)
    except PamphletError as exc:
        problems.extend(exc)
        return None
    if width <= 0:
        problems.add(width_at, f"mark width {value['width']!r} is not positive", "expected a length such as 0.8in")
        return None
    alt = read_translatable(value["alt"], path, value.line_of("alt"), "mark alt", problems)
    return CoverMark(file, width, alt, where, file_at, art.aspect) if alt else None


def _replacements(value, path: Path, line: int, problems: Problems) -> tuple[Replacement, ...]:
    if not isinstance(value, LMap) or not value:
        problems.add(Location(path, line), "replace is not a mapping of block ids", "expected replace: {BLOCK-ID: {text: ...}}")
        return ()
    found = []
    for block_id, entry in value.items():
        where = Location(path, value.line_of(block_id))
        if not isinstance(entry, LMap):
            problems.add(where, f"replace '{block_id}' is not a mapping", "expected the block's text keys (text, heading, items, lines, ...)")
            continue
        texts = []
        for key, text in entry.items():
            at = Location(path, entry.line_of(key))
            what = f"replace '{block_id}' {key}"
            if key == "lines":
                read = _contact(LMap({"lines": text}, line=at.line), path, at.line, what, problems)
                texts.append((key, read.lines if read else (), at))
            elif key == "items":
                if not isinstance(text, LList) or not text:
                    problems.add(at, f"{what} is not a list", "expected a list of texts")
                    continue
                items = tuple(read_translatable(t, path, item_line, f"{what} {n}", problems)
                              for n, (t, item_line) in enumerate(zip(text, text.item_lines), start=1))
                texts.append((key, items, at))
            else:
                texts.append((key, read_translatable(text, path, at.line, what, problems), at))
        found.append(Replacement(str(block_id), tuple(texts), where))
    return tuple(found)
