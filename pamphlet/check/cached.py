"""Preflight verdicts remembered by the PDF's bytes, so an unchanged build never loads pypdf.

``preflight`` is a pure function of the PDF's bytes and the profile; its
findings are kept on disk under a key holding the PDF's SHA-256, the
profile, pypdf's version and the source of the ``check`` package. Any
change to the file, the profile or the checks runs them again.
"""

from __future__ import annotations

import hashlib

from ..cache import DiskCache, code_fingerprint, installed_version, key_of
from ..profiles import PrintProfile
from .findings import Finding

_VERDICTS = DiskCache("preflight", "1", limit=4096)


def checked(pdf: bytes, profile: PrintProfile | None = None) -> list[Finding]:
    """``preflight(pdf, profile)``, from the cache when it has it."""
    key = key_of("preflight", code_fingerprint("check", "profiles.py"), installed_version("pypdf"),
                 hashlib.sha256(pdf).hexdigest(), repr(profile))
    stored = _VERDICTS.load(key)
    if stored is not None:
        try:
            return [Finding(tuple(pages), message, expected, warning) for pages, message, expected, warning in stored]
        except (TypeError, ValueError):
            pass  # an entry of another shape: checked again
    from .preflight import preflight

    findings = preflight(pdf, profile)
    _VERDICTS.store(key, [(list(f.pages), f.message, f.expected, f.warning) for f in findings])
    return findings
