from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.notifications.models import Kind, Language


class PreferenceForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of notifications and e-mails"), choices=Language.choices)
    email = forms.BooleanField(label=_("Also by e-mail"), required=False)
    daily_digest = forms.BooleanField(
        label=_("One e-mail a day"),
        required=False,
        help_text=_("A daily summary instead of a mail for each."),
        widget=forms.CheckboxInput(attrs={"aria-describedby": "id_daily_digest_helptext"}),
    )
    wanted = forms.MultipleChoiceField(
        label=_("Tell me of"), choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
