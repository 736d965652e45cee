"""Names for the texts inside a block, as translators and CAT tools see them.

A block's texts are addressed by paths (``("items", 0)``); people and
files see labels: ``who-list.items.1`` (item numbers count from 1),
``contact.lines.2.label``, ``cover.subtitle``, ``who-intro.text``.
"""

from __future__ import annotations


def label(block_id: str, path: tuple) -> str:
    parts = [block_id]
    for part in path:
        parts.append(str(part + 1) if isinstance(part, int) else part)
    return ".".join(parts)


def field_label(path: tuple) -> str:
    """The label without the block id: ``items.1``, ``text``."""
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in path)


def parse_label(text: str) -> tuple[str, tuple] | None:
    """``who-list.items.1`` -> ("who-list", ("items", 0)); None if malformed."""
    block_id, _, rest = text.partition(".")
    if not block_id or not rest:
        return None
    path: list = []
    for part in rest.split("."):
        if part.isdigit():
            if int(part) < 1:
                return None
            path.append(int(part) - 1)
        elif part:
            path.append(part)
        else:
            return None
    return block_id, tuple(path)
