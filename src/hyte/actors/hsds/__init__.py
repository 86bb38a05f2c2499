"""The register as Open Referral's Human Services Data Specification (HSDS) 3.0: an activity is a `service`, an
actor an `organization`, and the welfare concept's themes, the age groups and the target groups are `taxonomy`
terms linked to services by `attribute`s.

- `documents.py`: the HSDS objects Hyte writes, typed;
- `build.py`: an area's public activities turned into them;
- `schema/`: the HSDS JSON Schemas, vendored unchanged (their source and licence in schema/README.md), against
  which the tests validate every document.

Every id is a UUID derived from Hyte's own (`uid`): version 5 under the namespace `NAMESPACE`, from a name such
as `activity:42`, `actor:7` or `theme:loneliness` (terms by their code, so a term's id is the same in every
installation). Ids are stable as long as the row is; the same activity gets the same id in every export.
"""

from __future__ import annotations

from uuid import UUID, uuid5

HSDS_VERSION = "3.0"
NAMESPACE = UUID("6d80a01b-d5be-4564-af92-0143136942d3")  # Hyte's HSDS ids: never change it


def uid(*parts: object) -> UUID:
    """The HSDS id of a Hyte object: `uid("activity", 42)` is uuid5(NAMESPACE, "activity:42")."""
    return uuid5(NAMESPACE, ":".join(str(part) for part in parts))
