"""The annual wheel's pages, its files and the calendar feed."""

from django.urls import path

from arshjul import (
    views,
    views_lagesbild,
    views_moten,
    views_prenumeration,
    views_redigering,
    views_resurser,
)

urlpatterns = [
    path("arshjul/", views.index, name="arshjul"),
    path("arshjul/vy/", views.vy, name="arshjul_vy"),
    path(
        "arshjul/prioriteringar/",
        views_lagesbild.prioriteringar,
        name="lagesbildens_prioriteringar",
    ),
    path("arshjul/prenumeration/", views_prenumeration.prenumeration, name="arshjul_prenumeration"),
    path("arshjul/kalender/<str:token>.ics", views_prenumeration.kalender, name="arshjul_kalender"),
    path("arshjul/handelser/<int:pk>/", views_redigering.handelse, name="arshjul_handelse"),
    path("arshjul/handelser/<int:pk>/mote/", views_moten.mote, name="arshjul_mote"),
    path(
        "arshjul/handelser/<int:pk>/mote/protokoll/",
        views_moten.protokoll,
        name="arshjul_protokoll",
    ),
    path(
        "arshjul/handelser/<int:pk>/mote/atgarder/",
        views_moten.ny_atgard,
        name="arshjul_atgard_ny",
    ),
    path(
        "arshjul/handelser/<int:pk>/resurser/",
        views_resurser.resurser,
        name="arshjul_resurser",
    ),
    path(
        "arshjul/resurslofte/<int:pk>/ta-bort/",
        views_resurser.ta_bort,
        name="arshjul_resurslofte_ta_bort",
    ),
    path("arshjul/atgarder/<int:pk>/stang/", views_moten.stang_atgard, name="arshjul_atgard_stang"),
    path(
        "arshjul/begransningar/<int:pk>/",
        views_redigering.begransning,
        name="arshjul_begransning",
    ),
    path("arshjul/<slug:kod>/regler/", views_redigering.regler, name="arshjul_regler"),
    path("arshjul/<slug:kod>/regler/<int:pk>/", views_redigering.regel, name="arshjul_regel"),
    path("arshjul/<slug:kod>/<int:ar>/", views.ar, name="arshjul_ar"),
    path("arshjul/<slug:kod>/<int:ar>/framsteg/", views.framsteg, name="arshjul_framsteg"),
    path("arshjul/<slug:kod>/<int:ar>/rapport/", views.rapport, name="arshjul_rapport"),
    path("arshjul/<slug:kod>/<int:ar>/bygg/", views_redigering.bygg, name="arshjul_bygg"),
    path(
        "arshjul/<slug:kod>/<int:ar>/handelser/",
        views_redigering.handelser,
        name="arshjul_handelser",
    ),
    path(
        "arshjul/<slug:kod>/<int:ar>/begransningar/",
        views_redigering.begransningar,
        name="arshjul_begransningar",
    ),
    path(
        "arshjul/<slug:kod>/<int:ar>/versioner/<int:nummer>/publicera/",
        views_redigering.publicera,
        name="arshjul_publicera",
    ),
    path(
        "arshjul/<slug:kod>/<int:ar>/versioner/<int:nummer>/<str:format>/",
        views.fil,
        name="arshjul_fil",
    ),
]
