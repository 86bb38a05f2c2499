"""Headers a municipality's IT checks for (issue 14): a Content-Security-Policy without inline script on every
page (the cached public pages included), a Permissions-Policy, private caching of everything shown to a
signed-in person, and cached public pages only for allowed hosts."""

from __future__ import annotations

from django.test import Client


def _policy(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_signed_in_pages_and_exports_are_private_and_have_the_policies(world):
    client = world.client_for("coordinator")
    for path in ("/o/kemi/situation/", "/o/kemi/situation/export.csv", "/accounts/tokens/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"], path
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in policy["style-src"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert "camera=()" in response["Permissions-Policy"], path


def test_public_pages_have_the_policies_also_from_the_cache(world, published):
    plan, _annual = published
    path = f"/public/fi/kemi/{plan.pk}/"
    first = Client().get(path)
    cached = Client().get(path)
    for response in (first, cached):
        assert response.status_code == 200
        assert _policy(response)["script-src"] == ["'self'"]
        assert "geolocation=()" in response["Permissions-Policy"]
        assert "public" in response["Cache-Control"]


def test_a_cached_public_page_is_not_served_for_a_host_that_is_not_allowed(world, published):
    plan, _annual = published
    path = f"/public/fi/kemi/{plan.pk}/"
    assert Client().get(path).status_code == 200  # now cached
    assert Client().get(path, HTTP_HOST="evil.example").status_code == 400


def test_the_api_documentation_page_works_under_its_policy(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]  # Swagger UI's own files only
    assert "<script>" not in response.content.decode().replace('<script type="application/json"', "")
