"""A series' meetings, with their agreed actions' due dates, as an iCalendar file (RFC 5545) for people's own
calendars.

Each meeting keeps one UID for good (its own UUID), so importing the file again updates the events instead of
adding copies; SEQUENCE is the meeting's revision, raised when its time or place moves. Times are in
Europe/Helsinki with the time zone's definition included (VTIMEZONE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from hyte.cooperation.models import Meeting, Series
from hyte.core.clock import HELSINKI

PRODUCT = "-//Hyte//Cooperation and negotiations//FI"


def uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@hyte"


def calendar(series: Series, meetings: Iterable[Meeting], *, page_url: str) -> bytes:
    """The meetings as a VCALENDAR; `page_url` is the address of a meeting's page with `{id}` for its id."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", series.title)
    meetings = list(meetings)
    for meeting in meetings:
        event = Event()
        event.add("uid", uid(meeting))
        event.add("dtstamp", meeting.updated_at)
        event.add("dtstart", meeting.starts_at.astimezone(HELSINKI))
        event.add("dtend", meeting.ends_at.astimezone(HELSINKI))
        event.add("summary", meeting.title)
        event.add("sequence", meeting.revision)
        event.add("status", "CONFIRMED")
        if meeting.place or meeting.online_url:
            event.add("location", meeting.place or meeting.online_url)
        url = page_url.format(id=meeting.pk)
        event.add("url", url)
        agenda = [f"{number}. {item.title}" for number, item in enumerate(meeting.agenda_items.all(), start=1)]
        lines = [*agenda, "", url]
        if meeting.online_url:
            lines.insert(0, meeting.online_url)
        event.add("description", "\n".join(lines).strip())
        cal.add_component(event)
        for action in meeting.agreed_actions.all():
            if action.due_date is not None:
                cal.add_component(_action_due(meeting, action, url))
    if meetings:  # the time zone's rules for the years of the meetings only
        first = min(m.starts_at for m in meetings).astimezone(HELSINKI)
        last = max(m.ends_at for m in meetings).astimezone(HELSINKI)
        cal.add_missing_timezones(
            first_date=first.date().replace(month=1, day=1), last_date=last.date().replace(month=12, day=31)
        )
    return cal.to_ical()


def _action_due(meeting: Meeting, action: Any, url: str) -> Event:
    """An agreed action's due date as an all-day event of the meeting's calendar (its UID is the action's for
    good: a moved due date moves the event)."""
    event = Event()
    event.add("uid", f"action-{action.pk}-{meeting.uid}@hyte")
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", action.due_date)
    event.add("dtend", action.due_date + dt.timedelta(days=1))
    summary = " ".join(action.text.split())
    event.add("summary", _("Due: %(action)s") % {"action": summary[:120]})
    event.add("description", f"{summary}\n{action.owner} – {action.owner_person}\n{meeting.title}\n\n{url}")
    event.add("status", "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("url", url)
    return event


def term_calendar(title: str, rows: Iterable[Any], *, page_url: str) -> bytes:
    """An organisation's council-term calendar steps as all-day VEVENTs on their due dates; each step keeps its UID
    for good, so importing the feed again updates the events (a moved due date moves the event)."""
    cal = Calendar()
    cal.add("prodid", PRODUCT)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    for row in rows:
        step = row.step
        event = Event()
        event.add("uid", f"{step.uid}@hyte")
        event.add("dtstamp", dt.datetime.combine(step.due, dt.time(), tzinfo=dt.UTC))
        event.add("dtstart", step.due)
        event.add("dtend", step.due + dt.timedelta(days=1))
        event.add("summary", f"{step.get_kind_display()} ({step.year})")
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("url", page_url)
        cal.add_component(event)
    return cal.to_ical()
