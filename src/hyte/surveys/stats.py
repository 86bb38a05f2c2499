"""The statistics of a survey indicator, as pure functions: the share with its 95 % Wilson score interval, and the
suppression of small cells together with the complements that would reveal them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def wilson(count: int, base: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of the proportion `count`/`base` (Wilson 1927; Newcombe 1998, method 3)."""
    if base <= 0 or not 0 <= count <= base:
        raise ValueError("the count must be between 0 and the base, and the base positive")
    p = count / base
    z2 = z * z
    denominator = 1 + z2 / base
    centre = (p + z2 / (2 * base)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / base + z2 / (4 * base * base))
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass
class Tally:
    """One cell before publishing: a group's key and its counts."""

    key: str
    count: int
    base: int
    suppressed: bool = False

    @property
    def share(self) -> float | None:
        return None if self.suppressed or self.base == 0 else self.count / self.base


def suppress(total: Tally, cells: Sequence[Tally], minimum: int) -> None:
    """Mark the cells to hide. A cell whose base is below `minimum` is hidden (primary suppression). When exactly
    one cell of the grouping is hidden, it could be derived as the total minus the others, so the next-smallest
    cell is hidden too (secondary suppression); a total below `minimum` hides the total and every cell."""
    if total.base < minimum:
        total.suppressed = True
        for cell in cells:
            cell.suppressed = True
        return
    for cell in cells:
        cell.suppressed = cell.base < minimum
    hidden = [cell for cell in cells if cell.suppressed]
    if len(hidden) == 1:
        shown = sorted((cell for cell in cells if not cell.suppressed), key=lambda cell: (cell.base, cell.key))
        if shown:  # (a grouping of one group: the total holds more than the hidden cell, which is below minimum)
            shown[0].suppressed = True


def tally(
    answers: Iterable[Mapping[str, str]],
    *,
    question: str,
    counted: Iterable[str],
    valid: Iterable[str] | None,
    group_question: str | None = None,
    groups: Mapping[str, str] | None = None,
) -> tuple[Tally, dict[str, Tally]]:
    """Count the valid answers to `question` (its scale's values; any non-empty answer when `valid` is None) and
    those among them in `counted`, in total and by the group each respondent's answer to `group_question` falls
    in (`groups`: answer value → group key)."""
    counted_set = set(counted)
    valid_set = set(valid) if valid is not None else None
    total = Tally("", 0, 0)
    by_group: dict[str, Tally] = {key: Tally(key, 0, 0) for key in dict.fromkeys((groups or {}).values())}
    for respondent in answers:
        answer = str(respondent.get(question, "") or "")
        if not answer or (valid_set is not None and answer not in valid_set):
            continue
        hit = answer in counted_set
        total.base += 1
        total.count += hit
        if group_question and groups:
            key = groups.get(str(respondent.get(group_question, "") or ""))
            if key is not None:
                by_group[key].base += 1
                by_group[key].count += hit
    return total, by_group
