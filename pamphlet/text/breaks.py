"""Line-break opportunities, by the language's breaking mode.

A ``Break(pos, kind, phrase)`` means a line may end before ``text[pos]``:

* ``space``  the spaces just before ``pos`` are dropped at the line end;
* ``plain``  nothing is dropped (between CJK characters, Thai words, after a hyphen);
* ``hyphen`` a hyphen is drawn at the line end (not part of the text).

``phrase`` is False for a break between two characters of one phrase: in
languages with a phrase model (``phrases:`` in text/languages.yaml, a BudouX
model for Japanese and Chinese), display lines break only between phrases
(see ``lines``). A break after the punctuation that ends a sentence (。！？
and their other widths, closing brackets after them) is always between
phrases.

Modes (text/languages.yaml): ``spaces`` and ``keep-all`` break at spaces
(``spaces`` also after hyphens and dashes between words); ``thai`` adds the
boundaries of dictionary words (pythainlp's newmm); ``dictionary`` adds the
word boundaries ICU's dictionaries find inside Burmese, Khmer and Lao runs
(pyicu-wheels, imported only when such a text is segmented); ``cjk`` breaks
between characters under kinsoku rules and keeps Latin words and numbers
whole. In every mode a line may end after the Ethiopic wordspace ፡, and
never starts with the full stops and commas of Indic, Ethiopic, Burmese and
Khmer text (। ॥ ። ፣ ၊ ။ ។ ៕).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..buildcontext import on_reset, remembered
from ..cache import enabled as caching_enabled, on_flush
from ..output import write_atomic
from ..projectdirs import cache_dir
from .addresses import find_addresses
from .scripts import is_cjk, is_dictionary_script, is_mark, is_thai

# Kinsoku: characters that may not start a line, and may not end one.
NO_START = frozenset(
    "、。，．・：；？！）」』】〕〉》〙〗〟｠ー…‥ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.:;?!)]}%’”»›" "ๆฯ" "‼⁇⁈⁉・" "،؛؟۔"
    "।॥" "፡።፣፤፥፦፧፨" "၊။" "។៕៖"  # dandas; Ethiopic, Burmese and Khmer punctuation
)
WORDSPACES = frozenset("፡")  # a word separator a line may end after (Ethiopic)
NO_END = frozenset("（「『【〔〈《〘〖〝｟" "([{‘“«‹")
# Pairs of identical characters never separated (a two-em dash, a doubled ellipsis).
NO_SPLIT_PAIRS = frozenset("—…‥―")
DASHES = frozenset("-‐–—")
# Spaces that join rather than separate (French « », numbers and units).
NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007\u2060\ufeff")


def is_break_space(ch: str) -> bool:
    return ch.isspace() and ch not in NO_BREAK_SPACES


class Break(NamedTuple):
    """A break opportunity (a tuple: there are thousands per document)."""

    pos: int
    kind: str  # "space" | "plain" | "hyphen"
    phrase: bool = True  # between phrases (False: inside a phrase of a language with a phrase model)


def find_breaks(text: str, mode: str, hyphenate: str | None = None, phrases: str | None = None) -> list[Break]:
    """All break opportunities in ``text`` (sorted, never at 0 or inside a cluster of marks).
    ``phrases`` names the BudouX model that tells which are between phrases."""
    found: dict[int, str] = {}
    n = len(text)
    for i in range(1, n):
        before, ch = text[i - 1], text[i]
        if ch.isspace() or is_mark(ch) or ch in NO_START:
            continue
        if before.isspace():
            if is_break_space(before) and (i < 2 or text[i - 2] not in NO_END):
                found[i] = "space"
            continue
        if before in NO_END:
            continue
        if before in WORDSPACES:
            found[i] = "plain"
        elif mode == "cjk" and _cjk_break(before, ch):
            found[i] = "plain"
        elif mode in ("spaces", "thai", "cjk") and before in DASHES and ch.isalpha() and i >= 2 and text[i - 2].isalpha():
            found[i] = "plain"  # after the hyphen of "anti-trafficking"
    if mode in ("thai", "dictionary"):
        words = _thai_word_boundaries(text) if mode == "thai" else _dictionary_word_boundaries(text)
        for pos in words:
            if pos not in found and 0 < pos < n and not text[pos].isspace() and not is_mark(text[pos]) \
                    and text[pos] not in NO_START and text[pos - 1] not in NO_END and not text[pos - 1].isspace() \
                    and not _inside_cluster(text, pos):
                found[pos] = "plain"
    if hyphenate:
        for pos in _hyphen_points(text, hyphenate):
            found.setdefault(pos, "hyphen")
    for pos in _kept_together(text):
        found.pop(pos, None)
    if phrases and mode == "cjk":
        between = phrase_boundaries(text, phrases)
        return [Break(pos, kind, kind != "plain" or pos in between or _after_sentence(text, pos))
                for pos, kind in sorted(found.items())]
    return [Break(pos, kind) for pos, kind in sorted(found.items())]


# A sign standing between words (Migration + sex work ≠ trafficking) never
# ends a line: it would hang there, cut from what it joins.
JOINING_SIGNS = frozenset("+=≠&×÷<>≤≥→")
def _kept_together(text: str) -> list[int]:
    """Positions where no line may end: after a joining sign that stands
    alone, and inside an address, e-mail or phone number."""
    kept = []
    for i in range(2, len(text)):
        if text[i - 1].isspace() and text[i - 2] in JOINING_SIGNS and (i < 3 or text[i - 3].isspace()):
            kept.append(i)
    for address in find_addresses(text):  # read as one thing and copied as one
        kept += range(address.start + 1, address.end)
    return kept


# A sentence ends here: a phrase ends with it whatever the phrase model says
# (BudouX's Traditional Chinese model reads 性工作不是人口販運！性工作者 as
# ...販運 / ！性 / 工作者...).
SENTENCE_ENDS = frozenset("。！？｡!?．‼⁇⁈⁉")
CLOSING = frozenset("」』）】〕〉》〙〗〟｠”’)]}»›｣")


def _after_sentence(text: str, pos: int) -> bool:
    """Whether text[:pos] ends with sentence-ending punctuation, perhaps
    followed by closing brackets and quotes."""
    k = pos - 1
    while k >= 0 and text[k] in CLOSING:
        k -= 1
    return k >= 0 and text[k] in SENTENCE_ENDS


def _cjk_break(before: str, ch: str) -> bool:
    if before == ch and ch in NO_SPLIT_PAIRS:
        return False
    # Between two non-CJK characters is inside a Latin word or a number.
    return is_cjk(before) or is_cjk(ch)


def _thai_word_boundaries(text: str) -> list[int]:
    """Word boundaries inside each run of Thai letters, by dictionary segmentation."""
    return _run_word_boundaries(text, is_thai, _thai_words)


def _dictionary_word_boundaries(text: str) -> list[int]:
    """Word boundaries inside each run of Burmese, Khmer or Lao, by ICU's dictionaries."""
    return _run_word_boundaries(text, is_dictionary_script, _icu_words)


def _run_word_boundaries(text: str, in_script, words) -> list[int]:
    """The start of each run of a script's letters (``in_script``) and the
    end of each of its words (``words``: a run -> its words)."""
    positions: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if not in_script(text[i]):
            i += 1
            continue
        j = i
        while j < n and (in_script(text[j]) or is_mark(text[j]) or text[j] in _JOINERS):
            j += 1
        offset = i
        for word in words(text[i:j]):
            offset += len(word)
            positions.append(offset)
        positions.append(i)
        i = j
    return positions


_JOINERS = frozenset("\u200c\u200d")
# Signs that join the letter after them into one cluster: the Burmese virama
# (stacked consonants), the Khmer coeng (subscripts), the Lao and Burmese
# killers when a consonant follows them inside a stack.
_JOINS_NEXT = frozenset("\u1039\u17d2")


def _inside_cluster(text: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a cluster a dictionary must not split:
    after a joiner or a sign that stacks the next letter, or before a
    character that attaches to the one before (a mark, a joiner, an
    Asat-Virama pair, a Burmese medial)."""
    before, ch = text[pos - 1], text[pos]
    return (before in _JOINS_NEXT or before in _JOINERS or ch in _JOINERS or is_mark(ch)
            or 0x103B <= ord(ch) <= 0x103E)  # Burmese medials ျ ြ ွ ှ (letters, yet part of the syllable)


@cache
def _thai_tokenizer():
    """newmm over pythainlp's own word list, held as a set (``ThaiWords``)."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    words = ThaiWords(thai_words())
    return lambda run: word_tokenize(run, custom_dict=words, engine="newmm", keep_whitespace=True)


class ThaiWords:
    """pythainlp's dictionary for newmm as a set of words: the same words and
    the same answers as its ``Trie`` (the words starting at a position of a
    text, shortest first), in a twelfth of the memory (about 6 MB instead of
    70: the trie is an object per letter) and without the second of building
    it."""

    def __init__(self, words) -> None:
        self.words = frozenset(w for w in (word.strip() for word in words) if w)  # as Trie.add strips them
        self.longest = max(map(len, self.words), default=0)

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        words = self.words
        stop = min(len(text), start + self.longest)
        return [text[start:end] for end in range(start + 1, stop + 1) if text[start:end] in words]


class _SegmentCache:
    """Segmentations (Thai words, BudouX phrases) kept on disk with the other
    caches, so a warm build neither loads a segmenter nor runs it. Keyed by
    the text and the segmenter's version (in the file's name). An entry whose
    segments do not spell its text is dropped and segmented again. New
    entries are written when the process ends or flushes its caches
    (``cache.flush``, after each item of a batch), merged with what other
    processes wrote meanwhile."""

    def __init__(self, name, segment) -> None:
        self.name = name  # () -> the file's name, with the segmenter's version
        self.segment = segment  # text -> its segments
        self.words: dict[str, list[str]] | None = None  # read from disk at first use, and again after a reset
        self.added: dict[str, list[str]] = {}
        self.flushing = False
        on_reset(self.forget)

    def forget(self) -> None:
        """Read the file again at next use (what is added stays to be written)."""
        self.words = None

    @property
    def path(self) -> Path:
        return cache_dir() / self.name()

    def _read(self) -> dict[str, list[str]]:
        import json  # only for the languages that segment with a dictionary or a model

        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict):
            return {}
        return {run: words for run, words in stored.items()
                if isinstance(words, list) and all(isinstance(w, str) for w in words) and "".join(words) == run}

    def get(self, run: str) -> tuple[str, ...]:
        if not caching_enabled():
            return tuple(self.segment(run))
        if self.words is None:
            self.words = self._read()
            if not self.flushing:
                on_flush(self.save)
                self.flushing = True
        found = self.words.get(run)
        if found is None:
            found = self.words[run] = self.added[run] = list(self.segment(run))
        return tuple(found)

    def save(self) -> None:
        if not self.added:
            return
        import json

        merged = {**self._read(), **self.added}
        try:
            write_atomic(self.path, json.dumps(merged, ensure_ascii=False, sort_keys=True).encode("utf-8"), durable=False)
            self.added = {}
        except OSError:
            pass  # a read-only cache only costs time


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


_THAI_WORDS = _SegmentCache(lambda: f"thai-words-{_version('pythainlp')}.json",
                            lambda run: _thai_tokenizer()(run))


@remembered
def _thai_words(run: str) -> tuple[str, ...]:
    return _THAI_WORDS.get(run)


@cache
def _icu_break_iterator():
    """ICU's word break iterator: its dictionaries find Burmese, Khmer and Lao
    words, one iterator for the three (the script picks the dictionary)."""
    import icu  # pyicu-wheels; only for the languages broken by a dictionary (about 20 ms)

    return icu.BreakIterator.createWordInstance(icu.Locale.getRoot())


def _icu_segment(run: str) -> list[str]:
    iterator = _icu_break_iterator()
    iterator.setText(run)
    bounds = [0, *iterator]  # ICU counts UTF-16 units: the scripts here are all in the BMP
    return [run[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


_ICU_WORDS = _SegmentCache(lambda: f"dictionary-words-icu-{_version('pyicu-wheels')}.json", _icu_segment)


@remembered
def _icu_words(run: str) -> tuple[str, ...]:
    return _ICU_WORDS.get(run)


@cache
def _budoux_parser(model: str):
    import budoux  # only for the languages that have a phrase model (about 35 ms)

    loaders = {"ja": budoux.load_default_japanese_parser, "zh-hans": budoux.load_default_simplified_chinese_parser,
               "zh-hant": budoux.load_default_traditional_chinese_parser}
    return loaders[model]()


_PHRASES = {model: _SegmentCache(lambda model=model: f"phrases-{model}-budoux-{_version('budoux')}.json",
                                 lambda text, model=model: _budoux_parser(model).parse(text))
            for model in ("ja", "zh-hans", "zh-hant")}
PHRASE_MODELS = tuple(_PHRASES)


@remembered
def phrase_boundaries(text: str, model: str) -> frozenset[int]:
    """Positions between two phrases of ``text``, by BudouX's ``model``."""
    positions, offset = set(), 0
    for phrase in _PHRASES[model].get(text):
        offset += len(phrase)
        positions.add(offset)
    return frozenset(positions)


@cache
def _hyphenator(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=lang, left=3, right=3)


def _hyphen_points(text: str, lang: str) -> list[int]:
    """Hyphenation points inside alphabetic words of six letters or more;
    never inside an address (a token with @, / or a dot between letters)."""
    dic = _hyphenator(lang)
    points: list[int] = []
    for token in re.finditer(r"\S+", text):
        if _ADDRESS.search(token.group()):
            continue
        for word in re.finditer(r"[^\W\d_]{6,}", token.group()):
            if not word.group().isupper():
                points.extend(token.start() + word.start() + p for p in dic.positions(word.group()))
    return points


_ADDRESS = re.compile(r"@|/|\w\.\w")
