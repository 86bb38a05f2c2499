"""Imports into the register: started with a file (or the answers fetched from Linked Events), its columns chosen
where it is a spreadsheet, then confirmed, when every good row is written through the register's own services
(each audited) and every bad row is kept with its row number and reasons, or discarded. All in one transaction:
a file refused whole writes nothing, and a row that fails leaves nothing of itself behind."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, require
from hyte.actors import services as register
from hyte.actors.imports.files import read_rows
from hyte.actors.imports.plan import REJECT, UNCHANGED, UPDATE, Planned
from hyte.actors.imports.reading import default_source, own_entry, plan_of, read
from hyte.actors.imports.rows import ImportRefused
from hyte.actors.models import Actor, ImportFormat, ImportStatus, RegisterImport
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor as Who
from hyte.core.actors import person


@audit.service(AuditAction.REGISTER_IMPORT_START)
def start_import(
    *,
    actor: Who,
    organisation: Organisation,
    file_format: str,
    data: bytes,
    filename: str = "",
    source: str = "",
    parameters: dict[str, Any] | None = None,
) -> RegisterImport:
    """Keep a file for its preview. A file that cannot be read whole is refused here, and nothing is kept."""
    run = RegisterImport(organisation=organisation, file_format=ImportFormat(file_format).value)
    require(actor, Action.EDIT, run)
    parameters = {"municipality": organisation.area_id, **(parameters or {})}
    if parameters.get("provider"):
        provider = Actor.objects.filter(pk=parameters["provider"]).first()
        if provider is None:
            raise ValidationError(_("Choose the provider of the activities."))
        require(actor, Action.EDIT, provider)
    try:
        if organisation.kind == OrganisationKind.NGO:
            own_entry(organisation)
        if file_format == ImportFormat.SHEET:
            read_rows(data)  # the columns are chosen next; the rows are read with them
        else:
            read(file_format, data, parameters)
    except ImportRefused as exc:
        raise ValidationError(str(exc)) from exc
    return audit.create(
        RegisterImport,
        audit_fields=["file_format", "source", "filename"],
        organisation=organisation,
        created_by=person(actor),
        created_at=clock.now(),
        file_format=run.file_format,
        source=(source.strip() or default_source(organisation, file_format))[:200],
        filename=filename[:300],
        upload=data,
        parameters=parameters,
        status=ImportStatus.MAPPING if file_format == ImportFormat.SHEET else ImportStatus.PREVIEW,
    )


@audit.service(AuditAction.REGISTER_IMPORT_MAP)
def choose_columns(*, actor: Who, run: RegisterImport, columns: dict[str, int], header_row: int = 1) -> None:
    """Which column holds what, checked by reading every row with it."""
    require(actor, Action.EDIT, run)
    if not run.is_open or run.file_format != ImportFormat.SHEET or run.upload is None:
        raise ValidationError(_("This import is over."))
    parameters = {**run.parameters, "columns": dict(columns), "header_row": header_row}
    try:
        read(run.file_format, bytes(run.upload), parameters)
    except ImportRefused as exc:
        raise ValidationError(str(exc)) from exc
    audit.update(run, parameters=parameters, status=ImportStatus.PREVIEW)


@audit.service(AuditAction.REGISTER_IMPORT_DONE)
def confirm_import(*, actor: Who, run: RegisterImport) -> RegisterImport:
    """Carry out the preview: every good row written through the register's services, every bad one kept with
    its reasons. Importing the same source again updates its entries."""
    require(actor, Action.EDIT, run)
    if run.status != ImportStatus.PREVIEW:
        raise ValidationError(_("This import is not waiting for confirmation."))
    try:
        plan = plan_of(run, actor)
    except ImportRefused as exc:
        raise ValidationError(str(exc)) from exc
    outcome = _Outcome(actor, run)
    for planned in plan:
        outcome.apply(planned)
    run.status = ImportStatus.DONE
    run.rows_read = len(plan)
    run.rows_created, run.rows_updated, run.rows_unchanged = outcome.created, outcome.updated, outcome.unchanged
    run.rows_rejected, run.rejected = len(outcome.rejected), outcome.rejected
    run.actors_created = len(outcome.providers)
    run.finished_at = clock.now()
    run.upload = None  # the rows are written or reported; the file is not kept
    run.save()
    counts = ("rows_read", "rows_created", "rows_updated", "rows_unchanged", "rows_rejected", "actors_created")
    audit.record(run, changes={name: [None, getattr(run, name)] for name in counts})
    return run


@audit.service(AuditAction.REGISTER_IMPORT_DISCARD)
def discard_import(*, actor: Who, run: RegisterImport) -> None:
    require(actor, Action.EDIT, run)
    if not run.is_open:
        raise ValidationError(_("This import is over."))
    run.upload = None
    audit.update(run, status=ImportStatus.DISCARDED)
    RegisterImport.objects.filter(pk=run.pk).update(upload=None)  # the file goes with the entry above


class _Outcome:
    """Carries out a plan row by row, each row in a savepoint of its own: a row that a service refuses leaves
    nothing of itself (not even its new provider) and is reported with the service's reason."""

    def __init__(self, actor: Who, run: RegisterImport) -> None:
        self.actor, self.run = actor, run
        self.created = self.updated = self.unchanged = 0
        self.rejected: list[dict[str, Any]] = []
        self.providers: dict[str, Actor] = {}  # made by this import, by the plan's key
        self.updated_providers: set[int] = set()

    def apply(self, planned: Planned) -> None:
        if planned.action == REJECT:
            self.rejected.append({"row": planned.line, "reason": " ".join(planned.reasons)})
            return
        if planned.action == UNCHANGED:
            self.unchanged += 1
            return
        providers, updated = dict(self.providers), set(self.updated_providers)
        try:
            with transaction.atomic():
                self._write(planned)
        except (ValidationError, PermissionDenied) as exc:
            self.providers, self.updated_providers = providers, updated
            reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else _("You may not change it.")
            self.rejected.append({"row": planned.line, "reason": reason})
            return
        if planned.action == UPDATE:
            self.updated += 1
        else:
            self.created += 1

    def _write(self, planned: Planned) -> None:
        actor, run = self.actor, self.run
        provider = planned.provider
        new = planned.new_provider
        if new is not None:
            provider = self.providers.get(new.key)
            if provider is None:
                provider = self.providers[new.key] = register.create_actor(
                    actor=actor, details=new.details, source=run.source, external_id=new.external_id
                )
        elif provider is not None and planned.provider_update is not None and provider.pk not in self.updated_providers:
            register.update_actor(actor=actor, entry=provider, details=planned.provider_update)
            self.updated_providers.add(provider.pk)
        if provider is None or planned.details is None:
            raise ValidationError(_("Name the provider."))  # a plan's good row has both; this says it plainly
        if planned.activity is None:
            register.create_activity(
                actor=actor,
                details=planned.details,
                providers=[provider],
                themes=planned.themes or (),
                target_groups=planned.target_groups or (),
                source=run.source,
                external_id=planned.key,
            )
            return
        current = list(planned.activity.providers.all())
        register.update_activity(
            actor=actor,
            activity=planned.activity,
            details=planned.details,
            providers=None if provider in current else [provider],
            themes=planned.themes,
            target_groups=planned.target_groups,
        )
