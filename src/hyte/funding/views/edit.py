"""A national administrator changes a model version not yet used: its parts' weights, the rule for missing data,
the euros and each indicator's weight, target, direction and provisional mark. The whole changed model is checked
(weights that add up …) before anything is saved; a used (frozen) version is refused with the way on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from hyte.accounts.permissions import Action, permissions_for
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.funding import services
from hyte.funding.edit_forms import ModelEditForm
from hyte.funding.views.results import model_of


@require_GET_or_POST
@login_required
def model_edit(request: AuthenticatedRequest, model_id: int) -> HttpResponse:
    model = model_of(model_id)
    if not permissions_for(request.user).can(Action.EDIT, model):
        raise Http404
    form = ModelEditForm(request.POST or None, model=model)
    if request.method == "POST" and not model.frozen and form.is_valid():
        changed = call_service(
            request, services.update_model, model=model, values=form.values(), indicators=form.indicators()
        )
        if changed is not None:
            return redirect("funding-results", model_id=model.pk)
    return render(request, "funding/edit.html", {"model": model, "form": form})
