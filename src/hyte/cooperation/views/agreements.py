"""The strategic cooperation agreement: the organisation's agreements, a version with its parties and approvals,
the keeper's forms (draft, approve, new version), each party's decision, two versions compared, DOCX and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import agreement_docs as docs
from hyte.cooperation.agreement_forms import AgreementForm, DecisionForm, PartyForm, TextForm
from hyte.cooperation.agreement_models import Agreement
from hyte.cooperation.services import agreements as services
from hyte.cooperation.views._common import organisation_of
from hyte.core.http import AuthenticatedRequest, call_service, download, require_GET_or_POST


def _to(slug: str, agreement_id: int, number: int) -> HttpResponse:
    return redirect("cooperation-agreement", slug=slug, agreement_id=agreement_id, number=number)


@require_GET_or_POST
@login_required
def agreement_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    can_create = permissions_for(request.user).can(Action.EDIT, Agreement(keeper=organisation))
    form = AgreementForm(request.POST or None, keeper=organisation) if can_create else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            created = call_service(
                request,
                services.create_agreement,
                keeper=organisation,
                title=data["title"],
                parties=data["parties"],
                content=form.content(),
            )
            if created is not None:
                return _to(slug, created.pk, 1)
    context = {"organisation": organisation, "agreements": docs.agreements_of(request.user, organisation), "form": form}
    return render(request, "cooperation/agreements.html", context)


@require_GET_or_POST
@login_required
def agreement_page(request: AuthenticatedRequest, slug: str, agreement_id: int, number: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    agreement = docs.agreement_for(request.user, organisation, agreement_id)
    version = docs.version_of(agreement, number)
    perms = permissions_for(request.user)
    can_edit = perms.can(Action.EDIT, agreement) and agreement.keeper_id == organisation.pk
    form = TextForm(request.POST or None, initial=TextForm.initial_of(version)) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid() and call_service(request, services.edit_version, version=version, content=form.content()):
            return _to(slug, agreement.pk, number)
    parties = list(version.parties.all())
    decision_forms = []
    if not version.is_frozen:
        for party in parties:
            party.version = version
            if perms.can(Action.EDIT, party):
                initial = {
                    "body": party.decision_body,
                    "date": party.decision_date,
                    "reference": party.decision_reference,
                    "business_id": party.business_id,
                }
                decision_forms.append((party, DecisionForm(initial=initial, prefix=f"p{party.pk}")))
    sections = [(label, getattr(version, name)) for name, label in docs.SECTIONS]
    context = {
        "organisation": organisation,
        "agreement": agreement,
        "version": version,
        "parties": parties,
        "sections": sections,
        "form": form,
        "can_edit": can_edit,
        "decision_forms": decision_forms,
        "party_form": PartyForm(version=version) if can_edit and not version.is_frozen else None,
        "latest_number": max(each.number for each in agreement.versions.all()),
    }
    return render(request, "cooperation/agreement.html", context)


@require_POST
@login_required
def party_decision(
    request: AuthenticatedRequest, slug: str, agreement_id: int, number: int, party_id: int
) -> HttpResponse:
    agreement = docs.agreement_for(request.user, organisation_of(request, slug), agreement_id)
    version = docs.version_of(agreement, number)
    party = next((each for each in version.parties.all() if each.pk == party_id), None)
    if party is None:
        raise Http404
    party.version = version
    form = DecisionForm(request.POST, prefix=f"p{party.pk}")
    if not form.is_valid():
        if not permissions_for(request.user).can(Action.EDIT, party):
            raise Http404
        messages.error(request, form.errors.as_text())
        return _to(slug, agreement.pk, number)
    data = form.cleaned_data
    call_service(
        request,
        services.record_decision,
        party=party,
        body=data["body"],
        date=data["date"],
        reference=data["reference"],
        business_id=data["business_id"],
    )
    return _to(slug, agreement.pk, number)


@require_POST
@login_required
def party_add(request: AuthenticatedRequest, slug: str, agreement_id: int, number: int) -> HttpResponse:
    """A new party to the version in preparation (the keeper's coordinators)."""
    agreement = docs.agreement_for(request.user, organisation_of(request, slug), agreement_id, Action.EDIT)
    version = docs.version_of(agreement, number)
    form = PartyForm(request.POST, version=version)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        call_service(request, services.add_agreement_party, version=version, organisation=organisation)
    else:
        messages.error(request, form.errors.as_text())
    return _to(slug, agreement.pk, number)


@require_POST
@login_required
def party_remove(
    request: AuthenticatedRequest, slug: str, agreement_id: int, number: int, party_id: int
) -> HttpResponse:
    """A party leaves the version in preparation (the keeper's coordinators)."""
    agreement = docs.agreement_for(request.user, organisation_of(request, slug), agreement_id, Action.EDIT)
    version = docs.version_of(agreement, number)
    party = next((each for each in version.parties.all() if each.pk == party_id), None)
    if party is None:
        raise Http404
    party.version = version
    call_service(request, services.remove_agreement_party, party=party)
    return _to(slug, agreement.pk, number)


@require_POST
@login_required
def agreement_approve(request: AuthenticatedRequest, slug: str, agreement_id: int, number: int) -> HttpResponse:
    agreement = docs.agreement_for(request.user, organisation_of(request, slug), agreement_id, Action.EDIT)
    call_service(request, services.approve_version, version=docs.version_of(agreement, number))
    return _to(slug, agreement.pk, number)


@require_POST
@login_required
def agreement_new_version(request: AuthenticatedRequest, slug: str, agreement_id: int) -> HttpResponse:
    agreement = docs.agreement_for(request.user, organisation_of(request, slug), agreement_id, Action.EDIT)
    version = call_service(request, services.new_version, agreement=agreement)
    return _to(slug, agreement.pk, version.number if version else max(v.number for v in agreement.versions.all()))


@require_GET
@login_required
def agreement_compare(request: AuthenticatedRequest, slug: str, agreement_id: int) -> HttpResponse:
    """Two versions (`?a=1&b=2`; by default the newest and the one before), a readable diff per section."""
    organisation = organisation_of(request, slug)
    agreement = docs.agreement_for(request.user, organisation, agreement_id)
    numbers = [each.number for each in agreement.versions.all()]
    try:
        b = int(request.GET.get("b", numbers[-1]))
        a = int(request.GET.get("a", b - 1))
    except ValueError as exc:
        raise Http404 from exc
    old, new = docs.version_of(agreement, a), docs.version_of(agreement, b)
    context = {"organisation": organisation, "agreement": agreement, "old": old, "new": new}
    return render(request, "cooperation/agreement_compare.html", {**context, "sections": docs.compare(old, new)})


@require_GET
@login_required
def agreement_export(
    request: AuthenticatedRequest, slug: str, agreement_id: int, number: int, file_format: str
) -> HttpResponse:
    agreement = docs.agreement_for(request.user, organisation_of(request, slug), agreement_id)
    version = docs.version_of(agreement, number)
    if file_format not in ("docx", "pdf"):
        raise Http404
    body = docs.agreement_docx(version) if file_format == "docx" else docs.agreement_pdf(version)
    return download(body, file_format=file_format, filename=f"agreement-{agreement.pk}-v{number}")
