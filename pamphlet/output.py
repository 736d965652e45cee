"""Writing output files so that nothing half-written is ever left behind."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

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
