"""Background tasks. The embedded default runs them at once; production sets HYTE_TASK_BACKEND=database
and runs `hyte db_worker`."""

from __future__ import annotations

from django_tasks import task

from hyte.core.actors import TASKS
from hyte.indicators.models import ImportBatch
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import import_bytes


def run_batch(batch_id: int) -> ImportBatch:
    """Run a queued batch from its stored upload and parameters, as its uploader (or the system)."""
    batch = ImportBatch.objects.select_related("organisation", "created_by").get(pk=batch_id)
    if batch.is_finished:
        return batch
    params = batch.parameters
    return import_bytes(
        actor=batch.created_by or TASKS,
        batch=batch,
        data=bytes(batch.upload or b""),
        file_format=params.get("format", ""),
        mapping=Mapping(**params["mapping"]) if params.get("mapping") else None,
        shared=bool(params.get("shared")),
        create_missing=bool(params.get("create_missing")),
    )


@task()
def run_import(batch_id: int) -> str:
    return run_batch(batch_id).status
