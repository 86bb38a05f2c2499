from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("CSV or XLSX, at most 5 MB."))

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        data: bytes = upload.read()
        return data


class ModelUploadForm(UploadForm):
    file = forms.FileField(label=_("Model file (JSON)"), help_text=_("The exchange format of docs/funding.md."))


class ScenarioForm(forms.Form):
    title = forms.CharField(label=_("Title of the scenario"), max_length=300)
    shared = forms.BooleanField(label=_("Share with everyone signed in"), required=False)
