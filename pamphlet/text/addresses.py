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
# A phone number: an international one (+66 2 123 4567, +1-416-906-3098), or
# three groups or more whose longest has three digits or more (416-906-3098,
# (02) 123 4567); never a date (12.05.2021) or a run of years (1990 2000, 2019-2023).
_PHONE = r"(?<![\w.])(?:\+\d[\d() .\u00a0-]{5,}\d|\(?\d{1,4}\)?(?:[ .\u00a0-]\(?\d{2,4}\)?){2,}\d*)(?![\w.])"
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+")  # 1 000 000, 10.000: an amount
_YEARS = re.compile(r"(?:1[89]|20)\d\d(?:[ \u00a0-]+(?:1[89]|20)\d\d)+")
_ANY = re.compile(f"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<domain>{_DOMAIN})|(?P<phone>{_PHONE})")


@dataclass(frozen=True)
class Address:
    """A web address, e-mail address or phone number in a text."""

    start: int
    end: int
    uri: str  # what a link to it opens


def find_addresses(text: str) -> list[Address]:
    """Every address in the text, in order; a run of digits is a phone number
    only where it has seven digits or more and is not a date, an amount or a
    run of years."""
    found = []
    for match in _ANY.finditer(text):
        written = match.group()
        if match.lastgroup == "email":
            uri = f"mailto:{written}"
        elif match.lastgroup == "phone":
            digits = re.sub(r"\D", "", written)
            groups = re.findall(r"\d+", written)
            if len(digits) < 7 or _DATE.fullmatch(written) or _YEARS.fullmatch(written) or _THOUSANDS.fullmatch(written) \
                    or (not written.startswith("+") and max(map(len, groups)) < 3):
                continue
            uri = "tel:" + ("+" if written.startswith("+") else "") + digits
        else:
            uri = written if written.startswith("http") else f"https://{written}"
        found.append(Address(match.start(), match.end(), uri))
    return found
