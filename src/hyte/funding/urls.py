from django.urls import path

from hyte.funding.views import admin, edit, results, scenarios

F = "coefficient/"
M = F + "<int:model_id>/"

urlpatterns = [
    path(F, results.models_page, name="funding"),
    path(F + "import/", admin.model_import, name="funding-import"),
    path(F + "teaviisari/", admin.teaviisari_import, name="funding-teaviisari-import"),
    path(M, results.results_page, name="funding-results"),
    path(M + "export.json", results.model_export, name="funding-export"),
    path(M + "new-version/", admin.model_new_version, name="funding-new-version"),
    path(M + "edit/", edit.model_edit, name="funding-edit"),
    path(M + "official/", admin.official_import, name="funding-official-import"),
    path(M + "areas/<int:area_id>/", results.area_page, name="funding-area"),
    path(
        "o/<slug:slug>/" + M + "areas/<int:area_id>/scenarios/", scenarios.scenario_save, name="funding-scenario-save"
    ),
    path("o/<slug:slug>/coefficient/scenarios/", scenarios.scenario_list, name="funding-scenarios"),
    path(
        "o/<slug:slug>/coefficient/scenarios/<int:scenario_id>/",
        scenarios.scenario_share,
        name="funding-scenario",
    ),
]
