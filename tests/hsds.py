"""HSDS documents checked against the vendored HSDS 3.0 JSON Schemas (src/hyte/actors/hsds/schema) with the
`jsonschema` library, strictly: formats checked (uuid, uri, date-time, email) and `additionalProperties: false`
added to every object, as the specification checks its own examples, so that a misspelt field fails too."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import hyte.actors.hsds

SCHEMAS = Path(hyte.actors.hsds.__file__).parent / "schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PAGE_FIELDS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def _strict(node: Any) -> Any:
    if isinstance(node, dict):
        node = {key: _strict(value) for key, value in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
    elif isinstance(node, list):
        node = [_strict(value) for value in node]
    return node


@cache
def _registry() -> Registry:
    resources = [
        (BASE + path.name, Resource.from_contents(_strict(schema(path.name)), default_specification=DRAFT202012))
        for path in SCHEMAS.glob("*.json")
        if path.name != "openapi.json"
    ]
    return Registry().with_resources(resources)


def _page_schema() -> dict[str, Any]:
    """HSDS's API page (openapi.json's `Page`) of fully nested services, with the organizations beside it."""
    page = copy.deepcopy(schema("openapi.json")["components"]["schemas"]["Page"])
    page["required"] = [*PAGE_FIELDS, "contents"]
    page["properties"]["contents"] = {"type": "array", "items": {"$ref": BASE + "service.json"}}
    page["properties"]["organizations"] = {"type": "array", "items": {"$ref": BASE + "organization.json"}}
    return page


def errors(document: Any, name: str = "page") -> list[str]:
    """Every way `document` breaks the HSDS schema `name` (e.g. "service.json"), or the page of services."""
    root = _page_schema() if name == "page" else {"$ref": BASE + name}
    validator = Draft202012Validator(root, registry=_registry(), format_checker=FormatChecker())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]
