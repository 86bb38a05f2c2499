"""Keeping respondents' answers only as long as the coordinator set: after the survey's date they are deleted;
the computed cells and the published indicators stay."""

from __future__ import annotations

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.surveys.models import ImportStatus, Response, Survey, SurveyImport


@audit.service(AuditAction.SURVEY_PURGE)
def purge_responses(*, actor: Actor) -> int:
    """Delete the answers (and any kept upload) of every survey whose retention day has passed. Returns how many
    surveys' answers were deleted."""
    today = clock.today()
    due = list(
        Survey.objects.select_related("organisation").filter(
            keep_responses_until__lt=today, responses_deleted_at__isnull=True
        )
    )
    for survey in due:
        require(actor, Action.EDIT, survey)
        deleted, _by_model = Response.objects.filter(survey=survey).delete()
        SurveyImport.objects.filter(survey=survey).exclude(upload=None).update(
            upload=None, status=ImportStatus.DISCARDED
        )
        audit.update(survey, responses_deleted_at=clock.now(), also_changed={"answers deleted": deleted})
    return len(due)
