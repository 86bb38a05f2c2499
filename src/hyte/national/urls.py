from django.urls import path, register_converter

from hyte.national.views import answers, overview, surveys


class LanguageConverter:
    regex = "fi|sv|en"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(LanguageConverter, "national_lang")

S = "o/<slug:slug>/resources-survey/"
R = S + "<int:round_id>/"

urlpatterns = [
    # Before the public site's organisation pages: "national" is not an organisation's short name there.
    path("public/<national_lang:lang>/national/", overview.public_overview, name="national-public"),
    path("public/national/<str:name>", overview.public_data, name="national-open-data"),
    path("national/", overview.national_overview, name="national-overview"),
    path("national/finland.<str:file_format>", overview.national_export, name="national-export"),
    path(S, surveys.survey_list, name="national-surveys"),
    path(R, surveys.survey_page, name="national-survey"),
    path(R + "questions/", surveys.question_add, name="national-question-add"),
    path(R + "questions/<int:question_id>/remove/", surveys.question_remove, name="national-question-remove"),
    path(R + "open/", surveys.survey_open, name="national-survey-open"),
    path(R + "close/", surveys.survey_close, name="national-survey-close"),
    path(R + "results.xlsx", surveys.survey_xlsx, name="national-survey-xlsx"),
    path(R + "answer/", answers.answer, name="national-answer"),
]
