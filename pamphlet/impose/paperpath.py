"""How a printer without duplex moves paper, for printing in two passes.

Two things decide how the backs must be printed: which side of a sheet in
the input tray the printer prints on (the side facing up, or facing down),
and how it delivers the sheet (printed side down, or up). The four
combinations are the four paper paths; ``make_pamphlet.py test-sheet
--manual`` tells a user which one their printer has.

Whatever the path, the user puts the printed stack back with the same edge
going in first (the edge they marked with a pencil arrow on the test
sheet); the only thing that changes is whether they turn the stack over
first, which the path decides: the blank sides must face the way the
printer prints. Printers feed the top sheet of the tray first and lay each
printed sheet on top of the last, so a stack put back as it lies comes
back last sheet first, and a stack turned over comes back first sheet
first. (No heavy imports: the command line reads these for its options.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperPath:
    """How a printer moves paper for manual duplex: which side it prints, how it delivers."""

    name: str
    prints: str  # "up" | "down": the side of a sheet in the input tray that is printed
    delivers: str  # "face-down" | "face-up": how the printed side lies in the output tray
    example: str

    @property
    def turn_over(self) -> bool:
        """Whether the stack is turned over between the passes: the printed
        side must end up facing away from the side the printer prints."""
        printed_side_down = self.delivers == "face-down"
        return printed_side_down != (self.prints == "up")

    @property
    def backs_reversed(self) -> bool:
        """Backs in reverse sheet order: a stack put back as it lies has the
        last sheet on top, fed first."""
        return not self.turn_over

    @property
    def handling(self) -> str:
        """What the user does with the stack between the passes."""
        keep = "keeping the same edge toward the printer: the edge that went in first goes in first again"
        if self.turn_over:
            return (f"turn the whole stack over, side to side like the page of a book, {keep}, and put it back in "
                    "the input tray")
        return f"put the stack back in the input tray as it lies, without turning it over, {keep}"


PAPER_PATHS = {
    path.name: path for path in (
        PaperPath("up-down", "up", "face-down", "most lasers printing from the paper cassette to the top tray"),
        PaperPath("down-down", "down", "face-down", "lasers printing from the manual (bypass) tray to the top tray"),
        PaperPath("up-up", "up", "face-up", "inkjets fed from the back that deliver at the front, printed side up"),
        PaperPath("down-up", "down", "face-up", "printers with a straight paper path to a rear output tray"),
    )
}
DEFAULT_PAPER_PATH = "up-down"
