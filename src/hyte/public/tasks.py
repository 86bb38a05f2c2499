"""Keeping the static export current: publishing a version writes the site to HYTE_PUBLISH_DIR."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django_tasks import task

from hyte.public.export import export_site


@task()
def publish_site() -> int:
    result = export_site(Path(settings.HYTE_PUBLISH_DIR), base_url=settings.PUBLIC_BASE_URL or "http://localhost")
    return len(result.written)
