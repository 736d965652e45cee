"""XLIFF 1.2 files (OmegaT, memoQ, Trados, Weblate) through lxml.

One ``<trans-unit>`` per translatable text, its ``id`` and ``resname`` the
label (``who-list.items.2``), ``<source>`` the English, ``<target>`` the
translation with a ``state``: missing texts have no target; drafts are
``translated``, reviewed texts ``signed-off``, stale ones
``needs-review-translation`` with the English they were translated from in
a ``<note from="pamphlet">``; a translator's note is a ``<note
from="translator">``. The ``<header>`` names the tool, as the strict
schema asks of a ``tool-id``.

On import, a target's ``state`` says whether the translator checked it
against the unit's source: ``signed-off``, ``final`` (or the unit's
``approved="yes"``) make it reviewed; ``translated``, no state, or a custom
``x-`` state make it a draft; ``new`` and the ``needs-*`` states (such as
``needs-review-translation``) leave it unchecked, and a block whose text is
unchecked and unchanged keeps the fingerprint it had (a stale block stays
stale). A target equal to its source in a unit still marked as needing
translation is the tool's copy of the English, not a translation. A changed target is taken as checked whatever its state, since
some tools (OmegaT's XLIFF filter among them) never update ``state``. An
empty target is untranslated. Entities and external references are never
resolved. Any ``<note>`` not from pamphlet is the translator's, and is
kept with the block. The file's ``original`` names the document and its
``source-language`` must be English.
"""

from __future__ import annotations

from pathlib import Path

from ..content.load import SOURCE_LANG, load_document
from ..errors import Location, PamphletError, Problem
from .exchange import units
from .incoming import NEEDS_REVIEW, REVIEWED, TRANSLATED, Exchange, Incoming, Said

NS = "urn:oasis:names:tc:xliff:document:1.2"
_EXPORT_STATE = {"draft": "translated", "reviewed": "signed-off", "stale": "needs-review-translation"}
_REVIEWED_STATES = ("signed-off", "final")
_UNCHECKED_STATES = ("new", "needs-translation", "needs-adaptation", "needs-l10n",
                     "needs-review-translation", "needs-review-adaptation", "needs-review-l10n")


def export_xliff(folder: Path, lang: str) -> bytes:
    from lxml import etree

    source = load_document(folder, SOURCE_LANG)
    root = etree.Element(f"{{{NS}}}xliff", nsmap={None: NS}, version="1.2")
    file_ = etree.SubElement(root, f"{{{NS}}}file", original=source.id, datatype="plaintext",
                             attrib={"source-language": SOURCE_LANG, "target-language": lang, "tool-id": "pamphlet"})
    header = etree.SubElement(file_, f"{{{NS}}}header")
    etree.SubElement(header, f"{{{NS}}}tool", attrib={"tool-id": "pamphlet", "tool-name": "pamphlet"})
    body = etree.SubElement(file_, f"{{{NS}}}body")
    for unit in units(folder, lang):
        element = etree.SubElement(body, f"{{{NS}}}trans-unit", id=unit.context, resname=unit.context)
        if unit.status == "reviewed" and unit.target:
            element.set("approved", "yes")  # what Weblate and Okapi read as approved
        etree.SubElement(element, f"{{{NS}}}source").text = unit.source
        if unit.target:
            target = etree.SubElement(element, f"{{{NS}}}target", state=_EXPORT_STATE[unit.status])
            target.text = unit.target
        note = etree.SubElement(element, f"{{{NS}}}note", **{"from": "pamphlet"})
        note.text = f"{unit.block_type}, {unit.where}" + (
            f"; stale: the English changed since this was translated; it was translated from: {unit.previous}"
            if unit.previous else "; stale: the English changed since this was translated" if unit.status == "stale" else "")
        if unit.note:
            etree.SubElement(element, f"{{{NS}}}note", **{"from": "translator"}).text = unit.note
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _status(state: str | None, approved: str | None) -> str:
    """What a target's state (and its unit's approved attribute) says of it."""
    if state in _REVIEWED_STATES or (approved == "yes" and state not in _UNCHECKED_STATES):
        return REVIEWED
    if state in _UNCHECKED_STATES:
        return NEEDS_REVIEW
    return TRANSLATED


def read_xliff(file: Path) -> Exchange:
    """The <file> element's languages and document, and the units."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(file), parser).getroot()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise PamphletError(Problem(Location(file, line), f"not well-formed XML ({exc.msg})", "expected an XLIFF 1.2 file"))
    if etree.QName(root).localname != "xliff" or root.get("version") != "1.2" or etree.QName(root).namespace != NS:
        raise PamphletError(Problem(Location(file, root.sourceline), f"root element <{etree.QName(root).localname}> "
                                    f"version {root.get('version')!r}", f"expected <xliff version=\"1.2\" xmlns=\"{NS}\">"))
    files = root.findall(f"{{{NS}}}file")
    if len(files) != 1:
        raise PamphletError(Problem(Location(file, root.sourceline), f"{len(files)} <file> elements", "expected one"))
    incoming = tuple(_unit(file, element) for element in files[0].iter(f"{{{NS}}}trans-unit"))
    line = files[0].sourceline
    return Exchange(file, "xliff", Said(files[0].get("target-language"), line), Said(files[0].get("original"), line),
                    Said(files[0].get("source-language"), line), incoming)


def _unit(file: Path, element) -> Incoming:
    """One trans-unit, its text plain (no inline elements, entities or comments)."""
    from lxml import etree

    source = element.find(f"{{{NS}}}source")
    target = element.find(f"{{{NS}}}target")
    if source is None:
        raise PamphletError(Problem(Location(file, element.sourceline), "a trans-unit without <source>", "expected <source> and <target>"))
    for part in (source, target):
        if part is not None and len(part):
            child = part[0]
            if child.tag is etree.Entity:
                what = f"an entity reference {child.text}"
            elif isinstance(child.tag, str):
                what = f"inline XLIFF element <{etree.QName(child).localname}>"
            else:
                what = "a comment or processing instruction"
            raise PamphletError(Problem(Location(file, child.sourceline or part.sourceline), f"{what} in a unit's text",
                                        "expected plain text (the pamphlet's own ** and _ markup)"))
    text = (target.text or "") if target is not None else ""
    status = _status(target.get("state"), element.get("approved")) if text.strip() else None
    line = target.sourceline if target is not None else element.sourceline
    notes = [n.text.strip() for n in element.iterfind(f"{{{NS}}}note") if n.get("from") != "pamphlet" and (n.text or "").strip()]
    return Incoming(line, element.get("resname") or element.get("id") or "", source.text or "", text, status, "\n".join(notes))
