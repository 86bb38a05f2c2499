"""The organisation's assessment methods (screening, EVA/IVA, LAVA): defaults until a coordinator adapts one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.assessments.models import AssessmentTemplate
from hyte.assessments.queries import method_of
from hyte.assessments.services._common import MAX_QUESTIONS, MAX_TEXT, text
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor


@audit.service(AuditAction.TEMPLATE_UPDATE, AuditAction.TEMPLATE_CREATE)
def update_template(
    *, actor: Actor, organisation: Organisation, kind: str, name: str, guidance: str, questions: Sequence[str]
) -> AssessmentTemplate:
    """Coordinators adapt a method to their organisation; assessments already started keep their questions.
    The first change stores the organisation's own copy of the default."""
    template = method_of(organisation, kind)
    require(actor, Action.EDIT, template)
    cleaned = [text(q, limit=1000) for q in questions if q.strip()]
    if not name.strip():
        raise ValidationError(_("Give the template a name."))
    if not cleaned:
        raise ValidationError(_("A template needs at least one question."))
    if len(cleaned) > MAX_QUESTIONS:
        raise ValidationError(_("A template can have at most %(max)s questions.") % {"max": MAX_QUESTIONS})
    values: dict[str, Any] = {
        "name": text(name, limit=200),
        "guidance": text(guidance, limit=MAX_TEXT),
        "questions": cleaned,
        "updated_at": clock.now(),
    }
    if template.pk is None:
        return audit.create(
            AssessmentTemplate,
            action=AuditAction.TEMPLATE_CREATE,
            audit_fields=["kind", "name", "guidance", "questions"],
            organisation=organisation,
            kind=template.kind,
            **values,
        )
    audit.update(template, **values)
    return template
