from django.urls import path

from hyte.assessments import views

A = "o/<slug:slug>/assessments/"
P = A + "<int:assessment_id>/"

urlpatterns = [
    path(A, views.assessment_list, name="assessment-list"),
    path(A + "export.csv", views.register_export, name="assessment-register-export"),
    path(A + "templates/", views.template_list, name="assessment-template-list"),
    path(A + "templates/<str:kind>/", views.template_edit, name="assessment-template-edit"),
    path(P, views.assessment_detail, name="assessment-detail"),
    path(P + "edit/", views.assessment_edit, name="assessment-edit"),
    path(P + "people/", views.people, name="assessment-people"),
    path(P + "answers/", views.answers, name="assessment-answers"),
    path(P + "screening/", views.screening, name="assessment-screening"),
    path(P + "options/", views.option_add, name="assessment-option-add"),
    path(P + "options/<int:option_id>/remove/", views.option_remove, name="assessment-option-remove"),
    path(P + "options/<int:option_id>/impacts/<str:area>/", views.impact_edit, name="assessment-impact"),
    path(P + "grid/", views.grid, name="assessment-grid"),
    path(P + "goals/", views.goal_effect, name="assessment-goal-effect"),
    path(P + "hearings/", views.hearing_add, name="assessment-hearing-add"),
    path(P + "ready/", views.ready, name="assessment-ready"),
    path(P + "reopen/", views.reopen, name="assessment-reopen"),
    path(P + "decision/", views.decision, name="assessment-decision"),
    path(P + "follow-up/", views.follow_up, name="assessment-follow-up"),
    path(P + "summary/", views.summary, name="assessment-summary"),
    path(P + "summary.<str:file_format>", views.summary_export, name="assessment-export"),
]
