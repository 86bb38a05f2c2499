from django.urls import path

from hyte.surveys.views import imports, surveys

S = "o/<slug:slug>/surveys/"
ONE = S + "<int:survey_id>/"

urlpatterns = [
    path(S, surveys.survey_list, name="surveys"),
    path(ONE, surveys.survey_page, name="survey"),
    path(ONE + "structure/", surveys.survey_structure, name="survey-structure"),
    path(ONE + "groupings/", surveys.grouping_add, name="survey-grouping-add"),
    path(ONE + "groupings/<int:grouping_id>/remove/", surveys.grouping_remove, name="survey-grouping-remove"),
    path(ONE + "indicators/", surveys.indicator_add, name="survey-indicator-add"),
    path(
        ONE + "indicators/<int:survey_indicator_id>/remove/", surveys.indicator_remove, name="survey-indicator-remove"
    ),
    path(ONE + "imports/", imports.import_start, name="survey-import-start"),
    path(ONE + "imports/<int:import_id>/", imports.import_page, name="survey-import"),
    path(ONE + "imports/<int:import_id>/confirm/", imports.import_confirm, name="survey-import-confirm"),
    path(ONE + "imports/<int:import_id>/discard/", imports.import_discard, name="survey-import-discard"),
]
