"""watch: rebuild one PDF whenever a file it is made from is saved.

In:  build options for one language and layout (and brand, print profile).
Out: a ``WatchEvent`` per rebuild: when, how long, the PDF written or the
     problems found. A broken save writes nothing, so the last good PDF
     stays in place (builds write atomically).

It polls the files' modification times (a few stat calls every tenth of a
second: no dependency, and editors that save by renaming are seen too) and
rebuilds through the normal build path in the same process, so fonts,
shaped text and parsed files stay warm between saves: a one-word edit
re-reads two YAML files and re-sets the pamphlet (see bench/watch.py).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import PamphletError
from .pipeline import BuildOptions, build


@dataclass(frozen=True)
class WatchEvent:
    clock: str  # HH:MM:SS, local time
    seconds: float
    changed: tuple[Path, ...]
    path: Path | None  # the PDF written, None when the save was broken
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


class Watcher:
    def __init__(self, options: BuildOptions):
        if len(options.items()) != 1:
            raise ValueError("watch builds one PDF: one language, layout, brand and print profile")
        self.options = options
        self.seen = self.snapshot()

    def files(self) -> list[Path]:
        """The document's files (text, art, fonts), the layout, the brand and the print profile."""
        from .partner.brand import brand_path
        from .layouts import layouts_dir
        from .projectdirs import project_root

        (item,) = self.options.items()
        doc = Path(self.options.doc)
        found = [p for p in sorted(doc.rglob("*")) if p.is_file() and not p.name.startswith(".")]
        return found + [layouts_dir() / f"{item.layout}.yaml", brand_path(item.brand),
                        project_root() / "profiles" / f"{item.profile}.yaml"]

    def snapshot(self) -> dict[Path, tuple[int, int] | None]:
        state = {}
        for path in self.files():
            try:
                stat = path.stat()
                state[path] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                state[path] = None
        return state

    def changes(self) -> tuple[Path, ...]:
        """Files saved since the last look."""
        now = self.snapshot()
        changed = tuple(p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p))
        self.seen = now
        return tuple(sorted(changed))

    def rebuild(self, changed: tuple[Path, ...] = ()) -> WatchEvent:
        _forget(changed, Path(self.options.doc))
        started = time.perf_counter()
        try:
            (result,) = build(self.options)
        except PamphletError as exc:
            return WatchEvent(time.strftime("%H:%M:%S"), time.perf_counter() - started, changed, None,
                              tuple(str(p) for p in exc.problems))
        return WatchEvent(time.strftime("%H:%M:%S"), time.perf_counter() - started, changed, result.path,
                          warnings=result.warnings)

    def run(self, on_event, stop: threading.Event | None = None, interval: float = 0.1) -> None:
        """Build now, then after every save until ``stop`` is set (or Ctrl-C)."""
        stop = stop or threading.Event()
        on_event(self.rebuild())
        while not stop.wait(interval):
            changed = self.changes()
            if changed:
                time.sleep(0.03)  # let an editor finish writing
                changed = tuple(sorted(set(changed) | set(self.changes())))
                on_event(self.rebuild(changed))


class EventReport:
    """The lines a watching user reads for each rebuild; a warning is said
    once, until it goes away and comes back."""

    def __init__(self):
        self.said: set[str] = set()

    def lines(self, event: WatchEvent) -> list[str]:
        saved = f" after saving {', '.join(p.name for p in event.changed)}" if event.changed else ""
        if event.path is None:
            return ([f"{event.clock}  NOT built{saved} ({event.seconds:.2f} s); the last good PDF is kept:"]
                    + [f"  {problem}" for problem in event.problems])
        lines = [f"{event.clock}  built {event.path} in {event.seconds:.2f} s{saved}"]
        lines += [f"{event.clock}  warning: {w}" for w in event.warnings if w not in self.said]
        self.said = set(event.warnings)
        return lines


def _forget(changed: tuple[Path, ...], doc: Path) -> None:
    """Drop what the process remembers (the build context) when a file other
    than the document's text changed: layouts, brands, profiles, words, fonts
    and art are remembered by name. Content files are re-read by their
    modification time already, and the disk caches stay."""
    if all(p.suffix == ".yaml" and doc in p.parents for p in changed):
        return
    from .buildcontext import reset

    reset()
