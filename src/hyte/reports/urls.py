from django.urls import path

from hyte.reports import amendment_views, block_views, budget_views, pdf_views, views

P = "o/<slug:slug>/reports/<int:report_id>/"

urlpatterns = [
    path("o/<slug:slug>/reports/", views.report_list, name="report-list"),
    path("o/<slug:slug>/reports/municipalities/", views.county_overview, name="report-county-overview"),
    path(P, views.report_detail, name="report-detail"),
    path(P + "blocks/<int:block_id>/", block_views.block_edit, name="report-block-edit"),
    path(P + "sections/<int:section_id>/blocks/", block_views.block_add, name="report-block-add"),
    path(
        P + "sections/<int:section_id>/blocks/scenario/",
        block_views.block_add_scenario,
        name="report-block-add-scenario",
    ),
    path(P + "images/<int:image_id>/", block_views.report_image, name="report-image"),
    path(P + "sections/<int:section_id>/title/", block_views.section_rename, name="report-section-rename"),
    path(P + "blocks/<int:block_id>/move/", block_views.block_move, name="report-block-move"),
    path(P + "blocks/<int:block_id>/remove/", block_views.block_remove, name="report-block-remove"),
    path(P + "blocks/<int:block_id>/indicators/", block_views.block_indicators, name="report-block-indicators"),
    path(P + "goals/", views.goal_add, name="report-goal-add"),
    path(P + "goals/<int:goal_id>/indicators/", views.goal_indicator_add, name="report-goal-indicator-add"),
    path(P + "goals/<int:goal_id>/measures/", views.measure_add, name="report-measure-add"),
    path(P + "progress/<int:entry_id>/", views.progress_edit, name="report-progress-edit"),
    path(P + "comments/", views.comment_add, name="report-comment-add"),
    path(P + "comments/<int:comment_id>/resolve/", views.comment_resolve, name="report-comment-resolve"),
    path(P + "status/", views.status_change, name="report-status"),
    path(P + "export.<str:file_format>", views.report_export, name="report-export"),
    path(P + "pdf/", pdf_views.report_pdfs, name="report-pdfs"),
    path(P + "pdf/<int:export_id>/", pdf_views.report_pdf_download, name="report-pdf-download"),
    path(P + "budget/", budget_views.budget, name="report-budget"),
    path(P + "budget/lines/", budget_views.budget_line_set, name="report-budget-line"),
    path(P + "budget/lines/<int:line_id>/remove/", budget_views.budget_line_remove, name="report-budget-line-remove"),
    path(P + "budget.<str:file_format>", budget_views.budget_export, name="report-budget-export"),
    path(P + "goals/<int:goal_id>/supported-by/", views.goal_link, name="report-goal-link"),
    path(P + "versions/compare/", views.version_compare, name="report-version-compare"),
    path(P + "assign/<str:subject>/<int:subject_id>/", views.assign, name="report-assign"),
    path(P + "amendments/", amendment_views.amendment_start, name="report-amendment-start"),
    path(P + "amendments/<int:number>/", amendment_views.amendment_detail, name="report-amendment"),
    path(
        P + "amendments/<int:number>/propose/<str:kind>/",
        amendment_views.amendment_propose,
        name="report-amendment-propose",
    ),
    path(
        P + "amendments/<int:number>/changes/<int:change_id>/withdraw/",
        amendment_views.amendment_withdraw,
        name="report-amendment-withdraw",
    ),
    path(P + "amendments/<int:number>/status/", amendment_views.amendment_status, name="report-amendment-status"),
    path("o/<slug:slug>/reports/municipalities/pull/", views.pull_into_regional, name="report-pull-regional"),
    path("o/<slug:slug>/alerts/<int:alert_id>/measure/", views.alert_to_measure, name="alert-to-measure"),
]
