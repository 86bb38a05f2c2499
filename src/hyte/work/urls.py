from django.urls import path

from hyte.work import views

urlpatterns = [
    path("o/<slug:slug>/", views.organisation_home, name="organisation-home"),
]
