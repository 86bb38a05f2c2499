from django.urls import path

from hyte.audit import views

urlpatterns = [path("o/<slug:slug>/audit/", views.organisation_audit_log, name="organisation-audit-log")]
