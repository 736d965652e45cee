"""Tagging while drawing: marked content around every item, and the structure it belongs to.

In:  the items of each reader page, in reading order, each with its tag
     (``block id#part``, set by the typesetter), and the document's outline
     (each block's type and heading level).
Out: the marked-content operators to draw around each item (an MCID per
     tagged item, numbered from 0 on each reader page, or an Artifact), and
     a ``Structure``: the structure elements in reading order and, per reader
     page, the element each MCID belongs to. ``impose.tagging`` turns it into
     the PDF's structure tree once the pages are on their sheets.

The tree: Document > Sect (one per section: the cover, and each top-level
heading) > H1 (the cover title), H2/H3 (headings, never skipping a level),
P, L > LI > Lbl + LBody, BlockQuote (a testimony and its attribution), Note
(a footnote, its /ID the block id), Figure (alt text; a QR code's names its
address). An element in another language than the edition's says so
(/Lang): a block printed in English in place of a missing translation, the
organisation's name. Page numbers are Pagination artifacts; panels, rules, tints and
pictures without a text alternative are layout artifacts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .artdraw import pdf_string

ARTIFACT = "/Artifact BMC"
PAGINATION = "/Artifact <</Type /Pagination>> BDC"
END = "EMC"


@dataclass(frozen=True)
class Node:
    """One structure element: its role, its parent (an index into
    ``Structure.nodes``, -1 for the root) and what it says of itself."""

    role: str
    parent: int
    alt: str = ""
    lang: str = ""
    id: str = ""


@dataclass(frozen=True)
class Structure:
    """The structure of a reader-order PDF: elements in reading order, and
    per reader page the element of each MCID (index = MCID)."""

    lang: str
    title: str
    nodes: tuple[Node, ...]
    pages: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class BlockKind:
    """What the tagger needs of a block: its type and heading level, and a
    language of its own when it is printed in another (English in place of
    a missing translation)."""

    type: str
    level: int = 0
    lang: str = ""


def outline_of(document) -> dict[str, BlockKind]:
    """Each block of a Document by id; and the organisation's name on the
    cover ('document'), which is the source's, in the source's language."""
    from ..content.load import SOURCE_LANG

    other = "" if document.lang == SOURCE_LANG else SOURCE_LANG
    outline = {b.id: BlockKind(b.type, b.level, other if b.status == "missing" else "") for b in document.blocks}
    outline.setdefault("document", BlockKind("organisation", 0, other))
    return outline


_LEAF = {"paragraph": "P", "callout": "P", "note": "Note"}
_CONTAINER = {"list": "L", "quote": "BlockQuote", "contact": "Div"}


class Tagger:
    """Hands out MCIDs page by page and grows the structure as tags appear."""

    def __init__(self, outline: dict[str, BlockKind] | None, lang: str, title: str):
        self.outline = outline or {}
        self.lang, self.title = lang, title
        self.nodes: list[Node] = [Node("Document", -1, lang=lang)]
        self.pages: list[list[int]] = []
        self._keys: dict[str, int] = {}  # (block, part) or container keys -> node index
        self._sect = -1
        self._sect_headed = False
        self._levels: list[tuple[int, int]] = []  # (source level, PDF level) of the open headings
        self._last = ""  # the tag of the text before: a text outside the outline joins only that

    def new_page(self) -> None:
        self.pages.append([])

    def structure(self) -> Structure:
        return Structure(self.lang, self.title, tuple(self.nodes), tuple(tuple(p) for p in self.pages))

    # -- operators ------------------------------------------------------------
    def begin(self, tag: str) -> str:
        """The operator opening a tagged item's marked content."""
        if tag.startswith("page-number#"):
            return PAGINATION
        node = self._leaf(tag)
        return self._mark(node)

    def figure(self, alt: str, tag: str = "") -> str:
        """A picture or QR code with a text alternative: a Figure of its own."""
        if tag in self._keys and tag.partition("#")[0] in self.outline:
            node = self._keys[tag]
        else:
            block_id = tag.partition("#")[0] if tag else ""
            kind = self.outline.get(block_id)
            parent = self._container(block_id) if kind is not None and kind.type in _CONTAINER else self._section()
            node = self._add(Node("Figure", parent, alt=alt))
            if tag:
                self._keys[tag] = node
        return self._mark(node, alt)

    def _mark(self, node: int, alt: str = "") -> str:
        page = self.pages[-1]
        mcid = len(page)
        page.append(node)
        role = self.nodes[node].role
        extra = f" /Alt {pdf_string(alt)}" if alt else ""
        return f"/{role} <</MCID {mcid}{extra}>> BDC"

    # -- the tree ---------------------------------------------------------------
    def _add(self, node: Node) -> int:
        self.nodes.append(node)
        return len(self.nodes) - 1

    def _section(self, new: bool = False) -> int:
        if new or self._sect < 0:
            self._sect = self._add(Node("Sect", 0))
            self._sect_headed = False
        return self._sect

    def _heading_level(self, level: int) -> int:
        """H2 for the first heading under the title, one deeper per level,
        never skipping one whatever levels the source jumps."""
        while self._levels and self._levels[-1][0] >= level:
            self._levels.pop()
        pdf_level = self._levels[-1][1] + 1 if self._levels else 2
        self._levels.append((level, pdf_level))
        return pdf_level

    def _container(self, block_id: str) -> int:
        key = block_id + "#"
        if key not in self._keys:
            kind = self.outline[block_id]
            self._keys[key] = self._add(Node(_CONTAINER[kind.type], self._section(), lang=kind.lang))
        return self._keys[key]

    def _leaf(self, tag: str) -> int:
        block_id, _, part = tag.partition("#")
        kind = self.outline.get(block_id)
        last, self._last = self._last, tag
        if kind is None and tag != last:
            self._keys.pop(tag, None)  # a text of its own (the proof's, a partner's card): a new paragraph
        found = self._keys.get(tag)
        if found is not None:
            return found
        node = self._new_leaf(block_id, part, kind)
        self._keys[tag] = node
        return node

    def _new_leaf(self, block_id: str, part: str, kind: BlockKind | None) -> int:
        lang = kind.lang if kind else ""
        if kind is None:
            return self._add(Node("P", self._section()))
        if kind.type == "title":
            if part == "text":
                parent = self._section(new=self._sect_headed)
                self._sect_headed = True
                self._levels = []
                return self._add(Node("H1", parent, lang=lang))
            return self._add(Node("P", self._section(), lang=lang))
        if kind.type == "heading":
            level = self._heading_level(kind.level)
            parent = self._section(new=level == 2 and self._sect_headed)
            self._sect_headed = True
            return self._add(Node(f"H{level}", parent, lang=lang))
        if kind.type in _LEAF:
            return self._add(Node(_LEAF[kind.type], self._section(), lang=lang, id=block_id if kind.type == "note" else ""))
        if kind.type == "list":
            return self._list_part(block_id, part)
        if kind.type in _CONTAINER:
            return self._add(Node("P", self._container(block_id)))
        return self._add(Node("P", self._section(), lang=lang))

    def _list_part(self, block_id: str, part: str) -> int:
        """Caption (the list's heading), or an item's Lbl (its bullet) or
        LBody (its text); an item's LI holds both, the Lbl first."""
        parent = self._container(block_id)
        name, _, number = part.partition(".")
        if name not in ("bullet", "item"):
            return self._add(Node("Caption", parent))
        item_key = f"{block_id}#li.{number}"
        if item_key not in self._keys:
            li = self._keys[item_key] = self._add(Node("LI", parent))
            self._keys[f"{block_id}#bullet.{number}"] = self._add(Node("Lbl", li))
            body = self._add(Node("LBody", li))
            self._keys[f"{block_id}#item.{number}"] = self._add(Node("P", body))
        return self._keys[f"{block_id}#{part}"]
