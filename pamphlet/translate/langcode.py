"""Language codes as CAT tools write them -> the project's codes.

In:  a code from a PO 'Language:' header or an XLIFF target-language, and
     the codes of text/languages.yaml.
Out: the project's code (``zh_CN`` -> ``zh-Hans``, ``ja_JP`` and ``ja-JP``
     -> ``ja``, ``zh-hans`` -> ``zh-Hans``), or None with a hint.

Tools write BCP 47 (``zh-Hant-TW``), POSIX locales (``zh_TW.UTF-8``,
``sr@latin``) and any case. Chinese is told apart by its script (Hans,
Hant) or, failing that, its region: mainland China, Singapore and Malaysia
write simplified characters; Taiwan, Hong Kong and Macau traditional.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

_HANT_REGIONS = ("TW", "HK", "MO")
_HANS_REGIONS = ("CN", "SG", "MY")


@dataclass(frozen=True)
class Code:
    """A code as read: the project's code, or None and a hint of what was meant."""

    code: str | None
    hint: str = ""


def project_code(raw: str, known: Iterable[str]) -> Code:
    """The project's code for ``raw``, if it names one of ``known``."""
    known = list(known)
    by_lower = {k.lower(): k for k in known}
    text = raw.strip().split(".")[0].split("@")[0].replace("_", "-")
    if text.lower() in by_lower:
        return Code(by_lower[text.lower()])
    parts = [p for p in text.split("-") if p]
    if not parts:
        return Code(None)
    primary, rest = parts[0].lower(), [p.upper() if len(p) == 2 else p.title() for p in parts[1:]]
    if primary == "zh":
        script = next((p for p in rest if p in ("Hans", "Hant")), None)
        if script is None and any(p in _HANT_REGIONS for p in rest):
            script = "Hant"
        elif script is None and any(p in _HANS_REGIONS for p in rest):
            script = "Hans"
        chinese = [k for k in known if k.lower().startswith("zh-")]
        if script and f"zh-{script}".lower() in by_lower:
            return Code(by_lower[f"zh-{script}".lower()])
        return Code(None, f" (did you mean {' or '.join(chinese)}? name the script)" if chinese else "")
    if primary in by_lower:
        return Code(by_lower[primary])
    from ..suggest import did_you_mean

    return Code(None, did_you_mean(raw, known))
