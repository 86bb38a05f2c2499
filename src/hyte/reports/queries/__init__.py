"""Reads of reports and plans. Writes are in `hyte.reports.services`."""

from hyte.reports.queries.budget import budget_of, budget_years, euros_per_goal
from hyte.reports.queries.exports import ready_pdf_for, recent_pdfs
from hyte.reports.queries.pages import (
    current_plan,
    current_plan_goals,
    linkable_municipal_goals,
    municipal_reports_for_county,
    regional_reports,
    report_content,
    report_for,
    report_page,
    reports_of,
    section_for,
)
from hyte.reports.queries.plans import annual_report_in_preparation, readable_plans
from hyte.reports.queries.progress import indicator_change, indicator_changes
from hyte.reports.queries.snapshot import compare_versions, snapshot
from hyte.reports.queries.versions import latest_annual_version_id, latest_statuses, published_versions
from hyte.reports.workflow import empty_sections, next_statuses

__all__ = [
    "annual_report_in_preparation",
    "budget_of",
    "budget_years",
    "compare_versions",
    "current_plan",
    "current_plan_goals",
    "empty_sections",
    "euros_per_goal",
    "indicator_change",
    "indicator_changes",
    "latest_annual_version_id",
    "latest_statuses",
    "linkable_municipal_goals",
    "municipal_reports_for_county",
    "next_statuses",
    "published_versions",
    "readable_plans",
    "ready_pdf_for",
    "recent_pdfs",
    "regional_reports",
    "report_content",
    "report_for",
    "report_page",
    "reports_of",
    "section_for",
    "snapshot",
]
