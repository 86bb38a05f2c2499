"""Writes about indicators: the catalogue, sets and imports. Keyword-only, atomic, audited, checked.
Reads are in `hyte.indicators.queries`."""

from hyte.indicators.services.catalogue import create_own_indicator, load_catalogue, set_polarity
from hyte.indicators.services.importing import (
    confirm_mapping,
    create_batch,
    expire_imports,
    fail_import,
    import_bytes,
    import_rows,
    upload_import,
)
from hyte.indicators.services.sets import add_to_set, create_indicator_set, move_in_set, remove_from_set

__all__ = [
    "add_to_set",
    "confirm_mapping",
    "create_batch",
    "create_indicator_set",
    "create_own_indicator",
    "expire_imports",
    "fail_import",
    "import_bytes",
    "import_rows",
    "load_catalogue",
    "move_in_set",
    "remove_from_set",
    "set_polarity",
    "upload_import",
]
