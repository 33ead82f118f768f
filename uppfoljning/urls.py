from django.urls import path

from uppfoljning import views

urlpatterns = [
    path("uppfoljning/", views.uppfoljning, name="uppfoljning"),
    path(
        "uppfoljning/export/<slug:tabell>.<slug:format>",
        views.exportera,
        name="uppfoljning_export",
    ),
]
