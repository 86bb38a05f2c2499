"""The public activity finder: search and filters (on SQLite and, with DATABASE_URL, on PostgreSQL), an
activity's page, and nothing unpublished or hidden shown."""

from __future__ import annotations

from django.test import Client

from tests.actors_world import add_activity, build_register, kemi_area
from tests.conftest import SYSTEM

EN = "/public/en/activities/"


def _titles(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_finder_lists_only_what_is_published_and_not_hidden(world):
    register = build_register(world)
    page = _titles(EN)
    for key in ("walking", "reading", "football"):
        assert register[key].title in page
    assert register["draft"].title not in page
    assert register["hidden"].title not in page
    assert "3 activities found." in page


def test_the_finder_searches_text_and_filters(world):
    build_register(world)
    page = _titles(EN + "?q=yksinäisyyteen")
    assert "Senioreiden kävelyryhmä" in page
    assert "Satutunti" not in page
    page = _titles(EN + "?age=children")
    assert "Satutunti lapsille" in page
    assert "Senioreiden" not in page
    page = _titles(EN + "?municipality=851")
    assert "Jalkapallo nuorille" in page
    assert "Satutunti" not in page
    page = _titles(EN + "?free=1")
    assert "Satutunti" not in page, "it has a fee"
    assert "Senioreiden kävelyryhmä" in page
    page = _titles(EN + "?language=sv")
    assert "Senioreiden kävelyryhmä" in page
    assert "Jalkapallo" not in page
    page = _titles(EN + "?place=karihaara")
    assert "Senioreiden kävelyryhmä" in page
    assert "Satutunti" not in page
    page = _titles(EN + "?q=liikunta&age=young")
    assert "Jalkapallo nuorille" in page
    assert "Senioreiden" not in page
    assert "1 activity found." in page
    assert "Nothing matches" in _titles(EN + "?q=sukellus")


def test_an_activity_page_has_what_is_needed_to_join(world):
    register = build_register(world)
    page = _titles(f"/public/en/activities/{register['walking'].pk}/")
    assert "tel:0401234567" in page
    assert "Tiistaisin 10–11" in page
    assert "Karihaara" in page
    assert "free of charge" in page
    assert "Finnish, Swedish" in page
    page = _titles(f"/public/sv/activities/{register['walking'].pk}/")
    assert "Promenadgrupp för seniorer" in page
    page = _titles(f"/public/fi/activities/{register['reading'].pk}/")
    assert "2 € / kerta" in page
    assert "1.9.2026–15.12.2026" in page
    for key in ("draft", "hidden"):
        assert Client().get(f"/public/fi/activities/{register[key].pk}/").status_code == 404


def test_the_results_are_paged_with_their_count_read_with_the_page(world):
    """The page's activities and the count of all matches come from one query (a window count); the pages and
    their links behave as Django's paginator's would, a page beyond the last showing the last."""
    register = build_register(world)
    for number in range(27):
        add_activity(
            SYSTEM, title=f"Lukupiiri {number:02}", area=kemi_area(), providers=[register["library"]], is_published=True
        )
    first = _titles(EN + "?q=lukupiiri")
    assert "27 activities found." in first
    assert first.count("Lukupiiri ") == 25
    assert "Page 1 of 2" in first
    assert 'rel="next"' in first
    second = _titles(EN + "?q=lukupiiri&page=2")
    assert [f"Lukupiiri {n}" in second for n in ("25", "26")] == [True, True]
    assert "Lukupiiri 24" not in second
    assert "Page 2 of 2" in second
    assert "Page 2 of 2" in _titles(EN + "?q=lukupiiri&page=99")
    assert "Page 1 of 2" in _titles(EN + "?q=lukupiiri&page=x")
    assert "0 activities found." in _titles(EN + "?q=sukellus&page=3")
