"""Evaluation pages: an operation's joint evaluation, the agencies' evaluations, the
improvement plan, and the outcomes and feedback of a carried-out operation."""

from django.urls import path

from utvardering import views, views_rapport, views_utfall, views_utvardering

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
    path(
        "insatser/<int:pk>/utvardering/rapport/",
        views_rapport.bestall,
        name="bestall_utvarderingsrapport",
    ),
    path(
        "utvardering/rapporter/<int:pk>/pdf/",
        views_rapport.ladda_ned,
        name="ladda_ned_utvarderingsrapport",
    ),
    path("insatser/<int:pk>/utfall/", views_utfall.utfall, name="utfall"),
    path(
        "insatser/<int:pk>/utfall/aterkoppling/",
        views_utfall.aterkoppling,
        name="ge_aterkoppling",
    ),
    path("utvardering/utfall/<int:pk>/andra/", views_utfall.andra_utfall, name="andra_utfall"),
    path(
        "utvardering/utfall/<int:pk>/ta-bort/", views_utfall.ta_bort_utfall, name="ta_bort_utfall"
    ),
]
