from django.urls import path

from hyte.grants.views import applications, calls, decision, review, summary, use_reports

G = "o/<slug:slug>/grants/"
C = G + "calls/<int:call_id>/"
A = G + "applications/<int:application_id>/"

urlpatterns = [
    path(G, calls.grants, name="grants"),
    path(G + "summary/", summary.summary, name="grants-summary"),
    path(G + "summary.xlsx", summary.summary_file, name="grants-summary-xlsx"),
    path(C, calls.call_page, name="grants-call"),
    path(C + "publish/", calls.call_publish, name="grants-call-publish"),
    path(C + "criteria/", calls.criterion_add, name="grants-criterion-add"),
    path(C + "criteria/<int:criterion_id>/remove/", calls.criterion_remove, name="grants-criterion-remove"),
    path(C + "questions/", calls.question_add, name="grants-question-add"),
    path(C + "questions/<int:question_id>/remove/", calls.question_remove, name="grants-question-remove"),
    path(C + "apply/", applications.apply, name="grants-apply"),
    path(C + "ranking/", review.ranking, name="grants-ranking"),
    path(A + "review/", review.review, name="grants-review"),
    path(C + "decision/", decision.decision, name="grants-decision"),
    path(C + "decision/publish/", decision.decision_publish, name="grants-decision-publish"),
    path(A + "proposal/", review.proposal, name="grants-proposal"),
    path(C + "use-reports/", use_reports.call_use_reports, name="grants-use-reports"),
    path(A + "use-report/", use_reports.use_report, name="grants-use-report"),
    path(A + "use-report/send/", use_reports.use_report_send, name="grants-use-report-send"),
    path(A + "use-report/ledger/", use_reports.use_report_ledger, name="grants-use-report-ledger"),
    path(A + "use-report/ledger/file/", use_reports.use_report_ledger_file, name="grants-use-report-ledger-file"),
    path(A + "use-report/check/", use_reports.use_report_check, name="grants-use-report-check"),
    path(A + "use-report/due/", use_reports.use_report_due, name="grants-use-report-due"),
    path(A, applications.application_page, name="grants-application"),
    path(A + "submit/", applications.application_submit, name="grants-application-submit"),
    path(A + "change/", applications.change_start, name="grants-change-start"),
    path(A + "change/decide/", applications.change_decide, name="grants-change-decide"),
    path(A + "attachments/", applications.attachment_add, name="grants-attachment-add"),
    path(A + "attachments/<int:attachment_id>/", applications.attachment, name="grants-attachment"),
    path(
        A + "attachments/<int:attachment_id>/remove/", applications.attachment_remove, name="grants-attachment-remove"
    ),
]
