"""The scripts of more communities: Burmese, Khmer and Lao broken between
dictionary words (ICU), Devanagari and Ethiopic punctuation kept off a
line's start, Zawgyi-encoded Burmese refused, and every new language
usable by a translator who has translated one block."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, PamphletError, Problems
from pamphlet.languages import language
from pamphlet.text.breaks import NO_START
from pamphlet.text.fontlibrary import bundled_library
from pamphlet.text.lines import break_lines
from pamphlet.text.shaping import shape_text

from .conftest import DOC, LAYOUTS, ROOT, composition

SHIPPED_DICTIONARY = ("my", "km")  # the translations of the pamphlet broken by a dictionary

# Texts with medials, stacked consonants, kinzi (Burmese), subscripts and
# pre-base vowels (Khmer), in runs without spaces much longer than a line.
PARAGRAPHS = {
    "my": ("ရွှေ့ပြောင်းလိင်လုပ်သားများသည် နိုင်ငံတစ်ခုမှ တစ်ခုသို့ ပြောင်းရွှေ့လာသူများဖြစ်ပြီး "
           "ဘာသာစကားအခက်အခဲ၊ လူမှုရေးအထီးကျန်မှုနှင့် လူမျိုးရေးခွဲခြားဆက်ဆံမှုတို့ကို ရင်ဆိုင်ကြရသည်။ "
           "လိင်လုပ်ငန်းသည် အလုပ်တစ်ခုဖြစ်သည်။ လိင်လုပ်သားများသည် ဘေးကင်းလုံခြုံမှု၊ ဂုဏ်သိက္ခာ၊ "
           "တန်းတူညီမျှမှုနှင့် တရားမျှတမှုကို ရပိုင်ခွင့်ရှိကြသည်။ အင်္ဂလိပ်ဘာသာဖြင့် ဆက်သွယ်နိုင်ပါသည်။"),
    "km": ("ពលករផ្លូវភេទចំណាកស្រុកគឺជាមនុស្សដែលផ្លាស់ទីពីកន្លែងមួយទៅកន្លែងមួយទៀតហើយអាចឆ្លងកាត់ព្រំដែនប្រទេស"
           "ឬផ្លាស់ទីនៅក្នុងប្រទេសតែមួយ។ ពួកគេប្រឈមមុខនឹងឧបសគ្គភាសា ភាពឯកោក្នុងសង្គម និងការរើសអើងពូជសាសន៍។ "
           "ការងារផ្លូវភេទគឺជាការងារ។ ពលករផ្លូវភេទមានសិទ្ធិទទួលបានសុវត្ថិភាព សេចក្តីថ្លៃថ្នូរ សមភាព និងយុត្តិធម៌។"),
}


def _shaped(lang: str, text: str, display: bool = False):
    problems = Problems()
    shaped = shape_text(Text((Span(text),), Location(Path("t"))), language(lang), bundled_library(), problems, "t",
                        display=display)
    assert not problems.items, problems.items
    return shaped


def _icu_boundaries(text: str, kind: str) -> set[int]:
    import icu

    iterator = icu.BreakIterator.createWordInstance(icu.Locale.getRoot()) if kind == "word" \
        else icu.BreakIterator.createCharacterInstance(icu.Locale.getRoot())
    iterator.setText(text)
    return {0, *iterator}


def _line_starts(lang: str, text: str, widths) -> list[tuple[int, str]]:
    shaped = _shaped(lang, text)
    starts = []
    for width in widths:
        for line in break_lines(shaped, width):
            drawn = text[line.start:line.end]
            assert drawn and not line.forced, (width, drawn)
            starts.append((line.start, drawn))
    return starts


@pytest.mark.parametrize("lang", ["my", "km"])
def test_dictionary_lines_break_at_icu_words_never_inside_a_cluster(lang):
    text = PARAGRAPHS[lang]
    shaped = _shaped(lang, text)
    words, graphemes = _icu_boundaries(text, "word"), _icu_boundaries(text, "character")
    clusters = {g.cluster for run in shaped.runs for g in run.glyphs}
    inside_words = 0
    for start, drawn in _line_starts(lang, text, [w / 2 for w in range(16, 41)]):
        if start == 0:
            continue
        assert start in graphemes and start in clusters, drawn  # never inside a cluster
        if not text[start - 1].isspace():
            assert start in words, drawn  # at a word boundary ICU's dictionary found
            inside_words += 1
    # Most breaks fall between words of a run without spaces: the dictionary did the work.
    assert inside_words > 30


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", SHIPPED_DICTIONARY)
def test_the_shipped_translations_break_at_icu_words(lang, layout):
    """Every line of the Burmese and Khmer pamphlets that does not start after
    a space starts at a word boundary of ICU's dictionary and at a cluster's
    start; none starts with a mark or a sign that may not start a line."""
    from pamphlet.layout.typeset import TextLine

    checked = 0
    for page in composition(lang, layout)[1].pages:
        for item in page.items:
            if not isinstance(item, TextLine) or item.line.start == 0:
                continue
            text, start = item.shaped.text, item.line.start
            assert text[start] not in NO_START and start in _icu_boundaries(text, "character"), text[start - 8:start + 8]
            if not text[start - 1].isspace() and not item.line.forced:
                assert start in _icu_boundaries(text, "word"), text[start - 8:start + 8]
                checked += 1
    assert checked > 20


@pytest.mark.parametrize("lang", ["my", "km", "lo"])
def test_dictionary_languages_use_their_own_face_for_the_whole_run(lang):
    sample = {"my": "ရွှေ့ပြောင်း လုပ်သား", "km": "ពលករ ចំណាកស្រុក", "lo": "ແຮງງານ ເຄື່ອນຍ້າຍ"}[lang]
    shaped = _shaped(lang, sample + " Butterfly 2024")
    families = [(run.face.family, shaped.text[run.start:run.end]) for run in shaped.runs]
    assert families == [(language(lang).fonts[0], sample + " "), ("latin", "Butterfly 2024")]


@pytest.mark.parametrize("lang, text, marks", [
    ("ne", "हामी विश्वास गर्छौं कि यौन कार्य काम हो । यौनकर्मीहरूलाई सुरक्षा, सम्मान, समानता र न्यायको अधिकार छ ॥ "
           "कुनै पनि व्यक्तिलाई हिंसा सहनु पर्दैन । सबैको आवाज सुनिनुपर्छ ।", "।॥"),
    ("bn", "যৌনকর্ম হলো কাজ । যৌনকর্মীদের নিরাপত্তা, মর্যাদা, সমতা ও ন্যায়বিচারের অধিকার আছে । কেউ সহিংসতা সইবে না ।", "।"),
    ("am", "የወሲብ፡ሥራ፡ሥራ፡ነው ። የወሲብ ሠራተኞች ደህንነት ፣ ክብር ፣ እኩልነት እና ፍትህ ይገባቸዋል ። ማንም ሰው ጥቃት ሊደርስበት አይገባም ።", "።፣"),
    ("ti", "ስራሕ ጾታ ስራሕ እዩ ። ሰራሕተኛታት ጾታ ድሕንነት ፣ ክብሪ ፣ ማዕርነትን ፍትሕን ይግብኦም ።", "።፣"),
], ids=["ne", "bn", "am", "ti"])
def test_dandas_and_ethiopic_stops_never_start_a_line(lang, text, marks):
    assert set("।॥።፣") <= NO_START
    starts = _line_starts(lang, text, [w / 4 for w in range(32, 81)])
    assert [drawn for _, drawn in starts if drawn[0] in marks] == []
    # Each mark follows a space in the text: without the rule, some width would start a line with it.
    assert any(text[start - 1] == " " and text[start - 2] in marks for start, _ in starts if start > 1)


def test_ethiopic_lines_may_end_after_the_wordspace():
    text = "የወሲብ፡ሥራ፡ሥራ፡ነው፡ሠራተኞች፡ደህንነት፡ክብር፡እኩልነት፡ፍትህ፡ይገባቸዋል።"
    lines = [text[s:s + len(d)] for s, d in _line_starts("am", text, [6])]
    assert len(lines) > 2 and all(line.endswith("፡") for line in lines[:-1]), lines


# -- Zawgyi -------------------------------------------------------------------------

UNICODE_MY = "ရွှေ့ပြောင်းလုပ်သားများ၏ အခွင့်အရေးကို ကာကွယ်ပါ။"
ZAWGYI_MY = "ေရႊ႕ေျပာင္းလုပ္သားမ်ား၏ အခြင့္အေရးကို ကာကြယ္ပါ။"  # the same words, typed in Zawgyi


def _doc_with(tmp_path: Path, lang: str, blocks: str) -> Path:
    """A copy of the shipped document with ``lang``.yaml holding only ``blocks``."""
    folder = tmp_path / DOC.name
    shutil.copytree(DOC, folder, ignore=shutil.ignore_patterns("*.yaml"))
    shutil.copy(DOC / "en.yaml", folder / "en.yaml")
    (folder / f"{lang}.yaml").write_text(
        f"document:\n  lang: {lang}\n  status: draft\n  translator: \"\"\n\nblocks:\n{blocks}", encoding="utf-8")
    return folder


def test_zawgyi_burmese_is_refused_at_its_line_with_how_to_convert_it(tmp_path):
    from pamphlet.content.load import load_document
    from pamphlet.content.zawgyi import to_unicode

    folder = _doc_with(tmp_path, "my", f"  cover:\n    text: \"{UNICODE_MY}\"\n    subtitle: \"{ZAWGYI_MY}\"\n")
    with pytest.raises(PamphletError) as info:
        load_document(folder, "my")
    said = [str(p) for p in info.value.problems]
    assert len(said) == 1 and said[0].startswith(f"{folder / 'my.yaml'}:9: "), said  # the subtitle's line, not the text's
    assert "Zawgyi" in said[0] and "python -m pamphlet.content.zawgyi" in said[0], said
    # The command it names converts the file; converted, it loads.
    converted = subprocess.run([sys.executable, "-m", "pamphlet.content.zawgyi", str(folder / "my.yaml")],
                               capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert to_unicode(ZAWGYI_MY) == UNICODE_MY and converted.count(UNICODE_MY) == 2
    (folder / "my.yaml").write_text(converted, encoding="utf-8")
    assert load_document(folder, "my").block("cover").subtitle.plain == UNICODE_MY


# -- a translator's first block --------------------------------------------------------

COVERS = {  # the cover's title and subtitle
    "my": ("ရွှေ့ပြောင်းလိင်လုပ်သားများကို နားလည်ခြင်း", "ရွှေ့ပြောင်းခြင်း + လိင်လုပ်ငန်း ≠ လူကုန်ကူးမှု"),
    "km": ("ការយល់ដឹងអំពីពលករផ្លូវភេទចំណាកស្រុក", "ចំណាកស្រុក + ការងារផ្លូវភេទ ≠ ការជួញដូរមនុស្ស"),
    "lo": ("ເຂົ້າໃຈຜູ້ເຮັດວຽກບໍລິການທາງເພດທີ່ເປັນແຮງງານເຄື່ອນຍ້າຍ", "ການເຄື່ອນຍ້າຍ + ວຽກບໍລິການທາງເພດ ≠ ການຄ້າມະນຸດ"),
    "ne": ("आप्रवासी यौनकर्मीहरूलाई बुझ्दै", "आप्रवासन + यौनकर्म ≠ मानव बेचबिखन"),
    "bn": ("অভিবাসী যৌনকর্মীদের বোঝা", "অভিবাসন + যৌনকর্ম ≠ মানব পাচার"),
    "am": ("ስደተኛ የወሲብ ሠራተኞችን መረዳት", "ስደት + የወሲብ ሥራ ≠ የሰዎች ዝውውር"),
    "ti": ("ስደተኛታት ሰራሕተኛታት ጾታ ምርዳእ", "ስደት + ስራሕ ጾታ ≠ ዘዋውራ ደቂ ሰብ"),
    "ru": ("Понимание секс-работников-мигрантов", "Миграция + секс-работа ≠ торговля людьми"),
    "uk": ("Розуміння секс-працівників-мігрантів", "Міграція + секс-робота ≠ торгівля людьми: Є, І, Ї, Ґ"),
    "id": ("Memahami Pekerja Seks Migran", "Migrasi + kerja seks ≠ perdagangan orang"),
    "pt": ("Compreender as trabalhadoras e os trabalhadores do sexo migrantes", "Migração + trabalho sexual ≠ tráfico de pessoas"),
}


def _cover(lang: str) -> str:
    title, subtitle = COVERS[lang]
    return f"  cover:\n    text: \"{title}\"\n    subtitle: \"{subtitle}\"\n"


@pytest.mark.parametrize("lang", sorted(COVERS))
def test_an_edition_with_only_its_cover_translated_builds(tmp_path, lang):
    """A translator starts with one block: the edition builds, its other
    blocks printed in English (set as English is) with the usual warning, and
    the cover's text copies back from the PDF."""
    from .cli_harness import invoke

    folder = _doc_with(tmp_path, lang, _cover(lang))
    outcome = invoke("build", "--doc", folder, "--lang", lang, "--layout", "trifold-letter", "--out", tmp_path / "out")
    assert outcome.code == 0 and not outcome.traceback, outcome.stderr + outcome.traceback
    assert "blocks are not translated yet and print in English" in outcome.stderr, outcome.stderr
    pdf = next((tmp_path / "out").glob(f"*-{lang}-trifold-letter-home.pdf"))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for part in COVERS[lang]:  # a title broken between two words of Khmer or Lao has no space there
        assert "".join(part.split()) in "".join(text.split()), text[:300]
    assert "Who Are Migrant Sex Workers?" in text


@pytest.fixture(scope="module")
def cover_editions(tmp_path_factory):
    """Each new language's cover-only tri-fold, and pdf.js's text of them all (one node process)."""
    from pamphlet.pipeline import BuildOptions, build_one

    from . import readers

    built = {}
    for lang in sorted(COVERS):
        root = tmp_path_factory.mktemp(lang)
        folder = _doc_with(root, lang, _cover(lang))
        options = BuildOptions(doc=folder, langs=(lang,), layouts=("trifold-a4",), profiles=("home",), out_dir=root / "out")
        built[lang] = build_one(options, lang, "trifold-a4")
    pages = readers.pdfjs_items([result.path for result in built.values()])
    return {lang: (result, pages[str(result.path)]) for lang, result in built.items()}


@pytest.mark.parametrize("lang", sorted(COVERS))
def test_each_new_language_copies_back_verbatim_in_every_reader(cover_editions, lang):
    """The cover's title and subtitle (set as display text, broken between
    words where the script has no spaces) come back as written from pdfium,
    pdf.js and poppler."""
    from . import readers

    result, pdfjs_pages = cover_editions[lang]
    slots = readers.reader_slots(result.path, result.layout, result.reader_pages)
    for reader, texts in {"pdfium": readers.pdfium_text(result.path, slots),
                          "pdf.js": readers.pdfjs_text(pdfjs_pages, slots),
                          "pdftotext -raw": readers.poppler_text(result.path, slots, raw=True)}.items():
        read = readers.ReadBack("\n".join(texts))
        for part in COVERS[lang]:
            assert read.contains(part, spaced=True), f"{reader}: {part}"


# -- ICU only where a dictionary is needed ------------------------------------------

def test_icu_is_imported_only_for_a_dictionary_language_and_only_cold(tmp_path):
    """Segmentations are kept on disk as Thai's are: a warm Burmese build
    imports neither ICU nor the Zawgyi detector's model twice; an English
    build never imports ICU."""
    folder = _doc_with(tmp_path, "my", _cover("my"))
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pamphlet.pipeline import BuildOptions, build\n"
        "build(BuildOptions(doc=Path(sys.argv[1]), langs=(sys.argv[2],), layouts=('trifold-a4',), out_dir=Path(sys.argv[3])))\n"
        "print('icu' in sys.modules)\n"
    )
    env = dict(os.environ, PAMPHLET_CACHE=str(tmp_path / "cache"))

    def icu_loaded(lang: str) -> str:
        run = subprocess.run([sys.executable, "-c", script, str(folder), lang, str(tmp_path / "out")],
                             capture_output=True, text=True, env=env, cwd=ROOT)
        return run.stdout.strip() + run.stderr[-2000:]

    assert icu_loaded("my") == "True"
    assert icu_loaded("my") == "False"
    assert list((tmp_path / "cache").glob("dictionary-words-icu-*.json"))
    assert icu_loaded("en") == "False"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", ["my", "km", "ne"])
def test_no_text_of_the_new_translations_is_under_8_5_pt(lang, layout):
    """Notes, attributions, captions and page numbers included: scripts denser
    than Latin are never set under 8.5 pt."""
    from pamphlet.layout.typeset import TextLine

    sizes = {round(item.size, 2) for page in composition(lang, layout)[1].pages for item in page.items
             if isinstance(item, TextLine)}
    assert min(sizes) >= 8.5, sorted(sizes)[:3]


def test_a_po_file_in_zawgyi_is_refused_at_its_line_before_anything_is_written(tmp_path):
    """The import checks each text as the loader does: Zawgyi is named at the
    PO file's own line, and my.yaml keeps its bytes."""
    import polib

    from .test_cli import run

    folder = tmp_path / "understanding-migrant-sex-workers"
    shutil.copytree(ROOT / "text" / "understanding-migrant-sex-workers", folder)
    po = tmp_path / "my.po"
    assert run("export", "--doc", str(folder), "--lang", "my", "--format", "po", "-o", str(po)).returncode == 0
    catalogue = polib.pofile(str(po))
    entry = next(e for e in catalogue if e.msgctxt == "cover.subtitle")
    entry.msgstr = ZAWGYI_MY
    catalogue.save(str(po))
    before = (folder / "my.yaml").read_bytes()
    line = next(n for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1) if ZAWGYI_MY in text)
    result = run("import", "--doc", str(folder), str(po))
    assert result.returncode == 1 and f"{po}:{line}:" in result.stderr and "Zawgyi" in result.stderr, result.stderr
    assert (folder / "my.yaml").read_bytes() == before
