"""What an import would do, read without writing: its file gone through with its mapping (for the preview page and
for the services that check and confirm it)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hyte.indicators.parsing.values import FileRefused
from hyte.surveys import files
from hyte.surveys.models import Survey, SurveyImport


def labels_of(survey: Survey) -> dict[str, dict[str, str]]:
    """Per question, its answers' texts → their codes (a LimeSurvey export with full answers)."""
    return {str(q["code"]): {str(a["label"]): str(a["code"]) for a in q.get("answers") or []} for q in survey.questions}


def checked(run: SurveyImport) -> files.Checked:
    """The import's file gone through with its mapping (FileRefused if it cannot be read whole)."""
    if run.upload is None:
        raise FileRefused(_("The file of this import is no longer kept."))
    return files.check(files.read_file(bytes(run.upload)), run.mapping, labels_of(run.survey))
