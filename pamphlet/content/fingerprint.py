"""Fingerprints of English blocks: what a translation was made from.

A translation records the fingerprint of the English block it translates
(``source:`` in the translation file, written by the tools). When the
English text changes, its fingerprint changes and the translation is stale.
The fingerprint covers every translatable text of the block as written,
markup included, after whitespace is normalised: re-wrapping a paragraph in
the YAML leaves it unchanged, changing a word or a ``**`` does not.
"""

from __future__ import annotations

import hashlib
import re

from .model import Block

LENGTH = 8  # hex digits
PATTERN = re.compile(rf"^[0-9a-f]{{{LENGTH}}}$")


def fingerprint(block: Block) -> str:
    digest = hashlib.blake2b(digest_size=LENGTH // 2)
    for path, text in block.fields():
        digest.update(".".join(map(str, path)).encode() + b"\x1e" + text.markup.encode("utf-8") + b"\x1f")
    return digest.hexdigest()
