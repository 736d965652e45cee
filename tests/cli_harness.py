"""Running the command line in-process, as a user would meet it, and
proving what a failed run did not do: print a traceback, or write anything.

``Project`` is a throwaway project folder (layouts, profiles, brands, text,
and the bundled fonts) that a test may break; while it is in use it is the
project root, and the caches keyed by name are cleared on the way in and out.
"""

from __future__ import annotations

import hashlib
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from pamphlet.cli import main

ROOT = Path(__file__).resolve().parent.parent


def clear_caches() -> None:
    """Forget everything loaded (layouts, profiles, brands, words, fonts, the project root): the build context's reset."""
    from pamphlet.buildcontext import reset

    reset()


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    traceback: str  # empty unless the command raised something other than a clean exit


def invoke(*args: str) -> Outcome:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    crashed = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crashed = "".join(traceback.format_exception(*result.exc_info))
    return Outcome(result.exit_code, result.stdout, result.stderr, crashed)


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder`` (links not followed) with its mode and content digest."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = (0, str(path.readlink()))
        elif path.is_file():
            found[str(path)] = (path.stat().st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
        elif path.is_dir():
            found[str(path)] = (path.stat().st_mode, "")
    return found


def make_project(folder: Path) -> Path:
    """A copy of the project's data that a test may break (fonts are linked:
    they are large and never changed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("layouts", "profiles", "brands"):
        shutil.copytree(ROOT / name, folder / name)
    (folder / "text").mkdir()
    shutil.copy(ROOT / "text" / "languages.yaml", folder / "text" / "languages.yaml")
    (folder / "fonts").symlink_to(ROOT / "fonts", target_is_directory=True)
    return folder
