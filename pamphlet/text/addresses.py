"""text: web addresses, e-mail addresses and phone numbers in running text.

In:  a text.
Out: ``Address`` spans: where each is, and the link it stands for (https:,
     mailto:, tel: with digits only). Line breaking keeps each whole; the
     screen edition makes each a live link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = r"(?:https?://|www\.)[^\s<>()\"“”]+[^\s<>()\"“”.,;:!?]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_DOMAIN = r"\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|ca|info|io|edu|gov|co)(?:/[^\s<>()\"“”]*[^\s<>()\"“”.,;:!?])?\b"
_PHONE = r"\+?\(?\d[\d() .\u00a0-]{5,}\d"  # digits with spaces, dots, dashes or brackets
_ANY = re.compile(f"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<domain>{_DOMAIN})|(?P<phone>{_PHONE})")


@dataclass(frozen=True)
class Address:
    """A web address, e-mail address or phone number in a text."""

    start: int
    end: int
    uri: str  # what a link to it opens


def find_addresses(text: str) -> list[Address]:
    """Every address in the text, in order; a run of digits is a phone number
    only where it has at least seven digits (not a year or a sum)."""
    found = []
    for match in _ANY.finditer(text):
        written = match.group()
        if match.lastgroup == "email":
            uri = f"mailto:{written}"
        elif match.lastgroup == "phone":
            digits = re.sub(r"\D", "", written)
            if len(digits) < 7:
                continue
            uri = "tel:" + ("+" if written.startswith("+") else "") + digits
        else:
            uri = written if written.startswith("http") else f"https://{written}"
        found.append(Address(match.start(), match.end(), uri))
    return found
