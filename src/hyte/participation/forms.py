"""Forms of participation: the resident's comment (with its honeypot), the coordinator's round, moderation,
answers, offline comments and statements."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import Organisation
from hyte.core.widgets import DateInput
from hyte.participation.models import Change, HideReason, Source
from hyte.participation.services._common import MAX_COMMENT, MAX_NICKNAME
from hyte.reports.models import Report, ReportStatus, Section

HONEYPOT = "website"  # a field people never see or fill; robots do


class CommentForm(forms.Form):
    nickname = forms.CharField(label=_("Nickname"), max_length=MAX_NICKNAME, required=False)
    quote = forms.CharField(
        label=_("Quoted passage (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Copy a passage of the section your comment is about."),
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_COMMENT}),
        help_text=_("At most %(max)s characters. Do not write anyone's personal data.") % {"max": MAX_COMMENT},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should it be removed?"),
        choices=[(value, label) for value, label in HideReason.choices if value != HideReason.AUTHOR_REQUEST],
    )


class RoundForm(forms.Form):
    report = forms.ModelChoiceField(label=_("Draft"), queryset=Report.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300, required=False)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    introduction_sv = forms.CharField(
        label=_("Introduction in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    opens_on = forms.DateField(label=_("Open from"), widget=DateInput())
    closes_on = forms.DateField(label=_("Open until"), widget=DateInput())
    anonymous_allowed = forms.BooleanField(label=_("Anonymous comments allowed (with a nickname)"), required=False)
    premoderated = forms.BooleanField(label=_("Pre-moderated: comments shown once published"), required=False)
    sections = forms.ModelMultipleChoiceField(
        label=_("Sections open for comments"), queryset=Section.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drafts = Report.objects.filter(
            organisation=organisation, status__in=[ReportStatus.DRAFT, ReportStatus.IN_REVIEW]
        )
        self.fields["report"].queryset = drafts  # type: ignore[attr-defined]
        self.fields["sections"].queryset = Section.objects.filter(report__in=drafts).select_related("report")  # type: ignore[attr-defined]
        self.fields["sections"].label_from_instance = lambda s: f"{s.report.title}: {s.title}"  # type: ignore[attr-defined]


class AssessmentRoundForm(forms.Form):
    """Opening an impact assessment under preparation for comments: the round's rules and the parts chosen."""

    title = forms.CharField(label=_("Title"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300, required=False)
    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    introduction_sv = forms.CharField(
        label=_("Introduction in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    opens_on = forms.DateField(label=_("Open from"), widget=DateInput())
    closes_on = forms.DateField(label=_("Open until"), widget=DateInput())
    anonymous_allowed = forms.BooleanField(label=_("Anonymous comments allowed (with a nickname)"), required=False)
    premoderated = forms.BooleanField(label=_("Pre-moderated: comments shown once published"), required=False)
    parts = forms.MultipleChoiceField(label=_("Parts open for comments"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, parts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = [(part.key, part.title) for part in parts]  # type: ignore[attr-defined]


class ModerateForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", _("Publish")), ("hide", _("Remove"))])
    reason = forms.ChoiceField(label=_("Reason shown"), choices=[("", "—"), *HideReason.choices], required=False)


class RedactForm(forms.Form):
    passage = forms.CharField(
        label=_("Passage with personal data"),
        required=False,
        help_text=_("Leave empty to remove the whole text."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Official answer"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    answer_sv = forms.CharField(
        label=_("Official answer in Swedish"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    change = forms.ModelChoiceField(label=_("Change it caused"), queryset=Change.objects.none(), required=False)

    def __init__(self, *args: Any, round_: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["change"].queryset = Change.objects.filter(round=round_)  # type: ignore[attr-defined]


class ChangeForm(forms.Form):
    section = forms.IntegerField(widget=forms.HiddenInput)
    description = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 2}))
    description_sv = forms.CharField(
        label=_("What changed, in Swedish"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class OfflineForm(forms.Form):
    section = forms.IntegerField(label=_("Section"))
    source = forms.ChoiceField(label=_("Given"), choices=[c for c in Source.choices if c[0] != Source.WEB])
    nickname = forms.CharField(label=_("Name or nickname (optional)"), max_length=MAX_NICKNAME, required=False)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))


class SummaryForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 10}))
    summary_sv = forms.CharField(
        label=_("Summary in Swedish"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )


class _Organisation(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class StatementRequestForm(forms.Form):
    organisation = _Organisation(
        label=_("An organisation in Hyte"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=_("Its coordinators are told, and give the statement in Hyte."),
    )
    author_name = forms.CharField(
        label=_("Council or organisation"),
        max_length=300,
        required=False,
        help_text=_("E.g. the youth council; the organisation's name when left empty."),
    )
    author_name_sv = forms.CharField(label=_("In Swedish"), max_length=300, required=False)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())


class StatementForm(forms.Form):
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    text_sv = forms.CharField(label=_("Statement in Swedish"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    file = forms.FileField(label=_("Signed statement (file)"), required=False)
