"""Printer's marks for each sheet side, drawn as a vector overlay.

* home: short fold ticks at the folds, just inside the unprintable edge,
  where the printer still prints but no text is;
* commercial: crop marks at the trim corners (of each slot, when the slots
  are cut apart) and dashed fold marks at the folds, all outside the bleed, in the registration colour: a
  ``/Separation /All`` colour, which a RIP puts on every plate (spot plates
  too) and a preflight knows for marks, not a 400% CMYK black.
"""

from __future__ import annotations

import io

from reportlab.lib.colors import CMYKColorSep

from ..render.canvas import Canvas

from .plans import Plan

TICK = 10.0  # length of a home fold tick
MARK_OFFSET = 3.0  # gap between the bleed and a commercial mark
MARK_LENGTH = 18.0
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All", density=1)


def marks_pdf(plan: Plan, style) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    m = style.mark_space
    for side in plan.sides:
        canvas.setPageSize((side.width + 2 * m, side.height + 2 * m))
        if not style.crop_marks and style.fold_marks == "none":
            canvas.showPage()  # an empty page: the sheet gets no marks form
            continue
        canvas.setLineWidth(0.25)
        cmyk = style.colour_model == "cmyk"
        if style.fold_marks == "ticks":  # quiet grey: a guide for the hand, not a print mark
            canvas.setStrokeColorCMYK(0, 0, 0, 0.45) if cmyk else canvas.setStrokeColorRGB(0.55, 0.55, 0.55)
            for x in side.folds:
                for y0 in (style.safe_edge, side.height - style.safe_edge - TICK):
                    canvas.line(m + x, m + y0, m + x, m + y0 + TICK)
        # Shop marks in registration colour (every plate), black on RGB proofs.
        canvas.setStrokeColor(REGISTRATION) if cmyk else canvas.setStrokeColorRGB(0, 0, 0)
        reach = style.bleed + MARK_OFFSET
        if style.crop_marks and side.cut_slots:
            _slot_crop_marks(canvas, side, m, reach)
        elif style.crop_marks:
            for x in (0.0, side.width):
                for y in (0.0, side.height):
                    sx = -1 if x == 0 else 1
                    sy = -1 if y == 0 else 1
                    canvas.line(m + x + sx * reach, m + y, m + x + sx * (reach + MARK_LENGTH), m + y)
                    canvas.line(m + x, m + y + sy * reach, m + x, m + y + sy * (reach + MARK_LENGTH))
        if style.fold_marks == "marks":
            canvas.setDash(3, 2)
            for x in side.folds:
                canvas.line(m + x, m - reach, m + x, m - reach - MARK_LENGTH)
                canvas.line(m + x, m + side.height + reach, m + x, m + side.height + reach + MARK_LENGTH)
            canvas.setDash()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _slot_crop_marks(canvas, side, m: float, reach: float) -> None:
    """Crop marks for slots cut out one by one: each trim edge marked outside
    the bleed of every slot, so none crosses a neighbour's bleed in the
    gutter: vertical cut lines above and below the row, horizontal ones left
    of the first slot and right of the last."""
    slots = list(side.placements)
    low, high = min(p.y for p in slots), max(p.y + p.height for p in slots)
    first, last = min(p.x for p in slots), max(p.x + p.width for p in slots)
    for slot in slots:
        for x in (slot.x, slot.x + slot.width):
            canvas.line(m + x, m + low - reach, m + x, m + low - reach - MARK_LENGTH)
            canvas.line(m + x, m + high + reach, m + x, m + high + reach + MARK_LENGTH)
    for y in sorted({v for slot in slots for v in (slot.y, slot.y + slot.height)}):
        canvas.line(m + first - reach, m + y, m + first - reach - MARK_LENGTH, m + y)
        canvas.line(m + last + reach, m + y, m + last + reach + MARK_LENGTH, m + y)
