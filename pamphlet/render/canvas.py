"""The reportlab canvas every page of pamphlet is drawn on."""

from __future__ import annotations

from reportlab.pdfgen import canvas as rl_canvas


class Canvas(rl_canvas.Canvas):
    """A canvas that writes nothing of its own on a page: reportlab's default
    sets Helvetica on every page, which would stay in the file as an
    unembedded font (and would give an empty marks page content)."""

    def _make_preamble(self):
        self._preamble = ""
