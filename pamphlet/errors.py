"""Problems a user can fix, reported as ``file:line: what is wrong; what was expected``.

Stages collect every problem they find and raise them together, so one run
shows all of them. Internal bugs are ordinary exceptions and are not caught.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A file and, when known, the line in it a problem is about."""

    path: Path
    line: int | None = None  # 1-based

    def __str__(self) -> str:
        try:
            shown = self.path.relative_to(Path.cwd())
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}" if self.line else str(shown)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where, what, and what was expected."""

    where: Location | None
    message: str
    expected: str = ""

    def __str__(self) -> str:
        text = self.message + (f"; {self.expected}" if self.expected else "")
        return f"{self.where}: {text}" if self.where else text


class PamphletError(Exception):
    """One or more user-facing problems; the command exits with status 1."""

    def __init__(self, problems: list[Problem] | Problem | str, written: tuple[Path, ...] = ()):
        if isinstance(problems, str):
            problems = [Problem(None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        self.written = tuple(written)  # files a batch did write before or beside the ones that failed
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems so that all of them are reported together."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, where: Location | None, message: str, expected: str = "") -> None:
        self.items.append(Problem(where, message, expected))

    def append(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, found: PamphletError | Iterable[Problem]) -> None:
        """The problems of a raised error, or problems a check returned."""
        self.items.extend(found.problems if isinstance(found, PamphletError) else found)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        """Raise all problems, in file and line order."""
        if self.items:
            raise PamphletError(sorted(self.items, key=_order))


def _order(problem: Problem) -> tuple:
    where = problem.where
    return (str(where.path), where.line or 0) if where else ("", 0)
