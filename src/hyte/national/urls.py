from django.urls import path

from hyte.national.views import answers, surveys

S = "o/<slug:slug>/surveys/"
R = S + "<int:round_id>/"

urlpatterns = [
    path(S, surveys.survey_list, name="national-surveys"),
    path(R, surveys.survey_page, name="national-survey"),
    path(R + "questions/", surveys.question_add, name="national-question-add"),
    path(R + "questions/<int:question_id>/remove/", surveys.question_remove, name="national-question-remove"),
    path(R + "open/", surveys.survey_open, name="national-survey-open"),
    path(R + "close/", surveys.survey_close, name="national-survey-close"),
    path(R + "results.xlsx", surveys.survey_xlsx, name="national-survey-xlsx"),
    path(R + "answer/", answers.answer, name="national-answer"),
]
