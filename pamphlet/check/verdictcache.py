"""Preflight verdicts remembered by the PDF's bytes, so an unchanged build never loads pypdf.

``preflight`` is a pure function of the PDF's bytes and the profile; its
findings are kept on disk under a key holding the PDF's SHA-256, the
profile's every value, the versions of the libraries that read the file
(pypdf, and Pillow, which decodes its images), and the source of every
pamphlet module the checks read: the ``check`` package, the profile's class
and the brand module whose ``SINGLE_PLATE_BELOW`` sets the size under which
text must be on one plate. Any change to the file, the profile or the checks
runs them again. ``tests/test_cache.py`` checks ``VERDICT_CODE`` against what
the check package imports.
"""

from __future__ import annotations

import hashlib

from ..cache import DiskCache, code_fingerprint, installed_version, key_of
from ..profiles import PrintProfile
from .findings import Finding

_VERDICTS = DiskCache("preflight", "2", limit=4096)

VERDICT_CODE = ("check", "profiles.py", "partner/brand.py")  # pamphlet's modules the verdict depends on
VERDICT_LIBRARIES = ("pypdf", "PIL")


def verdict_key(pdf: bytes, profile: PrintProfile | None) -> str:
    """Everything ``preflight(pdf, profile)`` depends on."""
    return key_of("preflight", code_fingerprint(*VERDICT_CODE), tuple(installed_version(m) for m in VERDICT_LIBRARIES),
                  hashlib.sha256(pdf).hexdigest(), repr(profile))


def checked(pdf: bytes, profile: PrintProfile | None = None) -> list[Finding]:
    """``preflight(pdf, profile)``, from the cache when it has it."""
    key = verdict_key(pdf, profile)
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
