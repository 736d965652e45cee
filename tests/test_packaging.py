"""pip install . carries everything a build reads: each data file the
repository holds is named by a data-files pattern in pyproject.toml."""

from __future__ import annotations

import fnmatch
import subprocess
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .conftest import ROOT

DATA_FOLDERS = ("layouts", "profiles", "brands", "fonts", "text")
# How the logo and the bundled fonts were made: scripts, never read by a build.
NOT_INSTALLED = {"brands/example-partner/make_logo.py", "fonts/prepare_fonts.py"}


def test_every_data_file_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = [p for globs in config["tool"]["setuptools"]["data-files"].values() for p in globs]
    tracked = subprocess.run(["git", "ls-files", *DATA_FOLDERS], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert tracked, "git ls-files found the data folders"
    left_out = [f for f in tracked if f not in NOT_INSTALLED
                and not any(fnmatch.fnmatch(f, p) and f.count("/") == p.count("/") for p in patterns)]
    assert not left_out, f"not installed by pip install . (add to [tool.setuptools.data-files]): {left_out}"

