"""What svglib would leave out of an SVG: found before it reads the file,
and collected from its log while it does.

A module of its own so that ``logging`` is loaded only when an SVG is read.
svglib skips what it cannot or may not read (an ``<image>`` whose link it
will not follow, an entity its parser does not expand) and logs it at a
level below what reaches anyone; the picture would print without that
part. ``left_out`` names the first such part, with its line.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def left_out(path: Path) -> tuple[str, str] | None:
    """(what was found, what would do) for the first part of the SVG that
    would be dropped: a DOCTYPE entity used in it, or a link to a file that
    is outside the SVG's folder or not there. None when there is none."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:  # svglib reads on past the error and draws what it can
        return (f"an SVG that is not well-formed XML ({exc.msg.split(', see ')[0].rstrip('.')}, line {exc.lineno})",
                "expected the SVG as an editor saves it: each part of it read, none dropped")
    for node in root.iter():
        if node.tag is etree.Entity:
            return (f"an SVG that uses an entity of its DOCTYPE ({node.text} on line {node.sourceline}), which is never "
                    "read", "expected a self-contained SVG: the text or shapes themselves, no DOCTYPE entities")
        if not isinstance(node.tag, str) or etree.QName(node).localname == "a":
            continue  # a hyperlink (<a href>) loads nothing: svglib draws what it holds
        link = node.get(_XLINK_HREF) or node.get("href")
        why = _link_problem(link, path.parent) if link else None
        if why:
            return (f"an SVG that refers to other files (<{etree.QName(node).localname}> on line {node.sourceline} links to "
                    f"{link[:80]!r}, {why})", "expected a self-contained SVG: shapes only, no links to other files")
    return None


def _link_problem(link: str, folder: Path) -> str | None:
    """Why a link would be dropped, or None: in-document (#id) and inline
    (data:) links are read, and so is a file inside the SVG's folder."""
    link = link.strip()
    if link.startswith(("#", "data:")):
        return None
    if _SCHEME.match(link):
        return "an address, not a file beside the SVG"
    if link.startswith("/"):
        return "an absolute path"
    target = (folder / link.split("#")[0]).resolve()
    root = folder.resolve()
    if root not in target.parents and target != root:
        return "outside the SVG's folder"
    if not target.is_file():
        return "a file that is not there"
    return None


class Refusals(logging.Handler):
    """What svglib refused to read, collected from its log (other messages
    still reach standard error, as before)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "reference" in message or "Unable to read" in message:
            self.messages.append(message.rstrip(". "))
        else:
            logging.lastResort.handle(record)
