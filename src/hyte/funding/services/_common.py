"""Helpers of the coefficient's services."""

from __future__ import annotations

from hyte.funding.models import CoefficientModel


def freeze_used(model: CoefficientModel) -> None:
    """Inside another service that uses a version: freeze it (the using service records it)."""
    if not model.frozen:
        CoefficientModel.objects.filter(pk=model.pk).update(frozen=True)
        model.frozen = True
