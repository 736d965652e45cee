"""Parsed YAML remembered by the file's text, so an unchanged file is not parsed again.

Every build reads its content, translation, language, font, layout, brand
and profile files; PyYAML's composer and the conversion to line-carrying
values (``yamlsource``) are pure Python, and cost a warm build more than
reading the answer back. The values are a pure function of the text, the
code of ``yamlsource`` and PyYAML's version, which make the key. Only a
file read without a problem is kept, so every problem is found and reported
by parsing, as before.

The values are pickled: the line-carrying str, dict and list subclasses
keep their lines, and the C unpickler reads them back far faster than
Python could rebuild them from plainer data. The entries live in the
user's own cache folder and are checked against their digest (``cache``).
"""

from __future__ import annotations

import hashlib
import pickle
from typing import Any

from .cache import DiskCache, code_fingerprint, installed_version, key_of

_PARSED = DiskCache("yaml", "1", limit=4096)


def _key(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return key_of("yaml", code_fingerprint("yamlsource.py", "yamlcache.py", "limits.py"), installed_version("yaml"), digest)


def recalled(text: str) -> Any | None:
    """The values ``yamlsource.load`` made of this text before, or None."""
    payload = _PARSED.get(_key(text))
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError):
        # an entry this code cannot read back (a class renamed): parsed again
        return None


def remember(text: str, values: Any) -> None:
    _PARSED.put(_key(text), pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL))
