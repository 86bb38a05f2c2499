"""The county's regional report drawing on its municipalities' reports."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core.actors import Actor
from hyte.reports.models import Block, BlockKind, Goal, OutlineKey, Report, ReportKind
from hyte.reports.services._common import editable
from hyte.reports.services.writing import add_block


def _usable_municipal_report(actor: Actor, county: Organisation, report: Report) -> bool:
    """A report of one of the county's own municipalities that the actor may read (shared drafts or published)."""
    municipality = report.organisation
    if municipality.kind != OrganisationKind.MUNICIPALITY or municipality.area is None:
        return False
    if county.area_id is None or municipality.area.county_id != county.area_id:
        return False
    return permissions_for(actor).can(Action.VIEW, report)


def _regional(actor: Actor, regional: Report) -> None:
    require(actor, Action.EDIT, regional)
    editable(regional)
    if regional.kind != ReportKind.REGIONAL:
        raise ValidationError(_("Only a regional report draws on municipal reports."))


@audit.service(AuditAction.GOAL_LINK)
def link_supporting_goal(*, actor: Actor, regional_goal: Goal, municipal_goal: Goal) -> None:
    """Record that a municipality's goal supports a goal of the county's regional report."""
    regional = regional_goal.report
    _regional(actor, regional)
    if not _usable_municipal_report(actor, regional.organisation, municipal_goal.report):
        raise ValidationError(_("The goal is not of a municipality of the county that shares its report."))
    regional_goal.supported_by.add(municipal_goal)
    audit.record(
        regional_goal,
        changes={"supported_by": [None, f"{municipal_goal.report.organisation}: {municipal_goal.text[:100]}"]},
    )


@audit.service(AuditAction.BLOCK_ADD)
def pull_into_regional(*, actor: Actor, regional: Report, municipal: Report) -> Block:
    """Copy a municipality's strengths and areas to develop into the regional report, marked with its name."""
    _regional(actor, regional)
    if not _usable_municipal_report(actor, regional.organisation, municipal):
        raise ValidationError(_("The report is not of a municipality of the county that shares its report."))
    texts = [
        b.text
        for b in Block.objects.filter(section__report=municipal, section__key=OutlineKey.STRENGTHS)
        if b.text.strip()
    ]
    target = regional.sections.filter(key=OutlineKey.STRENGTHS).first() or regional.sections.first()
    if target is None:
        raise ValidationError(_("The regional report has no section to pull into."))
    text = f"**{municipal.organisation.name}**\n\n" + "\n\n".join(texts)
    return add_block(actor=actor, section=target, kind=BlockKind.TEXT, text=text)
