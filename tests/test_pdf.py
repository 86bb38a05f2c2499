"""The PDF renderer: tagged PDF/UA-1 with the product's stylesheet, and no fetches beyond static files."""

import io

import pytest
from pypdf import PdfReader

from hyte.core.pdf import render_pdf

DOCUMENT = """<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>Hyvinvointikertomus</title>
<link rel="stylesheet" href="/static/hyte/hyte.css"></head>
<body><h1>Hyvinvointikertomus</h1><p>Lasten ja nuorten hyvinvointi.</p>{extra}</body></html>"""


def test_pdf_is_tagged_for_screen_readers():
    pdf = render_pdf(DOCUMENT.format(extra=""))
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # the logical structure a screen reader follows
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "fi"
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()  # PDF/UA identification


def test_outside_resources_are_refused_not_fetched(caplog):
    pdf = render_pdf(
        DOCUMENT.format(
            extra='<img src="http://127.0.0.1:9/tracker.png" alt=""><img src="/static/../../settings.py" alt="">'
        )
    )
    assert pdf.startswith(b"%PDF-")
    assert "not one of the product's static files" in caplog.text


@pytest.mark.parametrize("path", ["/static/hyte/hyte.css"])
def test_static_files_are_read(path, caplog):
    render_pdf(DOCUMENT.format(extra=""))
    assert path not in caplog.text  # the stylesheet loaded without a warning


@pytest.mark.parametrize(
    "url",
    [
        "https://hyte.invalid/static//etc/hostname",
        "https://hyte.invalid/static/hyte/../../../../etc/hostname",
        "https://hyte.invalid/static/%2e%2e/%2e%2e/etc/hostname",
        "https://hyte.invalid/etc/hostname",
        "http://127.0.0.1:9/static/hyte/hyte.css",
    ],
)
def test_the_fetcher_reads_nothing_outside_the_static_files(url):
    from hyte.core.pdf import _fetcher

    with pytest.raises(ValueError, match="static"):
        _fetcher().fetch(url)


def test_the_fetcher_reads_the_stylesheet():
    from hyte.core.pdf import _fetcher

    response = _fetcher().fetch("https://hyte.invalid/static/hyte/print.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"
