"""The sheets and schemes ``impose`` and ``test-sheet`` offer (no heavy
imports: the command line reads these for its options)."""

SCHEMES = ("booklet", "trifold", "2up")
SHEETS = {"letter": (792.0, 612.0), "a4": (841.89, 595.28)}  # landscape, points
# Larger press sheets ``impose`` also lays pages on (two half-letter or A5 pages
# with a gutter for their bleed, and room for crop marks between them).
PRESS_SHEETS = {"tabloid": (1224.0, 792.0), "a3": (1190.55, 841.89)}
IMPOSE_SHEETS = {**SHEETS, **PRESS_SHEETS}
