from django.urls import path

from hyte.indicators import views

urlpatterns = [
    path("o/<slug:slug>/indicators/", views.indicator_list, name="indicator-list"),
    path("o/<slug:slug>/indicators/<int:indicator_id>/", views.indicator_detail, name="indicator-detail"),
    path("o/<slug:slug>/indicator-sets/", views.set_list, name="indicator-set-list"),
    path("o/<slug:slug>/indicator-sets/<int:set_id>/", views.set_detail, name="indicator-set-detail"),
    path("o/<slug:slug>/indicator-sets/<int:set_id>/change/", views.set_change, name="indicator-set-change"),
    path("o/<slug:slug>/imports/", views.import_list, name="import-list"),
    path("o/<slug:slug>/imports/<int:batch_id>/", views.import_detail, name="import-detail"),
    path("o/<slug:slug>/imports/<int:batch_id>/columns/", views.import_map, name="import-map"),
]
