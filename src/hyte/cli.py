"""The `hyte` console command: Django's management commands with the product's settings.

`hyte serve`, `hyte demo`, `hyte load_areas`, `hyte check --deploy`, `hyte migrate`, … all go through here.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hyte.settings")
    from hyte.catalogues import compile_catalogues

    compile_catalogues()
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Load the settings first: Django would swallow this error and fail later with an obscure one.
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"hyte: configuration error: {exc}\n")
        return 2

    args = sys.argv[1:] if argv is None else argv
    execute_from_command_line(["hyte", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
