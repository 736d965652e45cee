"""preview: PDF pages as PNG images (pdfium)."""

from __future__ import annotations

from PIL import Image

from pamphlet.preview import page_images, write_previews

from .test_cli import run


def test_preview_writes_one_png_per_page_at_the_asked_resolution(tmp_path, build):
    pdf = build("th", "trifold-letter").path
    result = run("preview", str(pdf), "--out", str(tmp_path), "--dpi", "50")
    assert result.returncode == 0, result.stderr
    pngs = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in pngs] == [f"{pdf.stem}-1.png", f"{pdf.stem}-2.png"]
    for png in pngs:
        with Image.open(png) as image:
            assert image.size == (round(11 * 50), round(8.5 * 50))  # Letter landscape at 50 dpi
            assert image.convert("L").getextrema()[0] < 100  # something is printed on it


def test_thumbnail_width_and_determinism(build):
    pdf = build("en", "booklet-letter").path
    (cover,) = page_images(pdf, pages=[0], width=200)
    assert cover.width == 200
    assert page_images(pdf, pages=[0], width=200)[0].tobytes() == cover.tobytes()


def test_preview_of_a_broken_pdf_is_a_located_error(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    result = run("preview", str(bad), "--out", str(tmp_path / "png"))
    assert result.returncode == 1
    assert "bad.pdf: damaged PDF (" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "png").exists()


def test_write_previews_defaults_beside_the_pdf(tmp_path, build):
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(build("en", "trifold-a4").path.read_bytes())
    assert [p.name for p in write_previews(pdf, dpi=20)] == ["copy-1.png", "copy-2.png"]
