"""On-disk caches of pure, expensive results, shared by every process.

A cache is a folder under ``projectdirs.cache_dir()``; an entry is one file named
by the SHA-256 of its key. The file holds a header naming the cache and its
format version, the SHA-256 of the payload, then the payload:

    b"pamphlet-cache <name> <version>\\n" + sha256(payload) + payload

* Writes go through a temporary file and a rename (``output.write_atomic``),
  so two processes filling the same entry never leave a half-written file:
  each renames a complete one into place, and a reader sees one or the other.
* A reader checks the header and the digest; an entry that fails (truncated,
  damaged, another version) is a miss: it is removed and the caller rebuilds
  it. A damaged entry is never used.
* Keys carry everything the result depends on: the inputs' contents, the
  versions of the libraries that made it, and a fingerprint of pamphlet's
  own code that made it (``code_fingerprint``), so a change anywhere makes
  new entries instead of reading stale ones.
* Each cache is bounded: a process checks at its first write and after
  every quarter of the limit; past the limit, the least recently used
  entries are removed (a hit refreshes an entry's time at most once an hour).

``PAMPHLET_NO_CACHE=1`` (``build --no-cache``) turns every cache off: nothing
is read or written, every result is computed.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

from .buildcontext import memo
from .output import write_atomic
from .projectdirs import cache_dir

_MAGIC = b"pamphlet-cache"
_DIGEST = 32
_TOUCH_AFTER = 3600.0  # seconds: how stale an entry's time may get before a hit refreshes it


_FLUSHERS: list = []


def on_flush(write) -> None:
    """``write()`` stores what a cache kept in memory; called by ``flush``."""
    if not _FLUSHERS:
        atexit.register(flush)
    _FLUSHERS.append(write)


def flush() -> None:
    """Store every cache's pending entries now (a worker of a process pool
    ends without running exit handlers, so it flushes after each item)."""
    for write in _FLUSHERS:
        write()


def enabled() -> bool:
    return not os.environ.get("PAMPHLET_NO_CACHE")


def disable() -> None:
    """Turn every cache off for this process and the processes it starts."""
    os.environ["PAMPHLET_NO_CACHE"] = "1"


def key_of(*parts: Any) -> str:
    """A key from values whose repr is exact and stable (str, bytes, int,
    float, bool, None, and tuples of them)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class DiskCache:
    """Entries of one kind: ``get``/``put`` bytes, ``load``/``store`` values
    marshal can write (tuples, lists, dicts, str, bytes, numbers)."""

    def __init__(self, name: str, version: str, limit: int):
        self.name, self.version, self.limit = name, version, limit
        self._header = b" ".join([_MAGIC, name.encode(), version.encode()]) + b"\n"
        self._writes = 0

    @property
    def folder(self) -> Path:
        return cache_dir() / self.name

    def get(self, key: str) -> bytes | None:
        if not enabled():
            return None
        path = self.folder / key
        try:
            with open(path, "rb") as handle:
                data = handle.read()
                mtime = os.fstat(handle.fileno()).st_mtime
        except OSError:
            return None
        start = len(self._header) + _DIGEST
        if data[:len(self._header)] != self._header or hashlib.sha256(data[start:]).digest() != data[len(self._header):start]:
            _remove(path)  # damaged or of another version: rebuilt by the caller
            return None
        if time.time() - mtime > _TOUCH_AFTER:
            try:
                os.utime(path)
            except OSError:
                pass
        return data[start:]

    def put(self, key: str, payload: bytes) -> None:
        if not enabled():
            return
        try:
            write_atomic(self.folder / key, self._header + hashlib.sha256(payload).digest() + payload, durable=False)
        except OSError:
            return  # a read-only or full cache only costs time
        self._writes += 1
        if self._writes == 1 or self._writes % max(self.limit // 4, 1) == 0:
            self.prune()

    def load(self, key: str) -> Any | None:
        payload = self.get(key)
        if payload is None:
            return None
        try:
            return marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            _remove(self.folder / key)
            return None

    def store(self, key: str, value: Any) -> None:
        self.put(key, marshal.dumps(value))

    def prune(self) -> None:
        """Keep at most ``limit`` entries, removing the least recently used
        down to three quarters of it (so pruning is rare)."""
        try:
            entries = [e for e in os.scandir(self.folder) if e.is_file() and not e.name.startswith(".")]
        except OSError:
            return
        if len(entries) <= self.limit:
            return
        aged = []
        for entry in entries:
            try:
                aged.append((entry.stat().st_mtime, entry.path))
            except OSError:
                pass  # removed meanwhile by another process pruning the same folder
        aged.sort()
        for _, path in aged[:len(aged) - self.limit * 3 // 4]:
            _remove(Path(path))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # gone already (another process pruned it), or read-only


@cache
def code_fingerprint(*parts: str) -> str:
    """A digest of pamphlet's own source files under ``parts`` (modules or
    subpackages, e.g. "text", "impose/apply.py"), by name, size and
    modification time: entries made by other code (another checkout, an
    edited module) are never read."""
    sources = _sources()
    digest = hashlib.sha256()
    for part in parts:
        for name in sorted(n for n in sources if n == part or n.startswith(part.rstrip("/") + "/")):
            digest.update(repr((name, sources[name])).encode())
    return digest.hexdigest()


@cache
def _sources() -> dict[str, tuple[int, int]]:
    """Every .py file of the package: relative name -> (size, mtime_ns)."""
    root = os.path.dirname(os.path.abspath(__file__))
    found: dict[str, tuple[int, int]] = {}

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir() and not entry.name.startswith((".", "__")):
                    walk(entry.path, prefix + entry.name + "/")
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    found[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)

    walk(root, "")
    return found


@cache
def installed_version(module: str) -> str:
    """The installed version of the distribution that provides ``module``,
    read from its dist-info folder name without importing it (importing
    pypdf or pythainlp costs more than the cached work they would redo);
    failing that, the size and time of the module's file."""
    from importlib.util import find_spec

    spec = find_spec(module)
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None:
        return "missing"
    package = origin.parent if origin.name == "__init__.py" else origin
    site = package.parent
    prefix = module.split(".")[0].replace("-", "_").lower() + "-"
    try:
        found = sorted(name for name in os.listdir(site)
                       if name.lower().startswith(prefix) and name.endswith((".dist-info", ".egg-info")))
    except OSError:
        found = []
    if found:
        return found[-1]
    stat = origin.stat()
    return f"{origin}:{stat.st_size}:{stat.st_mtime_ns}"


_DIGESTS = DiskCache("digests", "1", limit=4096)


def file_digest(path: Path) -> bytes:
    """SHA-256 of a file's contents, remembered on disk by the file's path,
    size, time and inode (a CJK font is several MB: hashing it again for
    every build would cost more than the build's cached work)."""
    stat = os.stat(path)
    seen = (os.fspath(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if seen in _KNOWN:
        return _KNOWN[seen]
    key = key_of("digest", os.path.realpath(path), *seen[1:])
    found = _DIGESTS.get(key)
    if found is not None and len(found) == _DIGEST:
        _KNOWN[seen] = found
        return found
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    value = digest.digest()
    _DIGESTS.put(key, value)
    _KNOWN[seen] = value
    return value


_KNOWN = memo("file digests")  # this process's digests, by what the file's stat said


def python_tag() -> str:
    """marshal's format depends on the interpreter."""
    return f"{sys.implementation.cache_tag}-m{marshal.version}"
