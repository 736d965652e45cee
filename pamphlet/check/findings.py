"""What a preflight reports: a Finding per problem, with the pages that have it."""

from __future__ import annotations

from dataclasses import dataclass

# Image resolution at its printed size (ppi): below WARN a warning, below FAIL a failure.
WARN_PPI = 300
FAIL_PPI_COMMERCIAL = 150
FAIL_PPI_HOME = 100


@dataclass(frozen=True)
class Finding:
    """What a preflight check found, on which pages."""

    pages: tuple[int, ...]  # 1-based; empty for the file as a whole
    message: str
    expected: str
    warning: bool = False  # reported, but the file still passes

    def __str__(self) -> str:
        where = f"page {_ranges(self.pages)}: " if len(self.pages) == 1 else f"pages {_ranges(self.pages)}: " if self.pages else ""
        return f"{where}{self.message}; {self.expected}"


def _ranges(pages: tuple[int, ...]) -> str:
    """(1, 2, 3, 5) -> '1-3, 5'."""
    parts, start = [], None
    for n, page in enumerate(pages):
        if start is None:
            start = page
        if n + 1 == len(pages) or pages[n + 1] != page + 1:
            parts.append(str(start) if start == page else f"{start}-{page}")
            start = None
    return ", ".join(parts)


def failures(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if not f.warning]


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per problem, listing the pages that have it."""
    merged: dict[tuple, list[Finding]] = {}
    for finding in findings:
        merged.setdefault((finding.message, finding.expected, finding.warning), []).append(finding)
    return [Finding(tuple(p for f in group for p in f.pages), *key) for key, group in merged.items()]
