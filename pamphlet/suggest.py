"""Near misses: the name a user probably meant, for errors that suggest one.

Used for option values on the command line (``--lang zh-hans``) and for keys
in YAML files, where a misspelt key also explains a key that seems missing
(so only the misspelling is reported, at its own line).
"""

from __future__ import annotations

import os.path
from typing import Iterable


def close_match(value: str, choices: Iterable[str]) -> str | None:
    """The choice ``value`` most likely means: the same letters in another
    case, else the closest spelling (difflib), else None."""
    choices = [str(c) for c in choices]
    lowered = {c.lower(): c for c in choices}
    text = str(value)
    if text.lower() in lowered:
        return lowered[text.lower()]
    import difflib  # only when a name is wrong

    close = difflib.get_close_matches(text.lower(), list(lowered), n=3)
    if not close:
        return None
    # Of the near spellings, the one that starts the same way longest (trifold-legal: trifold-letter, not trifold-a4).
    best = max(close, key=lambda c: (len(os.path.commonprefix([c, text.lower()])), -close.index(c)))
    return lowered[best]


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)``, or nothing when no choice is close."""
    close = close_match(value, choices)
    return f" (did you mean '{close}'?)" if close is not None and close != value else ""


def misspelt(given: Iterable, wanted: str, allowed: Iterable[str]) -> str | None:
    """The key among ``given`` (not itself allowed) that reads as a misspelling
    of ``wanted``: the unknown key already reported, which explains why
    ``wanted`` is absent."""
    allowed = [str(a) for a in allowed]
    for key in given:
        if str(key) not in allowed and close_match(str(key), allowed) == wanted:
            return str(key)
    return None
