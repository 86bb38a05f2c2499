from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, download, require_GET_or_POST
from hyte.indicators.models import IndicatorSet
from hyte.indicators.queries import comparison_areas, sets_for, visible_indicators
from hyte.regions.models import Area
from hyte.situation import charts, exports, picture, queries, services
from hyte.situation.forms import RuleForm
from hyte.situation.models import Alert, Rule
from hyte.situation.picture import SituationPicture


def _area_of(organisation: Organisation) -> Area:
    if organisation.area_id is None:
        raise Http404
    return Area.objects.select_related("county", "region").get(pk=organisation.area_id)


def _picture(request: HttpRequest, organisation: Organisation) -> tuple[IndicatorSet | None, SituationPicture]:
    indicator_set = queries.chosen_set(organisation, request.GET.get("set"))
    built = picture.build(area=_area_of(organisation), indicators=queries.set_indicators(indicator_set))
    return indicator_set, built


@require_GET
@login_required
def situation(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    indicator_set, built = _picture(request, organisation)
    return render(
        request,
        "situation/picture.html",
        {
            "organisation": organisation,
            "picture": built,
            "indicator_set": indicator_set,
            "sets": sets_for(organisation),
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
    area = _area_of(organisation)
    built = picture.build(area=area, indicators=[indicator])
    row = built.rows[0]
    areas = comparison_areas(area)
    if area.region is not None:
        areas.insert(1, area.region)
    from hyte.indicators.queries import series_table

    table = series_table(indicator, areas)
    # Comparators without any value would be empty lines and columns: the summary above says they are missing.
    with_data = [i for i, _a in enumerate(areas) if any(values[i] is not None for _year, values in table["rows"])]
    areas = [areas[i] for i in with_data] or areas[:1]
    table = {"areas": areas, "rows": [(year, [values[i] for i in with_data]) for year, values in table["rows"]]}
    series = [(a.name, [(year, values[i]) for year, values in reversed(table["rows"])]) for i, a in enumerate(areas)]
    year = row.latest.year if row.latest else None
    ranked = queries.ranking(indicator, county=area.county if area.kind == "municipality" else None, year=year)
    chart = charts.line_chart(
        chart_id=f"chart-{indicator.pk}",
        title=indicator.title,
        description=_("%(indicator)s by year in %(areas)s. The same values are in the table below.")
        % {"indicator": indicator.title, "areas": ", ".join(a.name for a in areas)},
        series=series,
        decimals=indicator.decimals,
    )
    county_map = (
        charts.choropleth(
            chart_id=f"map-{indicator.pk}",
            title=_("%(indicator)s in %(year)s by municipality") % {"indicator": indicator.title, "year": year},
            description=_(
                "A map of the municipalities coloured by value; the ranking table below has the same values."
            ),
            values={r["area"].code: r["value"] for r in ranked},
            names={r["area"].code: r["area"].name for r in ranked},
            highlight=area.code,
            decimals=indicator.decimals,
            no_data=_("no value"),
        )
        if ranked
        else ""
    )
    return render(
        request,
        "situation/indicator.html",
        {
            "organisation": organisation,
            "indicator": indicator,
            "row": row,
            "table": table,
            "chart": chart,
            "map": county_map,
            "ranking": ranked,
            "year": year,
            "area": area,
        },
    )


@require_GET_or_POST
@login_required
def rule_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    can_edit = permissions_for(request.user).can(Action.EDIT, organisation)
    form = RuleForm(request.POST or None, indicators=visible_indicators(request.user))
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            try:
                services.create_rule(actor=request.user, organisation=organisation, **form.cleaned_data)
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
