"""What a document lets partners change: the ``partners:`` section of en.yaml.

    partners:
      add: [cover, back]     # where a brand's name, logo, contact block and QR code go
      replace: [donations]   # blocks a brand may give its own text

Everything not named here is locked: a brand file that tries to change it is
refused (see ``pamphlet/partner/edition.py``). A document without the
section lets partners change nothing but colours and fonts.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Location, Problems
from ..yamlsource import LMap

# cover: the partner's mark beside the document's (in its place where the mark
#        is listed under 'replace') and its name under the publisher's credit.
# back:  the partner's slot on the back page (tri-fold back panel, booklet
#        back cover), between the mission and the network's contact.
PARTNER_SLOTS = ("cover", "back")


@dataclass(frozen=True)
class SiteQR:
    """The publisher's own QR code (``document: qr: URL``): set on the back,
    between the mission and the contact, where no partner's card is."""

    url: str
    where: Location


def read_site_qr(value, where: Location, problems: Problems) -> SiteQR | None:
    from ..partner.qr import qr_matrix, valid_url

    if not isinstance(value, str) or not valid_url(value):
        problems.add(where, f"qr {value!r} is not a URL", "expected a full address such as https://example.org")
        return None
    try:
        qr_matrix(value)
    except Exception as exc:  # segno refuses data that no QR version holds
        problems.add(where, f"qr cannot be encoded ({exc})", "expected a shorter address")
        return None
    return SiteQR(value, where)


@dataclass(frozen=True)
class PartnerPolicy:
    """Which blocks a partner's edition may add to or replace."""

    add: tuple[str, ...] = ()
    replace: tuple[str, ...] = ()
    where: Location | None = None  # the line of 'partners:' (None: the document has no such section)

    def describe(self, what: str) -> str:
        """'... lets partners add to: cover, back (en.yaml:40)' for error messages."""
        allowed = getattr(self, what)
        listed = ", ".join(allowed) if allowed else "nothing"
        return f"{listed} ({self.where})" if self.where else "nothing (the document has no 'partners:' section)"


def read_policy(value, where: Location, block_ids: set[str], problems: Problems) -> PartnerPolicy:
    """The section as written, checked against the document's block ids."""
    if not isinstance(value, LMap):
        problems.add(where, "'partners' is not a mapping", "expected partners: {add: [cover, back], replace: [BLOCK-ID, ...]}")
        return PartnerPolicy(where=where)
    for key in value:
        if key not in ("add", "replace"):
            problems.add(Location(where.path, value.line_of(key)), f"unknown key '{key}' in 'partners'", "expected add or replace")
    found: dict[str, tuple[str, ...]] = {}
    for key, known, expected in (("add", set(PARTNER_SLOTS), f"one of: {', '.join(PARTNER_SLOTS)}"),
                                 ("replace", block_ids, "a block id from 'blocks'")):
        names = value.get(key, [])
        line = Location(where.path, value.line_of(key))
        if not isinstance(names, list):
            problems.add(line, f"partners {key} is not a list", f"expected a list, each {expected}")
            continue
        for name, item_line in zip(names, getattr(names, "item_lines", [line.line] * len(names))):
            if name not in known:
                problems.add(Location(where.path, item_line), f"partners {key} names '{name}'", f"expected {expected}")
        found[key] = tuple(str(n) for n in names if n in known)
    return PartnerPolicy(found.get("add", ()), found.get("replace", ()), where)
