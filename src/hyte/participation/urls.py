from django.urls import path

from hyte.participation.views import asked, discussions, manage, moderation, public, public_discussions

ORG = "o/<slug:slug>/participation/"
R = ORG + "<int:round_id>/"
PUB = "public/<str:lang>/<slug:slug>/rounds/"
PR = PUB + "<int:round_id>/"
D = ORG + "discussions/<int:discussion_id>/"
DT = D + "topics/<int:topic_id>/"
PD = "public/<str:lang>/<slug:slug>/discussions/<int:discussion_id>/"

urlpatterns = [
    path(ORG, manage.round_list, name="participation"),
    path("o/<slug:slug>/statements/", asked.asked_statements, name="participation-asked"),
    path("o/<slug:slug>/statements/<int:statement_id>/", asked.give_asked_statement, name="participation-asked-give"),
    path(ORG + "assessments/<int:assessment_id>/", manage.assessment_round_new, name="participation-assessment"),
    path(R, manage.round_page, name="participation-round"),
    path(R + "close/", manage.round_close, name="participation-close"),
    path(R + "sections/<int:section_id>/poll/", manage.poll_set, name="participation-poll"),
    path(R + "offline/", manage.offline_add, name="participation-offline"),
    path(R + "changes/", manage.change_add, name="participation-change-add"),
    path(R + "statements/", manage.statement_request, name="participation-statement-request"),
    path(R + "statements/<int:statement_id>/", manage.statement, name="participation-statement"),
    path(R + "comments.xlsx", manage.export_xlsx, name="participation-xlsx"),
    path(R + "summary.pdf", manage.export_pdf, name="participation-pdf"),
    path(R + "comments/<int:comment_id>/moderate/", moderation.moderate, name="participation-moderate"),
    path(R + "comments/<int:comment_id>/redact/", moderation.redact, name="participation-redact"),
    path(R + "comments/<int:comment_id>/answer/", moderation.answer, name="participation-answer"),
    path(PUB, public.round_list, name="public-rounds"),
    path(PR, public.round_page, name="public-round"),
    path(PR + "comments/<int:comment_id>/support/", public.support, name="public-round-support"),
    path(PR + "comments/<int:comment_id>/flag/", public.flag, name="public-round-flag"),
    path(PR + "sections/<int:section_id>/poll/", public.poll, name="public-round-poll"),
    # The value discussion (seed 002): topics of joy and worry, votes per group, topics turned into draft goals.
    path(ORG + "discussions/new/", discussions.discussion_new, name="participation-discussion-new"),
    path(D, discussions.discussion_page, name="participation-discussion"),
    path(D + "settings/", discussions.discussion_settings, name="participation-discussion-settings"),
    path(D + "groups/", discussions.group_add, name="participation-discussion-group"),
    path(D + "phase/", discussions.phase_set, name="participation-discussion-phase"),
    path(D + "topics/", discussions.topic_add, name="participation-topic-add"),
    path(D + "topics/from-comment/", discussions.topic_from_comment, name="participation-topic-from-comment"),
    path(DT + "moderate/", discussions.topic_moderate, name="participation-topic-moderate"),
    path(DT + "indicators/", discussions.topic_indicator, name="participation-topic-indicator"),
    path(DT + "goal/", discussions.topic_goal, name="participation-topic-goal"),
    path(D + "votes/", discussions.votes, name="participation-discussion-votes"),
    path(PD, public_discussions.discussion_page, name="public-discussion"),
    path(PD + "votes/", public_discussions.votes, name="public-discussion-votes"),
]
