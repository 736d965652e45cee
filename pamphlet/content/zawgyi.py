"""Burmese typed in the Zawgyi encoding: found, refused, and converted.

Zawgyi reuses the Myanmar block's code points for other letters and glyph
pieces: it looks right only in a Zawgyi font and prints as garbage in every
Unicode font (the bundled Noto Sans Myanmar too). Much Burmese text on the
web and on phones is still typed in it.

In:  a text (``zawgyi_problem``), or a file to convert (``python -m pamphlet.content.zawgyi FILE``).
Out: (what is wrong, what was expected) for a text that is Zawgyi, else
     None; the command prints the file converted to Unicode.

Google's detector (``myanmartools``) is imported only for texts that hold
Myanmar characters, ICU's ``Zawgyi-my`` transform only to convert.
"""

from __future__ import annotations

import sys
from functools import cache

# A text is taken for Zawgyi from this probability on (the detector gives
# Unicode Burmese less than 1e-6, typical Zawgyi more than 0.999).
THRESHOLD = 0.95
CONVERT = ("expected Unicode Burmese; convert the file with "
           "'python -m pamphlet.content.zawgyi FILE > FILE.unicode' (ICU's Zawgyi-my transform, "
           "pip install pyicu-wheels) and check the result in a Unicode font")


def _myanmar(ch: str) -> bool:
    return 0x1000 <= ord(ch) <= 0x109F


@cache
def _detector():
    from myanmartools import ZawgyiDetector  # only for texts with Myanmar characters

    return ZawgyiDetector()


def zawgyi_probability(text: str) -> float:
    """How likely ``text`` is Zawgyi-encoded Burmese (0 when it has no Myanmar characters)."""
    if not any(map(_myanmar, text)):
        return 0.0
    return float(_detector().get_zawgyi_probability(text))


def zawgyi_problem(text: str) -> tuple[str, str] | None:
    """(what is wrong, what was expected) if ``text`` is Zawgyi, else None."""
    probability = zawgyi_probability(text)
    if probability < THRESHOLD:
        return None
    start = next(i for i, ch in enumerate(text) if _myanmar(ch))
    sample = text[start:start + 24].split("\n")[0]
    return (f"Burmese '{sample}' is in the Zawgyi encoding (probability {probability:.2f}), "
            "which prints as garbage in Unicode fonts", CONVERT)


def to_unicode(text: str) -> str:
    """``text`` with each line that is Zawgyi Burmese converted to Unicode.
    Line by line: the transform garbles Burmese that is already Unicode, and
    a file may hold both."""
    import icu  # pyicu-wheels

    transform = icu.Transliterator.createInstance("Zawgyi-my")
    return "".join(transform.transliterate(line) if zawgyi_probability(line) >= THRESHOLD else line
                   for line in text.splitlines(keepends=True))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pamphlet.content.zawgyi FILE  (prints FILE with Zawgyi Burmese converted to Unicode)",
              file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as file:
        sys.stdout.write(to_unicode(file.read()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
