"""Writing a section: add, edit, move and remove its blocks, and choose the indicators of a chart, table or
summary block by name. Thin: forms in, services do the work."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.indicators.picker import searched
from hyte.indicators.queries import visible_indicators
from hyte.reports import queries, services
from hyte.reports.forms import BlockForm, ImageBlockForm, SectionForm
from hyte.reports.models import Block, BlockKind, Report, ReportImage, Section
from hyte.reports.services.writing import INDICATOR_BLOCKS
from hyte.reports.text import clean_text, render_markdown


def _report(request: HttpRequest, slug: str, report_id: int) -> tuple[Organisation, Report]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return organisation, queries.report_for(request.user, organisation, report_id)


def _block(request: HttpRequest, report: Report, block_id: int) -> Block:
    block = get_for(request.user, Action.EDIT, Block.objects.select_related("section__report"), pk=block_id)
    if block.section.report_id != report.pk or report.is_frozen:
        raise Http404
    return block


def _to_section(slug: str, report: Report, section_id: int) -> HttpResponse:
    return back_to("report-detail", f"section-{section_id}", slug=slug, report_id=report.pk)


@require_POST
@login_required
def block_add(request: AuthenticatedRequest, slug: str, report_id: int, section_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    section = get_object_or_404(Section, pk=section_id, report=report)
    block = call_service(request, services.add_block, section=section, kind=request.POST.get("kind", ""))
    if block is None:
        return _to_section(slug, report, section.pk)
    return back_to("report-block-edit", "", slug=slug, report_id=report.pk, block_id=block.pk)


@require_POST
@login_required
def block_add_scenario(request: AuthenticatedRequest, slug: str, report_id: int, section_id: int) -> HttpResponse:
    """A saved what-if scenario of the HYTE coefficient added to the section as evidence (a text block)."""
    from hyte.funding.queries import scenarios_for

    _organisation, report = _report(request, slug, report_id)
    section = get_object_or_404(Section, pk=section_id, report=report)
    wanted = request.POST.get("scenario", "")
    scenario = next((each for each in scenarios_for(request.user) if str(each.pk) == wanted), None)
    if scenario is None:
        raise Http404
    call_service(request, services.add_scenario_evidence, section=section, scenario=scenario)
    return _to_section(slug, report, section.pk)


@require_POST
@login_required
def block_move(request: AuthenticatedRequest, slug: str, report_id: int, block_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    block = _block(request, report, block_id)
    call_service(request, services.move_block, block=block, offset=-1 if request.POST.get("to") == "up" else 1)
    return _to_section(slug, report, block.section_id)


@require_POST
@login_required
def block_remove(request: AuthenticatedRequest, slug: str, report_id: int, block_id: int) -> HttpResponse:
    _organisation, report = _report(request, slug, report_id)
    block = _block(request, report, block_id)
    call_service(request, services.remove_block, block=block)
    return _to_section(slug, report, block.section_id)


@require_POST
@login_required
def block_indicators(request: AuthenticatedRequest, slug: str, report_id: int, block_id: int) -> HttpResponse:
    """Add (`add`) or remove (`remove`) one indicator of a chart, table or summary block."""
    _organisation, report = _report(request, slug, report_id)
    block = _block(request, report, block_id)
    chosen = list(block.indicators.all())
    for action in ("add", "remove"):
        value = request.POST.get(action, "")
        if not value.isdigit():
            continue
        indicator = get_object_or_404(visible_indicators(request.user), pk=int(value))
        chosen = [i for i in chosen if i.pk != indicator.pk] + ([indicator] if action == "add" else [])
    call_service(request, services.set_block_indicators, block=block, indicators=chosen)
    return back_to("report-block-edit", "indicators", slug=slug, report_id=report.pk, block_id=block.pk)


@require_GET_or_POST
@login_required
def block_edit(request: AuthenticatedRequest, slug: str, report_id: int, block_id: int) -> HttpResponse:
    organisation, report = _report(request, slug, report_id)
    block = _block(request, report, block_id)
    area = organisation.area
    swedish = bool(area and area.serves_in_swedish) or bool(block.text_sv)
    if block.kind == BlockKind.IMAGE:
        return _image_block(request, organisation, report, block, swedish=swedish)
    listed = block.kind in (BlockKind.STRENGTHS, BlockKind.CONCERNS)
    form = BlockForm(
        request.POST or None,
        initial={
            "text": block.text,
            "text_sv": block.text_sv,
            "items": "\n".join(block.items or []),
            "revision": block.revision,
        },
        swedish=swedish,
        listed=listed,
    )
    preview = None
    if request.method == "POST" and form.is_valid() and "preview" in request.POST:
        # Shown as it will be published (sanitised Markdown), nothing saved; the text stays in the form.
        preview = {
            "fi": render_markdown(clean_text(form.cleaned_data["text"])),
            "sv": render_markdown(clean_text(form.cleaned_data.get("text_sv") or "")) if swedish else "",
        }
    elif request.method == "POST" and form.is_valid():
        try:
            services.edit_block(
                actor=request.user,
                block=block,
                text=form.cleaned_data["text"],
                text_sv=form.cleaned_data.get("text_sv") if swedish else None,
                items=form.cleaned_data.get("items", "").splitlines() if listed else None,
                expected_revision=form.cleaned_data["revision"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            block.refresh_from_db()
        else:
            messages.success(request, _("Saved."))
            return _to_section(slug, report, block.section_id)
    shows_indicators = block.kind in INDICATOR_BLOCKS
    picker, picks = searched(
        request.user, organisation, request.GET, prefix=None, defaults=False, wanted=shows_indicators
    )
    return render(
        request,
        "reports/block_edit.html",
        {
            "organisation": organisation,
            "report": report,
            "edited": block,  # not "block": inside {% block %} that name is the template block
            "preview": preview,
            "section_form": SectionForm(
                initial={"title": block.section.title, "title_sv": block.section.title_sv}, swedish=swedish
            )
            if permissions_for(request.user).can(Action.EDIT, report)
            else None,
            "form": form,
            "shows_indicators": shows_indicators,
            "chosen": list(block.indicators.all()),
            "picker": picker,
            "picks": picks,
            "block_indicators_url": reverse("report-block-indicators", args=[slug, report.pk, block.pk]),
        },
    )


@require_POST
@login_required
def section_rename(request: AuthenticatedRequest, slug: str, report_id: int, section_id: int) -> HttpResponse:
    """The section's title, in Finnish and (for a bilingual organisation) Swedish."""
    _organisation, report = _report(request, slug, report_id)
    section = get_object_or_404(Section, pk=section_id, report=report)
    swedish = "title_sv" in request.POST  # shown for bilingual organisations only; absent keeps it as it is
    form = SectionForm(request.POST, swedish=swedish)
    if form.is_valid():
        title_sv = form.cleaned_data["title_sv"] if swedish else None
        call_service(
            request, services.rename_section, section=section, title=form.cleaned_data["title"], title_sv=title_sv
        )
    else:
        messages.error(request, form.errors.as_text())
    return _to_section(slug, report, section.pk)


def _image_block(
    request: AuthenticatedRequest, organisation: Organisation, report: Report, block: Block, *, swedish: bool
) -> HttpResponse:
    """An image block: the image uploaded (checked and re-encoded) with its required text alternative."""
    form = ImageBlockForm(
        request.POST or None,
        request.FILES or None,
        initial={"alt_text": block.alt_text, "alt_text_sv": block.alt_text_sv, "revision": block.revision},
        swedish=swedish,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            if form.cleaned_data["revision"] != block.revision:
                raise ValidationError(_("Someone else changed the block meanwhile: check it and save again."))
            services.set_block_image(
                actor=request.user,
                block=block,
                alt_text=form.cleaned_data["alt_text"],
                alt_text_sv=form.cleaned_data.get("alt_text_sv") or "",
                data=upload.read() if upload else None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return _to_section(organisation.slug, report, block.section_id)
    return render(
        request,
        "reports/image_block.html",
        {"organisation": organisation, "report": report, "edited": block, "form": form},
    )


@require_GET
@login_required
def report_image(request: HttpRequest, slug: str, report_id: int, image_id: int) -> HttpResponse:
    """An image of the organisation's report, for those who read its drafts."""
    organisation, _report_found = _report(request, slug, report_id)
    found = ReportImage.objects.filter(pk=image_id, organisation=organisation).values_list("content_type", "data")
    row = found.first()
    if row is None:
        raise Http404
    response = HttpResponse(bytes(row[1]), content_type=row[0])
    response["Cache-Control"] = "private, max-age=31536000, immutable"  # an image never changes once uploaded
    return response
