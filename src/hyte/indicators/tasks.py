"""Background tasks. The embedded default runs them at once; production sets HYTE_TASK_BACKEND=database
and runs `hyte db_worker`."""

from __future__ import annotations

from django_tasks import task

from hyte.indicators.imports import run_batch


@task()
def run_import(batch_id: int) -> str:
    return run_batch(batch_id).status
