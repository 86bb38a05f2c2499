"""What the assessment services share: text limits, the row lock, and the rule that a ready assessment stays
as it is until reopened."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.assessments.models import Assessment
from hyte.core import clock

MAX_TEXT = 20_000
MAX_QUESTIONS = 30


def text(value: str, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(_("The text is longer than %(max)s characters.") % {"max": limit})
    return value


def lock(assessment: Assessment) -> None:
    """Hold the assessment's row until the transaction ends and read its status afresh: two writes of the same
    assessment (an impact saved while someone marks it ready) take turns instead of racing."""
    assessment.status = Assessment.objects.select_for_update().values_list("status", flat=True).get(pk=assessment.pk)


def editable(assessment: Assessment) -> None:
    lock(assessment)
    if not assessment.is_editable:
        raise ValidationError(
            _("The assessment is %(status)s and cannot be changed; reopen it first.")
            % {"status": assessment.get_status_display()}
        )


def touch(assessment: Assessment) -> None:
    assessment.updated_at = clock.now()
    assessment.save(update_fields=["updated_at"])


def choice(choices: Any, value: str) -> Any:
    try:
        return choices(value)
    except ValueError as exc:
        raise ValidationError(_("Unknown value %(value)s.") % {"value": value}) from exc


def members(organisation: Organisation) -> set[int]:
    return set(organisation.memberships.values_list("user_id", flat=True))
