"""What svglib refused to read, from its log.

A module of its own so that ``logging`` is loaded only when an SVG is read.
"""

from __future__ import annotations

import logging


class Refusals(logging.Handler):
    """What svglib refused to read, collected from its log (other messages
    still reach standard error, as before)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "reference" in message or "Unable to read" in message:
            self.messages.append(message.rstrip(". "))
        else:
            logging.lastResort.handle(record)
