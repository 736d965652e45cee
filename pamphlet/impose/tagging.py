"""The structure tree of a tagged PDF, built once its pages are on their sheets.

In:  a pypdf writer holding the sheets, the ``render.tags.Structure`` of the
     reader pages, and where each reader page's marked content went (its
     sheet, and the number its MCIDs were moved up by there).
Out: the same writer, tagged (PDF/UA-1): a StructTreeRoot whose elements
     follow the edition's reading order whatever the sheet order, a
     ParentTree per sheet, /StructParents on every sheet, Link elements for
     the links (with /Contents, /Tabs /S on their pages), /MarkInfo, /Lang,
     DisplayDocTitle, and XMP with dc:title and pdfuaid:part 1.

Content stays where imposition put it; only MCIDs are renumbered, per
sheet (``offset_mcids``), since every reader page numbers its own from 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..privateapi import add_object

if TYPE_CHECKING:
    from pypdf import PdfWriter

    from ..render.tags import Structure

_MCID = re.compile(rb"/MCID (\d+)")


@dataclass(frozen=True)
class Moved:
    """Where a reader page's marked content lies in the output."""

    reader_page: int
    sheet: int  # 0-based page of the output
    offset: int  # added to each of its MCIDs
    count: int = 0  # its MCIDs


def mcid_count(data: bytes) -> int:
    """How many MCIDs a content stream numbers (its largest, plus one)."""
    found = [int(m.group(1)) for m in _MCID.finditer(data)]
    return max(found) + 1 if found else 0


def offset_mcids(data: bytes, offset: int) -> bytes:
    """The content with every MCID moved up by ``offset`` (content render wrote:
    no string or inline image holds '/MCID')."""
    if not offset:
        return data
    return _MCID.sub(lambda m: b"/MCID %d" % (int(m.group(1)) + offset), data)


def tag(writer: PdfWriter, structure: Structure, moved: list[Moved], file_id: bytes = b"") -> None:
    """Give the writer's pages the structure tree (see the module's docstring)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    pages = list(writer.pages)
    refs = [page.indirect_reference for page in pages]
    root = add_object(writer, DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")}))
    document = add_object(writer, DictionaryObject())
    kids, parent_arrays, ids = _elements(writer, structure, moved, refs, document)
    document.get_object().update(_element_keys(structure.nodes[0], kids, root, None))
    nums = ArrayObject()
    for sheet, page in enumerate(pages):
        page[NameObject("/StructParents")] = NumberObject(sheet)
        entries = parent_arrays.get(sheet, {})
        nums += [NumberObject(sheet), add_object(writer, ArrayObject(entries[m] for m in sorted(entries)))]
    next_key = _links(writer, pages, refs, document, nums, len(pages))
    root.get_object().update({
        NameObject("/K"): ArrayObject([document]),
        NameObject("/ParentTree"): DictionaryObject({NameObject("/Nums"): nums}),
        NameObject("/ParentTreeNextKey"): NumberObject(next_key),
    })
    if ids:
        root.get_object()[NameObject("/IDTree")] = _id_tree(ids)
    _catalog(writer, root, structure, file_id)


def tag_front(writer: PdfWriter, structure: Structure) -> None:
    """The writer is tagged, and its first pages are ``structure``'s reader
    pages as drawn (a sheet of instructions put in front): their elements go
    first in the Document, their pages into the ParentTree, in another
    language than the document's where theirs is."""
    from pypdf.generic import ArrayObject, NameObject, NumberObject, TextStringObject

    root = writer.root_object["/StructTreeRoot"].get_object()
    document = root["/K"][0] if isinstance(root["/K"], ArrayObject) else root.raw_get("/K")
    refs = [page.indirect_reference for page in writer.pages]
    moved = [Moved(n, n, 0, len(marks)) for n, marks in enumerate(structure.pages)]
    kids, parent_arrays, _ = _elements(writer, structure, moved, refs, document)
    if structure.lang != str(writer.root_object.get("/Lang", "")):
        for kid in kids:
            kid.get_object()[NameObject("/Lang")] = TextStringObject(structure.lang)
    own = document.get_object()["/K"]
    document.get_object()[NameObject("/K")] = ArrayObject(list(kids) + (list(own) if isinstance(own, list) else [own]))
    nums = root["/ParentTree"]["/Nums"]
    key = int(root["/ParentTreeNextKey"])
    for sheet in range(len(structure.pages)):
        writer.pages[sheet][NameObject("/StructParents")] = NumberObject(key)
        entries = parent_arrays.get(sheet, {})
        nums += [NumberObject(key), add_object(writer, ArrayObject(entries[m] for m in sorted(entries)))]
        key += 1
    root[NameObject("/ParentTreeNextKey")] = NumberObject(key)


def _elements(writer, structure: Structure, moved: list[Moved], refs: list, document) -> tuple[list, dict, list]:
    """The elements below the Document (``document``, already made): its
    kids, each sheet's MCID -> element, and the elements with an /ID."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    marks = _marks_per_node(structure, moved)
    kept = sorted(_kept(structure, marks))
    elements = {index: add_object(writer, DictionaryObject()) for index in kept if index}
    elements[0] = document
    parent_arrays: dict[int, dict[int, object]] = {}
    ids = []
    for index in kept[1:]:
        node = structure.nodes[index]
        kids = ArrayObject(elements[k] for k in kept if structure.nodes[k].parent == index)
        own = marks.get(index, [])
        first_page = own[0][0] if own else None
        for sheet, mcid in own:
            kids.append(NumberObject(mcid) if sheet == first_page else
                        DictionaryObject({NameObject("/Type"): NameObject("/MCR"), NameObject("/Pg"): refs[sheet],
                                          NameObject("/MCID"): NumberObject(mcid)}))
            parent_arrays.setdefault(sheet, {})[mcid] = elements[index]
        elements[index].get_object().update(_element_keys(node, kids[0] if len(kids) == 1 else kids,
                                                          elements[node.parent], refs[first_page] if own else None))
        if node.id:
            ids.append((node.id, elements[index]))
    top = ArrayObject(elements[k] for k in kept[1:] if structure.nodes[k].parent == 0)
    return top, parent_arrays, ids


def tagged_pdf(pdf: bytes, structure: Structure) -> bytes:
    """A reader-order PDF (``render.draw.render_tagged``), pages as drawn, tagged."""
    import hashlib
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    moved = [Moved(n, n, 0, len(marks)) for n, marks in enumerate(structure.pages)]
    tag(writer, structure, moved, hashlib.md5(pdf).digest())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _marks_per_node(structure: Structure, moved: list[Moved]) -> dict[int, list[tuple[int, int]]]:
    """Each element's marked content, (sheet, MCID), in reading order."""
    marks: dict[int, list[tuple[int, int]]] = {}
    for place in sorted(moved, key=lambda m: m.reader_page):
        for mcid, node in enumerate(structure.pages[place.reader_page]):
            marks.setdefault(node, []).append((place.sheet, mcid + place.offset))
    return marks


def _kept(structure: Structure, marks: dict) -> set[int]:
    """The elements with content of their own or below them (an element
    always comes after its parent, so one pass from the end finds them)."""
    kept = {0}
    for index in range(len(structure.nodes) - 1, 0, -1):
        if index in marks or index in kept:
            kept.add(index)
            kept.add(structure.nodes[index].parent)
    return kept


def _element_keys(node, kids, parent, page) -> dict:
    from pypdf.generic import NameObject, TextStringObject

    keys = {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/" + node.role),
            NameObject("/K"): kids}
    if parent is not None:
        keys[NameObject("/P")] = parent
    if page is not None:
        keys[NameObject("/Pg")] = page
    if node.alt:
        keys[NameObject("/Alt")] = TextStringObject(node.alt)
    if node.lang:
        keys[NameObject("/Lang")] = TextStringObject(node.lang)
    if node.id:
        keys[NameObject("/ID")] = TextStringObject(node.id)
    return keys


def _append_kid(element, kid) -> None:
    from pypdf.generic import ArrayObject, NameObject

    kids = element["/K"]
    if not isinstance(kids, ArrayObject):
        element[NameObject("/K")] = kids = ArrayObject([kids])
    kids.append(kid)


def _id_tree(ids: list[tuple[str, object]]):
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    names = ArrayObject()
    for name, element in sorted(ids, key=lambda pair: pair[0]):
        names += [TextStringObject(name), element]
    return DictionaryObject({NameObject("/Names"): names})


def _links(writer, pages, refs, document, nums, next_key: int) -> int:
    """A Link element under the Document for every link annotation, tied to
    it both ways (OBJR, /StructParent); the annotation says where it goes
    (/Contents) and its page is read in structure order (/Tabs /S)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    for sheet, page in enumerate(pages):
        annotations = page.get("/Annots")
        if not annotations:
            continue
        page[NameObject("/Tabs")] = NameObject("/S")
        for ref in annotations:
            annotation = ref.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            annotation[NameObject("/Contents")] = TextStringObject(uri or "link")
            link = add_object(writer, DictionaryObject({
                NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Link"),
                NameObject("/P"): document, NameObject("/Pg"): refs[sheet],
                NameObject("/K"): ArrayObject([DictionaryObject({
                    NameObject("/Type"): NameObject("/OBJR"), NameObject("/Obj"): ref, NameObject("/Pg"): refs[sheet]})]),
            }))
            _append_kid(document.get_object(), link)
            annotation[NameObject("/StructParent")] = NumberObject(next_key)
            nums += [NumberObject(next_key), link]
            next_key += 1
    return next_key


def _catalog(writer, root, structure: Structure, file_id: bytes) -> None:
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    catalog = writer.root_object
    catalog[NameObject("/StructTreeRoot")] = root
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    catalog[NameObject("/Lang")] = TextStringObject(structure.lang)
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    from .pdfx import add_xmp

    add_xmp(writer, None, structure.title or str((writer.metadata or {}).get("/Title", "")), file_id=file_id)
