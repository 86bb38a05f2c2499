from django.urls import path

from hyte.regions import views

urlpatterns = [
    path("areas/", views.area_list, name="area-list"),
    path("areas/<str:kind>/<str:code>/", views.area_detail, name="area-detail"),
]
