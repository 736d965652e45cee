"""Writing output files so that nothing half-written is ever left behind,
and saying plainly when an output location cannot be written."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

from .errors import Location, PamphletError, Problem

_COUNTER = itertools.count()


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename: a
    reader never sees a half-written PDF, and a failed build leaves the old one.
    ``durable`` also waits for the data to reach the disk before the rename;
    caches, which check what they read, skip that wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _temporary(path: Path) -> tuple[int, Path]:
    """A new file beside ``path``, unique to this process and call (created
    exclusively, so two processes writing the same path never share one)."""
    while True:
        tmp = path.parent / f".{path.name}.{os.getpid()}.{next(_COUNTER)}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue  # left by a process that had this pid before


def write_output(path: Path, data: bytes) -> None:
    """``write_atomic`` for the files a user asked for: a failure (a full
    disk, a folder one may not write) is a PamphletError naming the file."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        kept = "; the previous file is unchanged" if path.is_file() else ""
        raise PamphletError(Problem(Location(path), f"cannot be written ({exc.strerror or exc}){kept}",
                                    "expected a folder you may write to, with free space")) from None


def folder_problem(folder: Path) -> str | None:
    """Why PDFs cannot go into ``folder`` (which need not exist yet), as
    'what is wrong; what was expected', or None when nothing is in the way."""
    expected = "expected a folder (a new name makes one)"
    if folder.exists() and not folder.is_dir():
        return f"{folder} is a file, not a folder; {expected}"
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"{folder} cannot be made: {parent} is a file; {expected}"
            break
    return None


def check_writable(folder: Path) -> None:
    """Try writing into ``folder`` (or the nearest folder above it that
    exists) before any work is done, and leave nothing behind."""
    problem = folder_problem(folder)
    if problem:
        raise PamphletError(Problem(None, *problem.split("; ", 1)))
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    try:
        fd, probe = tempfile.mkstemp(dir=existing, prefix=".pamphlet-probe.")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise PamphletError(Problem(None, f"cannot write into {existing} ({exc.strerror or exc})",
                                    "expected a folder you may write to")) from None
