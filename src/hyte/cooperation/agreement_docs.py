"""The cooperation agreement as documents: two versions compared section by section (difflib, line by line), and
a version as DOCX (python-docx) and PDF (WeasyPrint, tagged PDF/UA-1) in the familiar layout of Kuntaliitto's
template: title, parties, background, goals, actions, indicators, structures, rules, follow-up, approvals."""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation.agreement_models import SECTIONS, Agreement, AgreementParty, AgreementVersion
from hyte.core.actors import Viewer
from hyte.core.pdf import render_pdf


def _agreements() -> QuerySet[Agreement]:
    parties = AgreementParty.objects.select_related("organisation")
    versions = AgreementVersion.objects.prefetch_related(Prefetch("parties", queryset=parties))
    return Agreement.objects.select_related("keeper").prefetch_related(Prefetch("versions", queryset=versions))


def agreements_of(user: Viewer, organisation: Organisation) -> list[Agreement]:
    """The agreements the organisation keeps or is a party to, that the reader may see."""
    perms = permissions_for(user)
    involved = Q(keeper=organisation) | Q(versions__parties__organisation=organisation)
    found = _agreements().filter(pk__in=Agreement.objects.filter(involved).values("pk"))
    visible = [agreement for agreement in found if perms.can(Action.VIEW, agreement)]
    for agreement in visible:
        agreement.latest = list(agreement.versions.all())[-1]  # type: ignore[attr-defined]
    return visible


def agreement_for(
    user: Viewer, organisation: Organisation, agreement_id: int, action: Action = Action.VIEW
) -> Agreement:
    found = [each for each in agreements_of(user, organisation) if each.pk == agreement_id]
    if not found or not permissions_for(user).can(action, found[0]):
        raise Http404
    return found[0]


def version_of(agreement: Agreement, number: int) -> AgreementVersion:
    for version in agreement.versions.all():
        if version.number == number:
            version.agreement = agreement
            return version
    raise Http404


@dataclass
class SectionDiff:
    label: str
    lines: list[tuple[str, str]]  # (" ", "+" or "-", the line)
    changed: bool


def compare(old: AgreementVersion, new: AgreementVersion) -> list[SectionDiff]:
    """Each section of `old` against `new`, line by line: kept lines, removed ("-") and added ("+")."""
    term = _("Term")
    sections: list[tuple[str, str, str]] = [
        (
            term,
            f"{old.term_start:%d.%m.%Y}–{old.term_end:%d.%m.%Y}",
            f"{new.term_start:%d.%m.%Y}–{new.term_end:%d.%m.%Y}",
        )
    ]
    old_parties = "\n".join(str(p.organisation) for p in old.parties.all())
    new_parties = "\n".join(str(p.organisation) for p in new.parties.all())
    sections.append((_("Parties"), old_parties, new_parties))
    sections += [(str(label), getattr(old, name), getattr(new, name)) for name, label in SECTIONS]
    result = []
    for label, before, after in sections:
        lines = []
        for each in difflib.ndiff(before.splitlines(), after.splitlines()):
            if each[:1] in (" ", "+", "-"):
                lines.append((each[:1], each[2:]))
        result.append(SectionDiff(label, lines, any(sign != " " for sign, _line in lines)))
    return result


def _context(version: AgreementVersion) -> dict[str, Any]:
    sections = [(label, getattr(version, name)) for name, label in SECTIONS]
    return {
        "agreement": version.agreement,
        "version": version,
        "sections": sections,
        "parties": list(version.parties.all()),
    }


def agreement_pdf(version: AgreementVersion) -> bytes:
    html = render_to_string(
        "cooperation/agreement_print.html", {**_context(version), "language": translation.get_language() or "fi"}
    )
    return render_pdf(html)


def agreement_docx(version: AgreementVersion) -> bytes:
    import docx

    context = _context(version)
    document = docx.Document()
    document.core_properties.title = version.agreement.title
    document.core_properties.language = translation.get_language() or "fi"
    document.add_heading(version.agreement.title, level=0)
    document.add_paragraph(
        _("Version %(number)s, in force %(start)s–%(end)s")
        % {"number": version.number, "start": f"{version.term_start:%d.%m.%Y}", "end": f"{version.term_end:%d.%m.%Y}"}
    )
    document.add_heading(_("Parties"), level=1)
    for party in context["parties"]:
        id_text = f" ({_('business id')} {party.business_id})" if party.business_id else ""
        document.add_paragraph(f"{party.organisation.name}{id_text}", style="List Bullet")
    for label, body in context["sections"]:
        document.add_heading(str(label), level=1)
        for paragraph in body.splitlines() or ["–"]:
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
    document.add_heading(_("Approvals"), level=1)
    table = document.add_table(rows=1, cols=4)
    for cell, heading in zip(table.rows[0].cells, [_("Party"), _("Decided by"), _("Date"), "§"], strict=True):
        cell.text = heading
    for party in context["parties"]:
        row = table.add_row().cells
        row[0].text = party.organisation.name
        row[1].text = party.decision_body or "–"
        row[2].text = f"{party.decision_date:%d.%m.%Y}" if party.decision_date else "–"
        row[3].text = party.decision_reference or "–"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
