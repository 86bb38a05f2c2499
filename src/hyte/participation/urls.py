from django.urls import path

from hyte.participation.views import asked, manage, moderation, public

ORG = "o/<slug:slug>/participation/"
R = ORG + "<int:round_id>/"
PUB = "public/<str:lang>/<slug:slug>/rounds/"
PR = PUB + "<int:round_id>/"

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
]
