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


@task()
def warm_pdfs(version_id: int) -> int:
    """Render a newly published version's PDFs (each public language) into the page cache, and those of the plan it
    follows up (an annual report changes the plan's PDF), so that no reader waits for a large report's PDF."""
    from hyte.public.views import languages_for, pdf_bytes
    from hyte.reports.models import ReportStatus, ReportVersion

    published = ReportVersion.objects.filter(status=ReportStatus.PUBLISHED).select_related(
        "report__organisation__area", "report__plan_report"
    )
    version = published.filter(pk=version_id).first()
    if version is None:
        return 0
    versions = [version]
    plan = version.report.plan_report
    if plan is not None:
        newest_plan = published.filter(report=plan).order_by("-number").first()
        versions += [newest_plan] if newest_plan is not None else []
    rendered = 0
    for each in versions:
        for lang in languages_for(each.report.organisation, each):
            pdf_bytes(each, lang)
            rendered += 1
    return rendered
