"""Evaluation pages: an operation's joint evaluation, the agencies' evaluations and the
improvement plan."""

from django.urls import path

from utvardering import views, views_utvardering

urlpatterns = [
    path(
        "insatser/<int:pk>/utvardering/",
        views_utvardering.utvardering,
        name="insats_utvardering",
    ),
    path(
        "utvardering/myndighetsutvarderingar/<int:pk>/",
        views_utvardering.myndighetsutvardering,
        name="myndighetsutvardering",
    ),
    path("utvardering/forbattringar/", views_utvardering.forbattringar, name="forbattringar"),
    path(
        "utvardering/insatser/<int:pk>/forbattringsomraden/",
        views.forbattringsomraden,
        name="forbattringsomraden",
    ),
    path(
        "utvardering/forbattringsomraden/<int:pk>/paborja/",
        views_utvardering.paborja,
        name="paborja_forbattringsomrade",
    ),
    path(
        "utvardering/forbattringsomraden/<int:pk>/atgarda/",
        views.atgarda,
        name="atgarda_forbattringsomrade",
    ),
]
