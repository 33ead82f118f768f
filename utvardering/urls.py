"""Evaluation pages: improvement areas of a carried-out operation."""

from django.urls import path

from utvardering import views

urlpatterns = [
    path(
        "utvardering/insatser/<int:pk>/forbattringsomraden/",
        views.forbattringsomraden,
        name="forbattringsomraden",
    ),
    path(
        "utvardering/forbattringsomraden/<int:pk>/atgarda/",
        views.atgarda,
        name="atgarda_forbattringsomrade",
    ),
]
