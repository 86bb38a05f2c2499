"""The parts of an impact assessment that can be opened for comments, as residents read them.

An assessment is not cut into sections like a report: its parts are what is being decided, each option with its
assessed effects, the cumulative effects, the method's questions with their answers, and the conclusion. Each
part has a stable key, so the text residents commented can be compared with the same part once the assessment is
ready for the decision. Assessments are written in one language; the parts' titles are given in Finnish and
Swedish."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.assessments.models import Assessment, AssessmentStatus, Option

# Once the summary is produced, the assessment no longer changes: the text then compared with the draft.
SETTLED = (AssessmentStatus.READY, AssessmentStatus.DECIDED, AssessmentStatus.FOLLOWED_UP)


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    title_sv: str
    text: str


def _both(message: str, **values: str) -> tuple[str, str]:
    """`message` in Finnish and in Swedish (gettext under each language)."""
    found = []
    for language in ("fi", "sv"):
        with translation.override(language):
            found.append(_(message) % values if values else _(message))
    return found[0], found[1]


def _option_text(option: Option) -> str:
    lines = [option.description.strip()] if option.description.strip() else []
    effects = []
    for impact in option.impacts.all():
        if not impact.direction:
            continue
        label = f"{capfirst(impact.get_area_display())}: {impact.get_direction_display()}"
        if impact.description.strip():
            label += f" – {' '.join(impact.description.split())}"
        effects.append(f"- {label}")
    if effects:
        lines.append("\n".join(effects))
    return "\n\n".join(lines)


def _answers_text(assessment: Assessment) -> str:
    lines = []
    for item in assessment.answers:
        answer = " ".join(str(item.get("answer", "")).split())
        if answer:
            lines.append(f"- {item.get('question', '')}: {answer}")
    return "\n".join(lines)


def assessment_parts(assessment: Assessment) -> list[Part]:
    """The parts of `assessment` with their text as it is now, in the assessment's order; parts without text are
    left out (there is nothing to comment)."""
    parts: list[Part] = []

    def add(key: str, title: tuple[str, str], body: str) -> None:
        if body.strip():
            parts.append(Part(key, title[0], title[1], body.strip()))

    add("description", _both(gettext_noop("What is being decided")), assessment.description)
    with translation.override("fi"):  # the options' effects are labelled in the assessment's language
        for option in assessment.options.prefetch_related("impacts"):
            add(f"option-{option.pk}", _both(gettext_noop("Option: %(name)s"), name=str(option)), _option_text(option))
    add("cumulative", _both(gettext_noop("Cumulative and cross-cutting effects")), assessment.cumulative_effects)
    add("answers", _both(gettext_noop("The method's questions")), _answers_text(assessment))
    add("conclusion", _both(gettext_noop("Conclusion: the best option overall")), assessment.conclusion)
    return parts
