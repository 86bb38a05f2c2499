"""Image blocks: an uploaded image with its required text alternative, checked and re-encoded (metadata
dropped), shown on the report, its frozen versions, the public site, the PDF and the DOCX; and charts in the
DOCX as pictures with their values."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from PIL import Image
from pypdf import PdfReader

from hyte.reports import services
from hyte.reports.models import ReportImage
from tests.conftest import SYSTEM, approve_and_publish

pytestmark = pytest.mark.django_db


def _png(width=40, height=30, colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (30, 20), (10, 120, 10))
    exif = Image.Exif()
    exif[0x010F] = "Kameravalmistaja"  # Make
    exif[0x8825] = {1: "N", 2: (65.0, 44.0, 0.0)}  # GPS: where the picture was taken
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def image_block(world):
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kuvat", term_start=2025, term_end=2029
    )
    section = report.sections.first()
    return report, services.add_block(actor=SYSTEM, section=section, kind="image")


def test_an_image_needs_its_text_alternative_and_is_re_encoded_without_metadata(world, image_block):
    _report, block = image_block
    with pytest.raises(ValidationError):
        services.set_block_image(actor=SYSTEM, block=block, alt_text="  ", data=_png())
    services.set_block_image(actor=SYSTEM, block=block, alt_text="Kemin nuorisotalo", data=_jpeg_with_gps())
    stored = ReportImage.objects.get()
    assert stored.content_type == "image/jpeg"
    with Image.open(io.BytesIO(bytes(stored.data))) as again:
        assert not again.getexif()  # no camera, no GPS position
        assert again.size == (30, 20)
    # The alternative can be corrected without uploading again; a new upload is a new image (versions keep theirs).
    services.set_block_image(actor=SYSTEM, block=block, alt_text="Kemin nuorisotalo Kipinä")
    block.refresh_from_db()
    assert (block.image_id, block.alt_text) == (stored.pk, "Kemin nuorisotalo Kipinä")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "Choose an image file"),
        (b"not an image at all", "not an image"),
        (_png()[:60], "not an image"),  # cut short
        (b"GIF89a" + b"\x00" * 20, "not an image"),
        (_png(8001, 1), "too large"),
    ],
)
def test_bad_images_are_refused_with_the_reason(world, image_block, data, reason):
    from django.utils import translation

    _report, block = image_block
    with translation.override("en"), pytest.raises(ValidationError, match=reason):
        services.set_block_image(actor=SYSTEM, block=block, alt_text="Kuva", data=data)
    assert not ReportImage.objects.exists()


def test_the_image_is_uploaded_on_its_page_and_shown_to_those_who_read_the_report(world, image_block):
    report, block = image_block
    client = world.client_for("coordinator")
    url = f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/"
    assert 'enctype="multipart/form-data"' in client.get(url).content.decode()
    missing_alt = client.post(url, {"image": io.BytesIO(_png()), "alt_text": "", "revision": block.revision})
    assert missing_alt.status_code == 200
    assert not ReportImage.objects.exists()
    upload = io.BytesIO(_png())
    upload.name = "talo.png"
    response = client.post(url, {"image": upload, "alt_text": "Nuorisotalon piha", "revision": block.revision})
    assert response.status_code == 302
    image = ReportImage.objects.get()
    page = world.client_for("reader").get(f"/o/kemi/reports/{report.pk}/").content.decode()
    src = f"/o/kemi/reports/{report.pk}/images/{image.pk}/"
    assert f'<img src="{src}" alt="Nuorisotalon piha">' in page
    served = world.client_for("reader").get(src)
    assert served["Content-Type"] == "image/png"
    assert served.content == bytes(image.data)
    assert world.client_for("outsider").get(src).status_code == 404


def test_published_the_image_is_on_the_public_site_the_pdf_and_the_docx(world, image_block):
    report, block = image_block
    services.set_block_image(actor=SYSTEM, block=block, alt_text="Nuorisotalon piha", data=_png())
    image = ReportImage.objects.get()
    approve_and_publish(report, SYSTEM)
    version = report.versions.get(status="published")
    public = Client()
    page = public.get(f"/public/fi/kemi/{report.pk}/").content.decode()
    src = f"/public/images/kemi/{report.pk}/v{version.number}/{image.pk}.png"  # static hosts serve it as PNG
    assert f'<img src="{src}" alt="Nuorisotalon piha">' in page
    assert public.get(src).content == bytes(image.data)
    assert public.get(f"/public/images/kemi/{report.pk}/v{version.number}/{image.pk + 1}.png").status_code == 404
    assert public.get(f"/public/images/kemi/{report.pk}/v{version.number}/{image.pk}.jpg").status_code == 404
    from hyte.public.views import site_paths

    assert src in site_paths()  # the static export writes it
    pdf = PdfReader(io.BytesIO(public.get(f"/public/fi/kemi/{report.pk}/v{version.number}/report.pdf").content))
    assert any(page.images for page in pdf.pages)  # the image is in the PDF
    document = docx.Document(
        io.BytesIO(world.client_for("reader").get(f"/o/kemi/reports/{report.pk}/export.docx").content)
    )
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert "Nuorisotalon piha" in descriptions


def test_a_chart_is_a_picture_in_the_docx_with_its_values(world, published):
    plan, _annual = published  # its first section has a chart of Kemi's values 2023: 52, 2024: 55,5
    document = docx.Document(
        io.BytesIO(world.client_for("reader").get(f"/o/kemi/reports/{plan.pk}/export.docx").content)
    )
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert any(d and "2023: 52,0" in d and "2024: 55,5" in d for d in descriptions), descriptions
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "55,5" in cells
