from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, download, require_GET_or_POST
from hyte.indicators.models import IndicatorSet
from hyte.indicators.picker import searched
from hyte.indicators.queries import sets_for, visible_indicators
from hyte.regions.models import Area
from hyte.situation import county, exports, picture, queries, services, table
from hyte.situation.forms import RuleForm
from hyte.situation.indicator_page import indicator_page
from hyte.situation.models import Alert, Rule
from hyte.situation.picture import SituationPicture


def _area_of(organisation: Organisation) -> Area:
    """The organisation's area; `get_organisation_for` has read it with its county, its region is read here (a
    query by primary key costs less to build than the area again with two joins)."""
    if organisation.area is None:
        raise Http404
    area = organisation.area
    if area.region_id is not None:
        area.region = Area.objects.get(pk=area.region_id)
    return area


def _picture(
    request: HttpRequest, organisation: Organisation, sets: list[IndicatorSet] | None = None
) -> tuple[IndicatorSet | None, SituationPicture]:
    indicator_set = queries.chosen_set(organisation, request.GET.get("set"), sets)
    built = picture.build(area=_area_of(organisation), indicators=queries.set_indicators(indicator_set))
    return indicator_set, built


@require_GET
@login_required
def situation(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    sets = list(sets_for(organisation))
    indicator_set, built = _picture(request, organisation, sets)
    peers = _("Other counties") if built.peers_are_counties else _("Similar municipalities")
    indicator_url = reverse("situation-indicator", args=[organisation.slug, 0]).removesuffix("0/")
    for group in built.groups:
        group.html = table.rows_html(group.rows, indicator_url=indicator_url, peers_label=peers)
    return render(
        request,
        "situation/picture.html",
        {
            "organisation": organisation,
            "picture": built,
            "peers_label": peers,
            "indicator_set": indicator_set,
            "sets": sets,
            "alerts": queries.open_alerts(organisation),
            "can_edit": permissions_for(request.user).can(Action.EDIT, organisation),
        },
    )


@require_GET
@login_required
def situation_export(request: AuthenticatedRequest, slug: str, file_format: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if file_format not in ("csv", "xlsx"):
        raise Http404
    _set, built = _picture(request, organisation)
    filename = f"tilannekuva-{organisation.slug}"
    if file_format == "csv":
        return download(exports.picture_csv(built), file_format="csv", filename=filename)
    return download(exports.picture_xlsx(built), file_format="xlsx", filename=filename)


@require_GET
@login_required
def situation_indicator(request: AuthenticatedRequest, slug: str, indicator_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    indicator = get_object_or_404(visible_indicators(request.user), pk=indicator_id)
    page = indicator_page(area=_area_of(organisation), indicator=indicator)
    return render(request, "situation/indicator.html", {"organisation": organisation, **page})


@require_GET_or_POST
@login_required
def rule_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    can_edit = permissions_for(request.user).can(Action.EDIT, organisation)
    picker, picks = searched(request.user, organisation, request.GET, wanted=can_edit)
    form = RuleForm(request.POST or None, picks=picks)
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            indicator = visible_indicators(request.user).filter(pk=data.pop("indicator")).first()
            try:
                if indicator is None:
                    raise ValidationError(_("Unknown indicator."))
                services.create_rule(actor=request.user, organisation=organisation, indicator=indicator, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Rule saved and evaluated."))
                return redirect("rule-list", slug=slug)
    return render(
        request,
        "situation/rules.html",
        {
            "organisation": organisation,
            "rules": queries.rules_of(organisation),
            "form": form,
            "picker": picker,
            "can_edit": can_edit,
            "alerts": queries.open_alerts(organisation),
        },
    )


@require_POST
@login_required
def rule_deactivate(request: AuthenticatedRequest, slug: str, rule_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    rule = get_for(request.user, Action.EDIT, Rule.objects.filter(organisation=organisation), pk=rule_id)
    services.deactivate_rule(actor=request.user, rule=rule)
    return redirect("rule-list", slug=slug)


@require_POST
@login_required
def alert_dismiss(request: AuthenticatedRequest, slug: str, alert_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    alerts = Alert.objects.select_related("rule__organisation").filter(rule__organisation=organisation)
    alert = get_for(request.user, Action.EDIT, alerts, pk=alert_id)
    services.dismiss_alert(actor=request.user, alert=alert)
    return redirect("situation", slug=slug)


def _county_table(request: HttpRequest, organisation: Organisation) -> tuple[IndicatorSet | None, county.CountyTable]:
    indicator_set = queries.chosen_set(organisation, request.GET.get("set"))
    sort = request.GET.get("sort", "")
    table = county.county_table(
        _area_of(organisation),
        queries.set_indicators(indicator_set),
        sort=int(sort) if sort.isdigit() else None,
        descending=request.GET.get("order") != "asc",
    )
    return indicator_set, table


@require_GET
@login_required
def county_municipalities(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The county's municipalities side by side (all of them, from the public data), judged against the county."""
    organisation = get_organisation_for(request.user, slug, Action.WORK_REGIONALLY)
    indicator_set, table = _county_table(request, organisation)
    return render(
        request,
        "situation/county_municipalities.html",
        {
            "organisation": organisation,
            "table": table,
            "indicator_set": indicator_set,
            "sets": sets_for(organisation),
            "sort": request.GET.get("sort", ""),
            "order": request.GET.get("order", "desc"),
        },
    )


@require_GET
@login_required
def county_municipalities_export(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.WORK_REGIONALLY)
    _set, table = _county_table(request, organisation)
    body = exports.records_csv(county.county_records(table))
    return download(body, file_format="csv", filename=f"kunnat-{organisation.slug}")
