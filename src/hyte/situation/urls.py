from django.urls import path

from hyte.situation import views

urlpatterns = [
    path("o/<slug:slug>/situation/", views.situation, name="situation"),
    path("o/<slug:slug>/situation/export.<str:file_format>", views.situation_export, name="situation-export"),
    path(
        "o/<slug:slug>/situation/indicators/<int:indicator_id>/", views.situation_indicator, name="situation-indicator"
    ),
    path("o/<slug:slug>/situation/municipalities/", views.county_municipalities, name="situation-municipalities"),
    path(
        "o/<slug:slug>/situation/municipalities/export.csv",
        views.county_municipalities_export,
        name="situation-municipalities-export",
    ),
    path("o/<slug:slug>/rules/", views.rule_list, name="rule-list"),
    path("o/<slug:slug>/rules/<int:rule_id>/deactivate/", views.rule_deactivate, name="rule-deactivate"),
    path("o/<slug:slug>/alerts/<int:alert_id>/dismiss/", views.alert_dismiss, name="alert-dismiss"),
]
