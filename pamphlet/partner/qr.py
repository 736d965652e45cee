"""A URL -> the modules of its QR code (segno), for drawing as vector paths.

The symbol is error-correction level M (15 % of it may be damaged or dirty
and it still reads), the smallest version that holds the URL. Printed, a
module must stay large enough for a phone camera: the size a brand asks for
is checked against ``MIN_MODULE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUIET_MODULES = 4  # the blank margin around the symbol the QR standard asks for
MIN_SIZE = 72 / 2.54 * 2  # 2 cm, in points: smaller codes read badly from paper
MIN_MODULE = 72 / 25.4 * 0.5  # 0.5 mm


_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def valid_url(text: str) -> bool:
    """A full address with its scheme (https:, mailto:, tel: ...)."""
    return bool(_URL.match(text))


@dataclass(frozen=True)
class QRMatrix:
    """A QR code's modules, row by row."""

    rows: tuple[str, ...]  # '1' dark, '0' light; no quiet zone
    version: int

    @property
    def modules(self) -> int:
        return len(self.rows)


def qr_matrix(data: str) -> QRMatrix:
    """The symbol for ``data``; kept on disk by the data and segno's version,
    so a warm build never imports segno (it loads urllib and email)."""
    from ..cache import DiskCache, code_fingerprint, installed_version, key_of

    store = DiskCache("qr", "1", limit=1024)
    key = key_of("qr", code_fingerprint("partner/qr.py"), installed_version("segno"), data)
    found = store.load(key)
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], int) \
            and all(isinstance(row, str) and set(row) <= {"0", "1"} for row in found[0]):
        return QRMatrix(found[0], found[1])
    import segno

    code = segno.make_qr(data, error="m", boost_error=False)
    rows = tuple("".join("1" if dark else "0" for dark in row) for row in code.matrix)
    store.store(key, (rows, int(code.version)))
    return QRMatrix(rows, int(code.version))


def dark_runs(row: str) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row: one rectangle each."""
    runs, start = [], None
    for index, module in enumerate(row + "0"):
        if module == "1" and start is None:
            start = index
        elif module != "1" and start is not None:
            runs.append((start, index - start))
            start = None
    return runs
