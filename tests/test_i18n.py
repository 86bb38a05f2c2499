from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from hyte.catalogues import LOCALE_DIR

pytestmark = pytest.mark.django_db


def test_finnish_is_the_default_language(client):
    content = client.get("/").content.decode()
    assert '<html lang="fi">' in content
    assert "Siirry sisältöön" in content


@pytest.mark.parametrize(
    ("language", "skip_link", "login"),
    [
        ("fi", "Siirry sisältöön", "Kirjaudu sisään"),
        ("sv", "Hoppa till innehållet", "Logga in"),
        ("en", "Skip to content", "Log in"),
    ],
)
def test_the_language_switcher_changes_the_language_and_keeps_the_page(client, language, skip_link, login):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/areas/"})
    assert response.status_code == 302
    assert response["Location"] == "/areas/"
    content = client.get("/areas/").content.decode()
    assert f'<html lang="{language}">' in content
    assert skip_link in content
    assert login in content


def test_area_names_follow_the_language(client):
    client.post("/i18n/setlang/", {"language": "sv", "next": "/"})
    assert "Lapplands välfärdsområde" in client.get("/areas/county/21/").content.decode()
    assert "<h1>Esbo</h1>" in client.get("/areas/municipality/049/").content.decode()


def test_the_api_language_follows_accept_language(client):
    content = client.get("/areas/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert '<html lang="sv">' in content


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_catalogue_is_complete(language):
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    with Path(path).open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert len(catalog) > 100
    assert not untranslated, f"untranslated in {language}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:10]}"
