"""Importing a survey's respondent-level results: upload → choose the columns → preview → confirm (or discard).
Confirming replaces the survey's answers with the file's good rows (a re-import never duplicates a respondent),
then recomputes and republishes the survey's indicators. The file is dropped once the import is done."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.parsing.values import FileRefused
from hyte.surveys import files
from hyte.surveys.models import ImportStatus, Response, Survey, SurveyImport, SurveyTool
from hyte.surveys.preview import checked, labels_of
from hyte.surveys.services._common import compute, line

MAX_UPLOAD = 50 * 1024 * 1024


@audit.service(AuditAction.SURVEY_IMPORT_START)
def start_import(*, actor: Actor, survey: Survey, data: bytes, filename: str) -> SurveyImport:
    """Keep an upload and guess its columns. A file that cannot be read whole is refused with its reason."""
    require(actor, Action.EDIT, survey)
    if survey.responses_deleted_at is not None:
        raise ValidationError(_("The answers of this survey have been deleted after their retention period."))
    if len(data) > MAX_UPLOAD:
        raise ValidationError(_("The file is larger than 50 MB."))
    limesurvey = survey.tool == SurveyTool.LIMESURVEY
    if limesurvey and not survey.questions:
        raise ValidationError(_("Read the survey's structure file (.lss or .txt) from LimeSurvey first."))
    try:
        sheet = files.read_file(data)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    header = files.header_of(sheet)
    mapping = files.guess_mapping(header, survey.questions, limesurvey=limesurvey)
    if limesurvey and not mapping["columns"]:
        raise ValidationError(
            _(
                "No column of the file is a question of the survey's structure: export the responses with "
                "question codes as headings."
            )
        )
    if limesurvey:
        try:
            files.check(sheet, mapping, labels_of(survey))  # a garbled line refuses the upload now
        except FileRefused as exc:
            raise ValidationError(str(exc)) from exc
    user = actor if getattr(actor, "is_authenticated", False) and getattr(actor, "pk", None) else None
    return audit.create(
        SurveyImport,
        audit_fields=["filename", "status"],
        survey=survey,
        filename=line(filename, 300),
        upload=data,
        mapping=mapping,
        status=ImportStatus.PREVIEW if limesurvey else ImportStatus.MAPPING,
        created_by=user,
        created_at=clock.now(),
    )


def _open(run: SurveyImport) -> None:
    if not run.is_open:
        raise ValidationError(_("This import is already finished."))


@audit.service(AuditAction.SURVEY_IMPORT_MAP)
def choose_columns(
    *, actor: Actor, run: SurveyImport, id_column: int | None, columns: dict[int, dict[str, Any]]
) -> SurveyImport:
    """Set which column holds the respondent id and which columns are questions (code, text, scale)."""
    require(actor, Action.EDIT, run)
    _open(run)
    if run.survey.tool == SurveyTool.LIMESURVEY:
        raise ValidationError(_("A LimeSurvey export's columns come from its structure."))
    codes: dict[str, int] = {}
    mapping: dict[str, Any] = {"id": id_column, "columns": {}}
    for index, spec in sorted(columns.items()):
        code = line(str(spec.get("code", "")), 40)
        if not code:
            continue
        if index == id_column:
            raise ValidationError(_("The respondent id's column cannot also be a question."))
        if code in codes:
            raise ValidationError(_("Two columns have the question code %(code)s.") % {"code": code})
        codes[code] = index
        scale = [line(str(value), 200) for value in spec.get("scale") or [] if line(str(value), 200)]
        mapping["columns"][str(index)] = {"code": code, "text": line(str(spec.get("text", "")), 300), "scale": scale}
    if not mapping["columns"]:
        raise ValidationError(_("Choose at least one column as a question."))
    if run.upload is not None:
        try:
            files.check(files.read_file(bytes(run.upload)), mapping)
        except FileRefused as exc:
            raise ValidationError(str(exc)) from exc
    audit.update(run, mapping=mapping, status=ImportStatus.PREVIEW)
    return run


@audit.service(AuditAction.SURVEY_IMPORT_DONE, AuditAction.SURVEY_COMPUTE)
def confirm_import(*, actor: Actor, run: SurveyImport) -> SurveyImport:
    """Replace the survey's answers with the file's good rows and recompute its indicators."""
    require(actor, Action.EDIT, run)
    if run.status != ImportStatus.PREVIEW:
        raise ValidationError(_("Choose the columns before importing."))
    survey = run.survey
    try:
        result = checked(run)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    if not result.respondents:
        raise ValidationError(_("No row of the file can be imported: see the reasons of the rejected rows."))
    Response.objects.filter(survey=survey).delete()
    Response.objects.bulk_create(
        [Response(survey=survey, respondent=respondent, answers=answers) for respondent, answers in result.respondents],
        batch_size=2000,
    )
    if survey.tool == SurveyTool.TABLE:
        known = {str(q["code"]): q for q in survey.questions}
        for spec in run.mapping["columns"].values():
            known[spec["code"]] = {
                "code": spec["code"],
                "text": spec.get("text", ""),
                "answers": [{"code": value, "label": value} for value in spec.get("scale") or []],
            }
        survey.questions = list(known.values())
    audit.update(survey, questions=survey.questions, respondents=len(result.respondents), updated_at=clock.now())
    audit.update(
        run,
        status=ImportStatus.DONE,
        rows_read=result.rows_read,
        rows_kept=len(result.respondents),
        finished_at=clock.now(),
        also_changed={"rejected": len(result.rejected)},
    )
    run.upload, run.rejected = None, result.rejected[:1000]
    SurveyImport.objects.filter(pk=run.pk).update(upload=None, rejected=run.rejected)  # with the entry above
    cells, _touched = compute(survey)
    audit.record(survey, action=AuditAction.SURVEY_COMPUTE, changes={"cells": len(cells)})
    return run


@audit.service(AuditAction.SURVEY_IMPORT_DISCARD)
def discard_import(*, actor: Actor, run: SurveyImport) -> SurveyImport:
    require(actor, Action.EDIT, run)
    _open(run)
    audit.update(run, status=ImportStatus.DISCARDED, finished_at=clock.now())
    run.upload = None
    SurveyImport.objects.filter(pk=run.pk).update(upload=None)  # the file goes with the entry above
    return run
