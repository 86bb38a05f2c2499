"""Comment rounds (issue 18): the whole cycle from opening a draft to the approved version's "what changed after
feedback", with comments, replies, supports, the poll, statements, offline input and the summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from hyte.audit.models import AuditEntry
from hyte.participation import queries, services
from hyte.participation.models import Comment, CommentStatus, RoundState
from hyte.participation.summary import draft_summary
from hyte.participation.text import diff, section_text
from tests.conftest import SYSTEM, approve_and_publish
from tests.participation_world import FIRST, SECOND, build_participation, draft_plan, open_on

ANON = AnonymousUser()


@pytest.fixture
def rounds(world):
    return build_participation(world)


def _public(lang, round_):
    return reverse("public-round", kwargs={"lang": lang, "slug": "kemi", "round_id": round_.pk})


def test_opening_keeps_the_draft_text_of_the_chosen_sections(world, rounds):
    sections = list(rounds["round"].sections.order_by("position"))
    assert [s.text for s in sections] == [FIRST, SECOND]
    assert sections[1].text_sv == f"SV: {SECOND}"
    assert rounds["round"].state == RoundState.OPEN


def test_only_a_draft_of_the_organisation_with_sections_of_it_opens(world, rounds):
    other = draft_plan(world, "Toinen")
    with pytest.raises(ValidationError):
        services.open_round(
            actor=SYSTEM,
            report=other,
            sections=list(rounds["plan"].sections.all()[:1]),
            title="x",
            opens_on=dt.date(2026, 1, 1),
            closes_on=dt.date(2026, 2, 1),
        )
    with pytest.raises(PermissionDenied):
        services.open_round(
            actor=world.users["editor"],
            report=other,
            sections=list(other.sections.all()[:1]),
            title="x",
            opens_on=dt.date(2026, 1, 1),
            closes_on=dt.date(2026, 2, 1),
        )


def test_a_resident_comments_anonymously_with_a_nickname_and_the_page_shows_it_escaped(world, rounds):
    client = world.client_for("anonymous")
    section = rounds["section"]
    response = client.post(
        _public("fi", rounds["round"]),
        {"section": section.pk, "nickname": "Pekka", "body": "<script>alert(1)</script> Hyvä!", "website": ""},
    )
    assert response.status_code == 302
    comment = Comment.objects.latest("pk")
    assert (comment.nickname, comment.status, comment.author) == ("Pekka", CommentStatus.PUBLISHED, None)
    page = client.get(_public("fi", rounds["round"])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hyvä!" in page
    assert "<script>alert(1)" not in page
    assert AuditEntry.objects.filter(action="participation.comment_add", object_id=str(comment.pk)).exists()


def test_a_comment_without_a_nickname_or_over_the_limit_is_refused_with_a_reason(world, rounds):
    client = world.client_for("anonymous")
    before = Comment.objects.count()
    url = _public("en", rounds["round"])
    response = client.post(url, {"section": rounds["section"].pk, "body": "Hei"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Give a nickname" in response.content.decode()
    response = client.post(url, {"section": rounds["section"].pk, "nickname": "N", "body": "x" * 3001})
    assert response.status_code == 400
    assert "3000" in response.content.decode()
    assert Comment.objects.count() == before


def test_the_honeypot_keeps_nothing(world, rounds):
    before = Comment.objects.count()
    response = world.client_for("anonymous").post(
        _public("fi", rounds["round"]),
        {"section": rounds["section"].pk, "nickname": "Bot", "body": "Osta!", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert Comment.objects.count() == before


def test_the_rate_limit_refuses_a_flood(world, rounds, settings):
    settings.HYTE_COMMENT_RATE = "2/600"
    section = rounds["section"]
    for n in range(2):
        services.add_comment(actor=ANON, section=section, body=f"Kommentti {n}", nickname="N", client="same")
    with pytest.raises(ValidationError, match="lyhyessä ajassa"):
        services.add_comment(actor=ANON, section=section, body="Kolmas", nickname="N", client="same")
    services.add_comment(actor=ANON, section=section, body="Toinen lähde", nickname="M", client="other")


def test_anonymous_comments_only_where_the_round_allows_them(world, rounds):
    section = rounds["moderated"].sections.first()
    with pytest.raises(PermissionDenied):
        services.add_comment(actor=ANON, section=section, body="Hei", nickname="N")
    comment = services.add_comment(actor=world.users["outsider"], section=section, body="Kirjautuneena")
    assert comment.status == CommentStatus.PENDING  # pre-moderated
    assert comment.nickname == "outsider"


def test_no_comments_outside_the_period(world, rounds):
    with pytest.raises(PermissionDenied):
        services.add_comment(actor=ANON, section=rounds["ended"].sections.first(), body="Myöhässä", nickname="N")


def test_a_quote_must_be_a_passage_of_the_section(world, rounds):
    section = rounds["section"]
    kept = services.add_comment(actor=ANON, section=section, body="A", nickname="N", quote="Harrastuksia on tarjolla")
    made_up = services.add_comment(actor=ANON, section=section, body="B", nickname="N", quote="Keksitty lause")
    assert (kept.quote, made_up.quote) == ("Harrastuksia on tarjolla", "")


def test_support_and_poll_count_once_per_reader(world, rounds):
    comment, section = rounds["comment"], rounds["section"]
    assert services.support_comment(actor=ANON, comment=comment, reader="r1") is True
    assert services.support_comment(actor=ANON, comment=comment, reader="r1") is False
    assert services.support_comment(actor=world.users["outsider"], comment=comment) is True
    assert services.answer_poll(actor=ANON, section=section, value=2, reader="r1") is True
    assert services.answer_poll(actor=ANON, section=section, value=0, reader="r1") is False
    with pytest.raises(ValidationError):
        services.answer_poll(actor=ANON, section=section, value=3, reader="r2")  # three choices: 0–2
    page = queries.round_page(rounds["round"], user=ANON)
    first = page["sections"][0]
    assert [row["count"] for row in first.poll.rows] == [0, 0, 1]
    assert page["most_supported"][0].pk == comment.pk
    assert page["most_supported"][0].support_count == 2


def test_public_support_flag_and_poll_through_the_pages(world, rounds):
    client = world.client_for("anonymous")
    round_, comment = rounds["round"], rounds["comment"]
    base = _public("fi", round_)
    assert client.post(f"{base}comments/{comment.pk}/support/").status_code == 302
    assert client.post(f"{base}comments/{comment.pk}/support/").status_code == 302
    assert comment.supports.count() == 1
    assert client.post(f"{base}comments/{comment.pk}/flag/", {"reason": "abuse"}).status_code == 302
    assert comment.flags.get().reason == "abuse"
    assert client.post(f"{base}sections/{rounds['section'].pk}/poll/", {"value": "1"}).status_code == 302
    assert rounds["section"].answers.get().value == 1


def test_moderation_hides_with_a_reason_and_keeps_the_comment(world, rounds):
    comment = rounds["comment"]
    coordinator = world.users["coordinator"]
    with pytest.raises(PermissionDenied):
        services.moderate_comment(actor=world.users["editor"], comment=comment, publish=False, reason="abuse")
    with pytest.raises(ValidationError):
        services.moderate_comment(actor=coordinator, comment=comment, publish=False)
    services.moderate_comment(actor=coordinator, comment=comment, publish=False, reason="personal_data")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.text == "Lisää harrastuksia nuorille!"
    entry = AuditEntry.objects.filter(action="participation.comment_moderate").latest("pk")
    assert entry.changes["hidden_reason"] == ["", "personal_data"]
    page = world.client_for("anonymous").get(_public("en", rounds["round"]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Lisää harrastuksia nuorille!" not in html
    assert "Removed by the moderator: personal data." in html
    staff = world.client_for("coordinator").get(
        reverse("participation-round", kwargs={"slug": "kemi", "round_id": rounds["round"].pk})
    )
    assert "Lisää harrastuksia nuorille!" in staff.content.decode()


def test_pending_comments_are_invisible_to_the_public_and_published_by_a_moderator(world, rounds):
    pending, round_ = rounds["pending"], rounds["moderated"]
    assert "Odottaa moderointia." not in world.client_for("anonymous").get(_public("fi", round_)).content.decode()
    services.moderate_comment(actor=world.users["coordinator"], comment=pending, publish=True)
    assert "Odottaa moderointia." in world.client_for("anonymous").get(_public("fi", round_)).content.decode()


def test_personal_data_removed_on_request(world, rounds):
    comment = services.add_comment(
        actor=ANON, section=rounds["section"], body="Naapurini Matti Meikäläinen on yksinäinen.", nickname="Liisa L"
    )
    services.redact_comment(actor=world.users["coordinator"], comment=comment, passage="Matti Meikäläinen")
    comment.refresh_from_db()
    assert comment.text == "Naapurini […] on yksinäinen."
    assert comment.redacted
    entry = AuditEntry.objects.filter(action="participation.comment_redact").latest("pk")
    assert "Matti" not in str(entry.changes)
    services.redact_comment(actor=world.users["coordinator"], comment=comment)
    comment.refresh_from_db()
    assert (comment.text, comment.nickname) == ("[…]", "")


def test_nobody_edits_another_residents_comment(world, rounds):
    from hyte.accounts.permissions import Action, permissions_for

    comment = rounds["comment"]
    assert not permissions_for(world.users["outsider"]).can(Action.EDIT, comment)
    assert not permissions_for(world.users["editor"]).can(Action.EDIT, comment)
    assert not permissions_for(ANON).can(Action.EDIT, comment)
    assert permissions_for(world.users["coordinator"]).can(Action.EDIT, comment)


def test_offline_comments_are_counted_with_their_source(world, rounds):
    section = rounds["section"]
    with pytest.raises(ValidationError):
        services.add_offline_comment(actor=SYSTEM, section=section, body="x", source="web")
    comment = services.add_offline_comment(
        actor=world.users["coordinator"], section=section, body="Paperilla annettu palaute", source="paper"
    )
    assert (comment.source, comment.status) == ("paper", CommentStatus.PUBLISHED)
    page = queries.round_page(rounds["round"], user=ANON)
    assert page["sections"][0].comment_count == 3
    html = world.client_for("anonymous").get(_public("fi", rounds["round"])).content.decode()
    assert "Paperilla annettu palaute" in html


def test_statements_shown_with_their_author_once_given(world, rounds):
    html = world.client_for("anonymous").get(_public("fi", rounds["round"])).content.decode()
    assert "Kemin nuorisovaltuusto" in html
    assert "Nuorisovaltuusto kannattaa suunnitelmaa." in html
    assert "Vanhusneuvosto" not in html  # asked, not given


def test_closing_needs_the_period_over_and_a_summary(world, rounds):
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError, match="vielä avoinna"):
        services.close_round(actor=coordinator, round=rounds["round"])
    ended = rounds["ended"]
    with pytest.raises(ValidationError, match="yhteenveto palautteesta"):
        services.close_round(actor=coordinator, round=ended)
    assert ended.closed_at is None
    services.write_summary(actor=coordinator, round=ended, summary="Palautetta tuli vähän.")
    services.close_round(actor=coordinator, round=ended)
    ended.refresh_from_db()
    assert ended.state == RoundState.CLOSED


def test_the_drafted_summary_counts_sections_polls_and_supports(world, rounds):
    services.support_comment(actor=ANON, comment=rounds["comment"], reader="r1")
    services.answer_poll(actor=ANON, section=rounds["section"], value=0, reader="r1")
    services.answer_poll(actor=ANON, section=rounds["section"], value=0, reader="r2")
    services.answer_poll(actor=ANON, section=rounds["section"], value=1, reader="r3")
    from django.utils import translation

    with translation.override("en"):
        text = draft_summary(queries.round_page(rounds["round"], user=world.users["coordinator"]))
    assert "2 comments in all." in text
    assert "2 comments" in text.splitlines()[3]
    assert "Liikunta 2 (67 %)" in text
    assert "Kulttuuri 1 (33 %)" in text
    assert "“Lisää harrastuksia nuorille!” (1 support)" in text


def test_what_changed_after_feedback_is_the_diff_with_the_approved_version(world, rounds):
    plan, round_ = rounds["plan"], rounds["round"]
    services.answer_comment(
        actor=world.users["coordinator"],
        comment=rounds["comment"],
        answer="Kiitos, lisättiin.",
        change=rounds["change"],
    )
    block = plan.sections.order_by("position").first().blocks.filter(kind="text").first()
    from hyte.reports import services as report_services

    report_services.edit_block(
        actor=SYSTEM,
        block=block,
        text="Kemissä lasten ja nuorten hyvinvointi on pääosin hyvää. Jokaiselle nuorelle taataan harrastus.",
        expected_revision=block.revision,
    )
    approve_and_publish(plan, world.users["coordinator"])
    page = queries.round_page(round_, user=ANON)
    first, second = page["sections"]
    assert page["version"] is not None
    removed = "".join(p.text for p in first.diff if p.kind == "removed")
    added = "".join(p.text for p in first.diff if p.kind == "added")
    assert "Harrastuksia on tarjolla monipuolisesti." in removed
    assert "Jokaiselle nuorelle taataan harrastus." in added
    assert second.diff == []  # unchanged
    html = world.client_for("anonymous").get(_public("en", round_), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<ins>" in html
    assert "<del>" in html
    assert "[added:" in html
    assert "[removed:" in html
    assert "What changed after feedback" in html
    assert "The text of this section did not change." in html
    assert "Led to a change:" in html
    assert "Lisättiin harrastustakuu." in html


def test_diff_pieces_are_word_by_word():
    pieces = diff("yksi kaksi kolme", "yksi neljä kolme")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "yksi "),
        ("removed", "kaksi "),
        ("added", "neljä "),
        ("same", "kolme"),
    ]
    # Text added after the last word marks only what was added, not the word before it.
    assert [(p.kind, p.text) for p in diff("klo 19:ään.", "klo 19:ään. Lisäys.")] == [
        ("same", "klo 19:ään. "),
        ("added", "Lisäys."),
    ]


def test_section_text_joins_written_blocks_only():
    class B:
        def __init__(self, kind, text="", items=()):
            self.kind, self.text, self.text_sv, self.items = kind, text, "", list(items)

    blocks = [B("text", "Eka"), B("chart", "ei"), B("strengths", "", ["Vahva", " "]), B("summary", "Loppu")]
    assert section_text(blocks) == "Eka\n\n- Vahva\n\nLoppu"


def test_round_pages_in_finnish_and_swedish(world, rounds):
    client = world.client_for("anonymous")
    fi = client.get(_public("fi", rounds["round"]))
    sv = client.get(_public("sv", rounds["round"]))
    assert fi.status_code == sv.status_code == 200
    assert "Kommentoi hyvinvointisuunnitelmaa" in fi.content.decode()
    assert "Kommentera välfärdsplanen" in sv.content.decode()
    assert "SV: Kemissä" in sv.content.decode()
    assert sv["Content-Language"] == "sv"


def test_an_upcoming_round_is_not_public(world, rounds):
    upcoming = open_on(draft_plan(world, "Tuleva"), days=(5, 20), title="Tuleva kierros")
    assert world.client_for("anonymous").get(_public("fi", upcoming)).status_code == 404
    staff = reverse("participation-round", kwargs={"slug": "kemi", "round_id": upcoming.pk})
    assert world.client_for("reader").get(staff).status_code == 200


def test_exports(world, rounds):
    client = world.client_for("coordinator")
    args = {"slug": "kemi", "round_id": rounds["round"].pk}
    xlsx = client.get(reverse("participation-xlsx", kwargs=args))
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    texts = [row[9] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Lisää harrastuksia nuorille!" in texts
    assert "Samaa mieltä." in texts
    pdf = client.get(reverse("participation-pdf", kwargs=args))
    assert pdf.status_code == 200
    assert pdf.content[:4] == b"%PDF"


def test_a_section_shows_its_newest_50_comments_and_the_rest_on_request(world, rounds):
    from tests.participation_world import many_comments

    many_comments(rounds["round"], 150)
    client = world.client_for("anonymous")
    url = _public("en", rounds["round"])
    section = rounds["section"]
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Show 11 earlier comments" in page  # 120 top-level on 2 sections + 1 of the world's: 61 here, 50 shown
    assert "Lisää harrastuksia nuorille!" not in page  # the world's first comment is among the earlier
    everything = client.get(f"{url}?all={section.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Lisää harrastuksia nuorille!" in everything


def test_an_organisation_in_hyte_is_asked_told_and_gives_its_statement_on_its_own_page(world, rounds):
    """Kemi's coordinator asks Lappi through the round's form; Lappi's coordinator is told, finds it on Lappi's
    statements page and gives it there; it is then on the round's public page under Lappi's name. Kemi's reader
    and Tornio cannot give it."""
    from hyte.notifications.models import Notification
    from hyte.participation.models import Statement

    round_ = rounds["round"]
    coordinator = world.client_for("coordinator")
    asked = coordinator.post(
        f"/o/kemi/participation/{round_.pk}/statements/", {"organisation": world.lappi.pk, "due_on": "2026-12-20"}
    )
    assert asked.status_code == 302
    statement = Statement.objects.get(round=round_, organisation=world.lappi)
    assert statement.author_name == "Lapin hyvinvointialue"  # the organisation's name when none is typed
    told = Notification.objects.get(user=world.users["county"])
    assert told.url == "/o/lappi/statements/"
    assert "Lausunto" not in told.text
    county = world.client_for("county")
    page = county.get("/o/lappi/statements/").content.decode()
    assert round_.title in page
    assert f"/o/lappi/statements/{statement.pk}/" in page
    given = county.post(f"/o/lappi/statements/{statement.pk}/", {"text": "Alue tukee suunnitelmaa.", "text_sv": ""})
    assert given.status_code == 302
    statement.refresh_from_db()
    assert statement.given_at is not None
    assert AuditEntry.objects.filter(action="participation.statement_give", object_id=str(statement.pk)).exists()
    html = world.client_for("anonymous").get(_public("fi", round_)).content.decode()
    assert "Alue tukee suunnitelmaa." in html
    assert world.client_for("outsider").get("/o/lappi/statements/").status_code == 404
    assert world.client_for("reader").post(f"/o/kemi/statements/{statement.pk}/", {"text": "X"}).status_code == 404
    assert world.client_for("outsider").post(f"/o/tornio/statements/{statement.pk}/", {"text": "X"}).status_code == 404
