from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from hyte.accounts import views as account_views
from hyte.api.root import api
from hyte.core import views as core_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", require_POST(set_language), name="set-language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("hyte.accounts.urls")),
    path("", include("hyte.regions.urls")),
    path("", include("hyte.indicators.urls")),
    path("", include("hyte.situation.urls")),
    path("", include("hyte.reports.urls")),
    path("", include("hyte.national.urls")),  # before the public site: its national overview
    path("", include("hyte.public.urls")),
    path("", include("hyte.assessments.urls")),
    path("", include("hyte.actors.urls")),
    path("", include("hyte.cooperation.urls")),
    path("", include("hyte.funding.urls")),
    path("", include("hyte.participation.urls")),
    path("", include("hyte.surveys.urls")),
    path("", include("hyte.grants.urls")),
    path("", include("hyte.work.urls")),
    path("", include("hyte.notifications.urls")),
]
