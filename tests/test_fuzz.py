"""Fuzzing: small documents of random text in every script, through every layout.

Each example is a document of a few blocks of random types whose texts mix
runs of the ten languages' scripts with digits, punctuation (Latin and CJK),
spaces of every kind, combining marks, zero-width and format characters,
line breaks and inline markup, in a
random language's file, for a home printer or a PDF/X-1a print shop. A
build must either write a PDF that qpdf, poppler and pdfium all open, or refuse with the project's own errors, each naming a
file and line. Nothing else (no other exception, no hang) is allowed.

The default run is a few examples per layout. For a longer local run:

    HYPOTHESIS_PROFILE=fuzz python -m pytest -q tests/test_fuzz.py

(``fuzz``: 200 examples per layout; ``fuzz-long``: 2,000). A failure prints
the smallest document found; it is kept in ``.hypothesis/`` and tried first
on the next run.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pamphlet.errors import Location, PamphletError
from pamphlet.pipeline import BuildOptions, build

from .conftest import LANGS, LAYOUTS

# A hang guard, not a speed check: one example builds four small PDFs at most.
_HANG = timedelta(seconds=120)
settings.register_profile("ci", max_examples=3, deadline=_HANG, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=200, deadline=_HANG,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz-long", max_examples=2000, deadline=_HANG,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

SCRIPTS = {
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàéèêîïôöùüçñßœÆ",
    "vietnamese": "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐ",
    "thai": "กขคฆงจฉชซญดตถทธนบปผพฟภมยรลวศษสหฬอฮะัาำิีึืุูเแโใไๅ่้๊๋็์ๆฯ",
    "hangul": "가각간갈감강개거건걸검게겨결경고곡공과관광구국군권귀그근글기김나남내너네노누느는다단달대도동되두드들디라람랑래러로료루르를리마만말매머며면명모무문물미바반발방배버벌법변보복본부북분불비사산살삼상새서선설성세소속손수순술습시식신실심아안알암앙애야약양어억언얼엄업에여역연열영예오온올와완왕외요용우운울원월위유육윤은을음의이인일임입자작잔장재저적전절점정제조족존종좌주죽준중즈지직진질집차착참창채처천철청체초총최추축춘출충취치친칠카타탄태터토통투트파판팔패퍼편평포표푸품풍프피필하한할함합항해행향허헌험현혈협형혜호혹혼홍화확환활황회효후훈휘흐흑흔흥희",
    "kana": "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼぱぴぷぺぽぁぃぅぇぉっゃゅょアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンーァィゥェォッャュョヴ",
    "han": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切注医類義語體書學國們說時來會對發對與點長門問開關頭見話經從",
    "digits": "0123456789",
    "fullwidth": "０１２３ＡＢＣ",
    "punctuation": ".,;:!?()[]\"'-–—…“”‘’«»¿¡%/@#&+=~·•",
    "cjk punctuation": "、。，．・：；？！「」『』（）【】〈〉《》〜ー",
    "spaces": "   \u00a0\u202f\u3000\t",
    "combining": "\u0300\u0301\u0302\u0303\u0308\u0323\u0331",
    "format": "\u200b\u00ad\u200c\u200d\u2060\ufeff\u200e\u2028\u2029\u2002\u2003\u2009\u200a",
    "line breaks": "\n\n\r\n",
}
MARKUP = ("**", "_", "")  # a run set strong, emphasised or plain (balanced: an unbalanced one is a located error)
STRAY = "*_\\"  # now and then a lone markup character
BLOCK_TYPES = ("heading", "paragraph", "list", "note", "quote", "callout", "contact")


@st.composite
def texts(draw, max_runs: int = 6) -> str:
    """Runs of characters, each from one script (so words look like words), joined."""
    # Characters are drawn as positions in their script's alphabet: one kind
    # of choice for every script, which Hypothesis shrinks well.
    runs = draw(st.lists(st.tuples(st.sampled_from(sorted(SCRIPTS)), st.lists(st.integers(0, 10_000), min_size=1, max_size=12),
                                   st.sampled_from(MARKUP)), min_size=1, max_size=max_runs))
    text = ""
    for script, picks, mark in runs:
        run = "".join(SCRIPTS[script][n % len(SCRIPTS[script])] for n in picks)
        text += f" {mark}{run.strip()}{mark} " if mark and run.strip() else run
    if draw(st.integers(0, 19)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(STRAY)) + text[at:]
    return text if text.strip() else "x" + text


@st.composite
def blocks(draw) -> list[dict]:
    found = [{"id": "cover", "type": "title", "text": draw(texts(3))}]
    for n in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(BLOCK_TYPES))
        block = {"id": f"b{n}", "type": kind}
        if kind == "list":
            block["items"] = draw(st.lists(texts(3), min_size=1, max_size=4))
        elif kind == "contact":
            block["lines"] = [{"label": draw(texts(2)), "value": draw(texts(3))}
                              for _ in range(draw(st.integers(1, 3)))]
        else:
            # Now and then a long text, to split across frames and pages and overflow them.
            block["text"] = " ".join([draw(texts())] * draw(st.sampled_from([1, 1, 1, 8, 40])))
            if kind == "heading":
                block["level"] = draw(st.sampled_from([1, 2]))
            if kind == "quote" and draw(st.booleans()):
                block["attribution"] = draw(texts(2))
        found.append(block)
    return found


def write_document(folder: Path, lang: str, content: list[dict]) -> None:
    """en.yaml with the blocks; for another language, a translation of them too (JSON is YAML)."""
    folder.mkdir(parents=True)
    ids = [b["id"] for b in content if b["id"] != "cover"]
    source = {
        "document": {"id": folder.name, "lang": "en", "title": "Fuzz"},
        "editions": {"trifold": {"cover": ["cover"], "flow": ids, "back": []},
                     "booklet": {"cover": ["cover"], "flow": "all"}},
        "blocks": content,
    }
    (folder / "en.yaml").write_text(json.dumps(source, ensure_ascii=False, indent=1), encoding="utf-8")
    if lang != "en":
        translated = {b["id"]: {k: v for k, v in b.items() if k not in ("id", "type", "level")} for b in content}
        (folder / f"{lang}.yaml").write_text(json.dumps({"document": {"lang": lang, "status": "draft"},
                                                         "blocks": translated}, ensure_ascii=False, indent=1),
                                             encoding="utf-8")


def opens_everywhere(path: Path, clean: bool = True) -> None:
    """qpdf finds no damage; poppler and pdfium read every page. Not ``clean``
    (damage carried over from a damaged input): qpdf may warn and poppler
    complain of the content, but both must open it."""
    import pypdfium2

    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 or (not clean and check.returncode == 3), check.stdout + check.stderr  # 3: warnings
    poppler = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True)
    assert poppler.returncode == 0 and not (clean and "Syntax Error" in poppler.stderr), poppler.stderr
    document = pypdfium2.PdfDocument(str(path))
    try:
        for page in document:
            page.get_textpage().get_text_range()
            page.render(scale=0.2)
    finally:
        document.close()


def located(error: PamphletError) -> None:
    """Every problem names the file (and for content, the line) it is about."""
    for problem in error.problems:
        assert problem.where is not None and problem.where.path, f"unlocated: {problem}"
        assert problem.where.line, f"no line: {problem}"


def _gist(message: str) -> str:
    """The kind of a problem, for the statistics (--hypothesis-show-statistics)."""
    for kind in ("in no font", "does not fit", "never closed", "has no glyph", "control character", "bidirectional control"):
        if kind in message:
            return kind
    return message[:40]


@pytest.fixture(scope="module", autouse=True)
def fuzz_cache(tmp_path_factory):
    """One cache folder for the module's builds (fonts subset once per glyph set)."""
    old = os.environ.get("PAMPHLET_CACHE")
    os.environ["PAMPHLET_CACHE"] = str(tmp_path_factory.mktemp("fuzz-cache"))
    yield
    if old is None:
        os.environ.pop("PAMPHLET_CACHE")
    else:
        os.environ["PAMPHLET_CACHE"] = old


@pytest.mark.parametrize("layout", LAYOUTS)
@settings(settings.get_profile(PROFILE))
@given(content=blocks(), lang=st.sampled_from(LANGS), profile=st.sampled_from(["home", "home", "commercial-x1a"]))
def test_random_documents_build_or_fail_cleanly(layout, content, lang, profile):
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "fuzz"
        write_document(folder, lang, content)
        try:
            (result,) = build(BuildOptions(doc=folder, langs=(lang,), layouts=(layout,), profiles=(profile,),
                                           out_dir=Path(work) / "out"))
        except PamphletError as exc:
            located(exc)
            event(f"refused: {_gist(exc.problems[0].message)}")
            return
        opens_everywhere(result.path)
        event("built")


# -- PDFs made elsewhere, damaged at random ----------------------------------------------

_TOKENS = (b"obj", b"endobj", b"<<", b">>", b"[", b"]", b" R ", b"stream", b"endstream", b"xref", b"trailer",
           b"/Rotate 45", b"/Rotate 90", b"-1", b"99999999999", b"0 0 R", b"/Kids [2 0 R]", b"%%EOF", b"\x00", b"/Type /Page")


@pytest.fixture(scope="module")
def plain_pdf(tmp_path_factory) -> bytes:
    """A small uncompressed PDF: two pages, text and a form, every structure in plain sight."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=1, pagesize=(300, 400))
    for n in (1, 2):
        canvas.beginForm(f"f{n}")
        canvas.rect(10, 10, 50, 50, fill=1)
        canvas.endForm()
        canvas.doForm(f"f{n}")
        canvas.setFont("Helvetica", 24)
        canvas.drawString(100, 200, f"page {n}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@st.composite
def damaged(draw, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(_TOKENS))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif kind == "cut" and at > 16:
            del data[at:]
    return bytes(data)


@settings(settings.get_profile(PROFILE), max_examples=settings.get_profile(PROFILE).max_examples * 10)
@given(mutation=st.data())
def test_damaged_pdfs_are_imposed_checked_or_refused_cleanly(plain_pdf, mutation, tmp_path_factory):
    """impose and check on a PDF damaged at random: a PDF, or the project's own refusal."""
    from pamphlet.check.preflight import preflight
    from pamphlet.impose.external import impose_file
    from pamphlet.pdfinput import read_pdf, reading

    work = tmp_path_factory.mktemp("pdf")
    source = work / "in.pdf"
    source.write_bytes(mutation.draw(damaged(plain_pdf)))
    try:
        impose_file(source, "2up", "letter", work / "out.pdf")
    except PamphletError as exc:
        event(f"impose refused: {exc.problems[0].message.replace(str(source), 'FILE')[:30]}")
        assert not (work / "out.pdf").exists()
    else:
        opens_everywhere(work / "out.pdf", clean=False)  # what was damaged in a page's content stays so
        event("imposed")
    try:
        with reading(source):
            preflight(read_pdf(source).data)
    except PamphletError:
        pass


def test_a_form_whose_length_is_a_name_is_a_damaged_pdf(plain_pdf, tmp_path):
    """Found by the fuzzing above: a form XObject's '/Length/Rotate 45 59' made
    pypdf fail with a TypeError of its own while the form was copied."""
    from pamphlet.impose.external import impose_file

    source = tmp_path / "in.pdf"
    source.write_bytes(plain_pdf.replace(b"/Length 59", b"/Length/Rotate 45 59", 1))
    with pytest.raises(PamphletError) as refused:
        impose_file(source, "2up", "letter", tmp_path / "out.pdf")
    problem = refused.value.problems[0]
    assert problem.where == Location(source) and problem.message.startswith("damaged PDF (")
    assert not (tmp_path / "out.pdf").exists()


def test_an_error_of_this_package_inside_a_pdf_reading_is_not_called_damage(tmp_path):
    from pamphlet.pdfinput import reading

    with pytest.raises(TypeError, match="ours"):
        with reading(tmp_path / "in.pdf"):
            raise TypeError("ours")
