from django.urls import path, register_converter

from hyte.public import activity_data, chains, finder, grants, negotiations, paths, views


class LanguageConverter:
    regex = "fi|sv|en"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "lang")

P = "public/<lang:lang>/<slug:slug>/<int:report_id>/"

urlpatterns = [
    path("public/", views.root, name="public-root"),
    path("public/sitemap.xml", views.sitemap, name="public-sitemap"),
    path(
        "public/data/<slug:slug>/<int:report_id>/v<int:number>/<str:name>",
        views.data,
        name="public-data",
    ),
    path(
        "public/images/<slug:slug>/<int:report_id>/v<int:number>/<int:image_id>.<str:ext>",
        views.image,
        name="public-image",
    ),
    path("public/activity-images/<int:activity_id>/<str:name>", finder.activity_image, name="public-activity-image"),
    path("public/activities/<str:name>", activity_data.register_file, name="public-register-file"),
    path("public/grants/calls.<str:file_format>", grants.calls_data, name="public-grant-calls-data"),
    path("public/grants/decisions.<str:file_format>", grants.decisions_data, name="public-grant-decisions-data"),
    path("public/<lang:lang>/", views.index, name="public-index"),
    # Before the organisations' pages: "activities" is not an organisation's short name.
    path("public/<lang:lang>/activities/", finder.finder, name="public-finder"),
    path("public/<lang:lang>/activities/<int:activity_id>/", finder.activity, name="public-activity"),
    path("public/<lang:lang>/activities/paths/", paths.path_list, name="public-paths"),
    path("public/<lang:lang>/activities/paths/<int:path_id>/", paths.path_page, name="public-path"),
    path("public/<lang:lang>/activities/paths/<int:path_id>/leaflet.pdf", paths.leaflet, name="public-path-leaflet"),
    path("public/<lang:lang>/activities/open-data/", activity_data.open_data, name="public-activity-open-data"),
    path("public/<lang:lang>/<slug:slug>/", views.organisation, name="public-organisation"),
    path("public/<lang:lang>/<slug:slug>/negotiations/", negotiations.negotiations, name="public-negotiations"),
    path(
        "public/<lang:lang>/<slug:slug>/negotiations/<int:meeting_id>/",
        negotiations.negotiation,
        name="public-negotiation",
    ),
    path("public/<lang:lang>/<slug:slug>/chains/", chains.chains, name="public-chains"),
    path("public/<lang:lang>/<slug:slug>/chains/<int:chain_id>/", chains.chain, name="public-chain"),
    path("public/<lang:lang>/<slug:slug>/grants/", grants.calls, name="public-grant-calls"),
    path("public/<lang:lang>/<slug:slug>/grants/<int:call_id>/", grants.call, name="public-grant-call"),
    path("public/<lang:lang>/<slug:slug>/grants/goals/", grants.goals, name="public-grant-goals"),
    path(
        "public/<lang:lang>/<slug:slug>/grants/<int:call_id>/decision/", grants.decision, name="public-grant-decision"
    ),
    path(P, views.report, name="public-report"),
    path(P + "v<int:number>/", views.report, name="public-version"),
    path(P + "v<int:number>/report.pdf", views.report_pdf, name="public-version-pdf"),
]
