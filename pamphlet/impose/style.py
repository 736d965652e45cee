"""What the printer adds around the pages of a sheet, apart from the
imposition that applies it (``apply.py``), so a build whose sheets are
cached (``sheetcache.py``) describes them without loading the imposer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetStyle:
    """What the printer adds around the pages of a sheet: bleed, safe edge, marks, colour model."""

    bleed: float = 0.0  # ink past the trim on sheet edges (commercial)
    safe_edge: float = 0.0  # no ink this close to the sheet edge (home printers)
    mark_space: float = 0.0  # media added around the trim for marks
    crop_marks: bool = False
    fold_marks: str = "none"  # none | ticks (inside the unprintable edge) | marks (outside the bleed)
    colour_model: str = "rgb"
