from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hyte.accounts.roles import Role


class InviteMemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, help_text=_("For example the script that uses it."))
    valid_for = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("a year")), (0, _("until revoked"))],
    )
    read_only = forms.BooleanField(
        label=_("Read only"), required=False, help_text=_("The token may read but not change anything.")
    )
