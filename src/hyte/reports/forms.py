from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.core.widgets import DateInput
from hyte.indicators.models import AgeGroup
from hyte.reports.models import BudgetPart, Direction, MeasureStatus, Report, ReportKind


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=300, required=False)
    term_start = forms.IntegerField(
        label=_("Council term from"),
        help_text=_("An annual report takes the term of the plan it follows up."),
        min_value=2000,
        max_value=2100,
        initial=2025,
    )
    term_end = forms.IntegerField(label=_("Council term until"), min_value=2000, max_value=2100, initial=2029)
    year = forms.IntegerField(label=_("Year reported (annual report)"), min_value=2000, max_value=2100, required=False)
    start_from = forms.ModelChoiceField(
        label=_("Start from"), queryset=Report.objects.none(), required=False, empty_label=_("THL's outline")
    )
    plan_report = forms.ModelChoiceField(
        label=_("Plan followed up (annual report)"), queryset=Report.objects.none(), required=False
    )

    def __init__(self, *args: Any, reports: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["start_from"]).queryset = reports
        cast(forms.ModelChoiceField, self.fields["plan_report"]).queryset = reports.exclude(kind=ReportKind.ANNUAL)


class BlockForm(forms.Form):
    text = forms.CharField(
        label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 12}), required=False, max_length=100_000
    )
    text_sv = forms.CharField(
        label=_("Text in Swedish (Markdown)"),
        help_text=_("For the Swedish public pages of a bilingual organisation; leave empty to show the Finnish text."),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=100_000,
    )
    items = forms.CharField(
        label=_("Items, one per line"), widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20_000
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, swedish: bool = False, listed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not swedish:
            del self.fields["text_sv"]
        if not listed:
            del self.fields["items"]


class ImageBlockForm(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, at most 8 MB. Leave empty to keep the current image."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("Text alternative"),
        help_text=_("What the image shows, for those who do not see it (read aloud by screen readers)."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    alt_text_sv = forms.CharField(
        label=_("Text alternative in Swedish"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, swedish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not swedish:
            del self.fields["alt_text_sv"]


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=300)
    title_sv = forms.CharField(label=_("Section title in Swedish"), max_length=300, required=False)

    def __init__(self, *args: Any, swedish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not swedish:
            del self.fields["title_sv"]


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    text_sv = forms.CharField(
        label=_("Goal in Swedish"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    theme = forms.CharField(label=_("Theme"), max_length=200, required=False)
    age_group = forms.ChoiceField(label=_("Age group"), choices=AgeGroup.choices)


class GoalIndicatorForm(forms.Form):
    """The indicator is chosen from the indicator picker's matches (`picks`), each shown with its latest value."""

    indicator = forms.IntegerField(label=_("Indicator"), widget=forms.Select)
    baseline_year = forms.IntegerField(label=_("Baseline year"), min_value=1990, max_value=2100)
    baseline_value = forms.FloatField(label=_("Baseline value (empty: from the data)"), required=False)
    target_year = forms.IntegerField(label=_("Target year"), min_value=1990, max_value=2100)
    target_value = forms.FloatField(label=_("Target value"), required=False)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)

    def __init__(self, *args: Any, picks: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hyte.indicators.picker import choice_label

        widget = cast(forms.Select, self.fields["indicator"].widget)
        widget.choices = [(found.indicator.pk, choice_label(found)) for found in picks]
        self.fields["indicator"].help_text = _("Not in the list? Find it with the indicator search above.")


class MeasureForm(forms.Form):
    text = forms.CharField(label=_("Measure"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    responsible_parties = forms.CharField(
        label=_("Responsible parties, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    schedule = forms.CharField(label=_("Schedule"), max_length=200, required=False)
    budget_line = forms.CharField(label=_("Budget line"), max_length=200, required=False)
    budget_amount = forms.DecimalField(label=_("Budget (€)"), required=False, max_digits=12, decimal_places=2)


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    text = forms.CharField(
        label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


# What each next step is called on the button that takes it (the same for reports and amendments).
STEP_LABELS = {
    "in_review": _("Send to review"),
    "approved": _("Record the council's approval"),
    "draft": _("Return to draft"),
    "published": _("Publish on the public site"),
}


class StatusForm(forms.Form):
    """The next step of a report or an amendment: only the valid ones, forward first, none chosen in advance;
    the council's decision asked only where the step is approval."""

    status = forms.ChoiceField(label=_("Next step"), choices=[], widget=forms.RadioSelect)
    decision_body = forms.CharField(
        label=_("Decision-making body"),
        help_text=_("For example: Kemin kaupunginvaltuusto"),
        max_length=200,
        required=False,
    )
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())
    decision_reference = forms.CharField(
        label=_("Section of the minutes (§)"), help_text=_("For example: § 112"), max_length=200, required=False
    )

    def __init__(self, *args: Any, statuses: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(status), STEP_LABELS[str(status)]) for status in statuses]
        cast(forms.ChoiceField, self.fields["status"]).choices = choices
        self.needs_decision = "approved" in [str(status) for status in statuses]
        if not self.needs_decision:
            for name in ("decision_body", "decision_date", "decision_reference"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") != "approved":
            for name in ("decision_body", "decision_date", "decision_reference"):
                data.pop(name, None)
        return data


class BudgetLineForm(forms.Form):
    """A measure's budget line for one year; amounts as people type them ("12 000,50")."""

    measure = forms.TypedChoiceField(label=_("Measure"), coerce=int, choices=[])
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=[])
    branch = forms.CharField(
        label=_("Administrative branch"), max_length=200, help_text=_("For example: Sivistystoimi")
    )
    cost_centre = forms.CharField(label=_("Cost centre"), max_length=100, required=False)
    part = forms.ChoiceField(label=_("Part of the budget"), choices=BudgetPart.choices)
    amount = forms.CharField(label=_("Budgeted (€)"), max_length=30)
    used = forms.CharField(
        label=_("Used (€)"), max_length=30, required=False, help_text=_("After the year, for the financial statement.")
    )

    def __init__(self, *args: Any, measures: Sequence[Any], years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["measure"]).choices = [
            (m.pk, f"{m.goal.text[:60]} – {m.text[:80]}") for m in measures
        ]
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in years]


class PdfRequestForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the PDF"),
        choices=[("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))],
        help_text=_("The headings and labels of the PDF; the report's text is printed as written."),
    )
