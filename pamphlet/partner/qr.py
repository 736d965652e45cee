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
    rows: tuple[str, ...]  # '1' dark, '0' light; no quiet zone
    version: int

    @property
    def modules(self) -> int:
        return len(self.rows)


def qr_matrix(data: str) -> QRMatrix:
    import segno

    code = segno.make_qr(data, error="m", boost_error=False)
    rows = tuple("".join("1" if dark else "0" for dark in row) for row in code.matrix)
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
