"""The sheets and schemes ``impose`` and ``test-sheet`` offer (no heavy
imports: the command line reads these for its options)."""

SCHEMES = ("booklet", "trifold", "2up")
SHEETS = {"letter": (792.0, 612.0), "a4": (841.89, 595.28)}  # landscape, points
