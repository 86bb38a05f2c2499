from django.urls import path

from hyte.actors import views, views_concepts, views_gaps

R = "o/<slug:slug>/register/"

urlpatterns = [
    path(R + "actors/", views.actor_list, name="register-actors"),
    path(R + "actors/new/", views.actor_edit, name="register-actor-new"),
    path(R + "actors/<int:actor_id>/", views.actor_edit, name="register-actor"),
    path(R + "activities/", views.activity_list, name="register-activities"),
    path(R + "activities/new/", views.activity_edit, name="register-activity-new"),
    path(R + "activities/<int:activity_id>/", views.activity_edit, name="register-activity"),
    path(R + "activities/<int:activity_id>/hide/", views.activity_hide, name="register-activity-hide"),
    path(R + "activities/<int:activity_id>/unhide/", views.activity_unhide, name="register-activity-unhide"),
    path(R + "activities/<int:activity_id>/checked/", views.activity_check, name="register-activity-check"),
    path(R + "stale/", views.stale, name="register-stale"),
    path(R + "gaps/", views_gaps.gaps, name="register-gaps"),
    path(R + "gaps/places/", views_gaps.gaps_by_place, name="register-gaps-places"),
    path(R + "gaps.xlsx", views_gaps.gaps_xlsx_view, name="register-gaps-xlsx"),
    path(R + "concept/", views_concepts.concept_settings, name="register-concept"),
]
