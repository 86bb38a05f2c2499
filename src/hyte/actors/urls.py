from django.urls import path

from hyte.actors import duplicate_views, views, views_concepts, views_gaps, views_import
from hyte.actors.support_paths import views as paths

R = "o/<slug:slug>/register/"

urlpatterns = [
    path(R + "actors/", views.actor_list, name="register-actors"),
    path(R + "actors/new/", views.actor_edit, name="register-actor-new"),
    path(R + "actors/<int:actor_id>/", views.actor_edit, name="register-actor"),
    path(R + "activities/", views.activity_list, name="register-activities"),
    path(R + "activities/new/", views.activity_edit, name="register-activity-new"),
    path(R + "activities/<int:activity_id>/", views.activity_edit, name="register-activity"),
    path(R + "activities/<int:activity_id>/image/", views.activity_image, name="register-activity-image"),
    path(R + "activities/<int:activity_id>/hide/", views.activity_hide, name="register-activity-hide"),
    path(R + "activities/<int:activity_id>/unhide/", views.activity_unhide, name="register-activity-unhide"),
    path(R + "activities/<int:activity_id>/checked/", views.activity_check, name="register-activity-check"),
    path(R + "stale/", views.stale, name="register-stale"),
    path(R + "duplicates/", duplicate_views.duplicate_list, name="register-duplicates"),
    path(R + "duplicates/<int:first_id>/<int:second_id>/", duplicate_views.duplicate_merge, name="register-merge"),
    path(
        R + "duplicates/<int:first_id>/<int:second_id>/not-duplicates/",
        duplicate_views.duplicate_dismiss,
        name="register-not-duplicates",
    ),
    path(R + "gaps/", views_gaps.gaps, name="register-gaps"),
    path(R + "gaps/places/", views_gaps.gaps_by_place, name="register-gaps-places"),
    path(R + "gaps.xlsx", views_gaps.gaps_xlsx_view, name="register-gaps-xlsx"),
    path(R + "concept/", views_concepts.concept_settings, name="register-concept"),
    path(R + "import/", views_import.start, name="register-import"),
    path(R + "import/linked-events/", views_import.start_events, name="register-import-events"),
    path(R + "import/template.xlsx", views_import.template, name="register-import-template"),
    path(R + "import/<int:import_id>/", views_import.run_page, name="register-import-run"),
    path(R + "import/<int:import_id>/columns/", views_import.columns, name="register-import-columns"),
    path(R + "import/<int:import_id>/discard/", views_import.discard, name="register-import-discard"),
    path(R + "paths/", paths.path_list, name="register-paths"),
    path(R + "paths/new/", paths.path_edit, name="register-path-new"),
    path(R + "paths/<int:path_id>/", paths.path_edit, name="register-path"),
    path(R + "paths/<int:path_id>/publish/", paths.path_publish, name="register-path-publish"),
    path(R + "paths/<int:path_id>/unpublish/", paths.path_unpublish, name="register-path-unpublish"),
    path(R + "paths/<int:path_id>/delete/", paths.path_delete, name="register-path-delete"),
    path(R + "paths/<int:path_id>/steps/new/", paths.step_edit, name="register-path-step-new"),
    path(R + "paths/<int:path_id>/steps/<int:step_id>/", paths.step_edit, name="register-path-step"),
    path(R + "paths/<int:path_id>/steps/<int:step_id>/move/", paths.step_move, name="register-path-step-move"),
    path(R + "paths/<int:path_id>/steps/<int:step_id>/remove/", paths.step_remove, name="register-path-step-remove"),
]
