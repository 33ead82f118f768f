"""The API's addresses, under /api/v1: plural nouns, no trailing slash."""

from django.urls import path, re_path

from api import (
    views,
    views_bemanning,
    views_frislappning,
    views_information,
    views_insatser,
    views_uppfoljning,
    views_uppgiftsbegaran,
    views_utvardering,
)

urlpatterns = [
    path("insatser", views_insatser.Insatser.as_view(), name="api_insatser"),
    path("insatser/<int:pk>", views_insatser.Insatsen.as_view(), name="api_insats"),
    path("mina-insatser", views_insatser.MinaInsatser.as_view(), name="api_mina_insatser"),
    path("insatser/<int:pk>/svar", views_insatser.Inbjudan.as_view(), name="api_inbjudan"),
    path(
        "insatser/<int:pk>/kontroller/<int:kontroll>/fynd",
        views_insatser.Fynd.as_view(),
        name="api_fynd",
    ),
    path(
        "insatser/<int:pk>/frislappningar",
        views_frislappning.Frislappningar.as_view(),
        name="api_frislappningar",
    ),
    path(
        "frislappningar/<int:pk>/aterkallelse",
        views_frislappning.Aterkallelse.as_view(),
        name="api_frislappning_aterkallelse",
    ),
    path(
        "insatser/<int:pk>/uppgiftsbegaranden",
        views_uppgiftsbegaran.Uppgiftsbegaranden.as_view(),
        name="api_uppgiftsbegaranden",
    ),
    path(
        "insatser/<int:pk>/uppgiftsbegaranden/<int:begaran>/svar",
        views_uppgiftsbegaran.Uppgiftssvar.as_view(),
        name="api_uppgiftssvar",
    ),
    path(
        "informationsmallar",
        views_information.Informationsmallar.as_view(),
        name="api_informationsmallar",
    ),
    path(
        "informationsmallar/<int:pk>",
        views_information.Informationsmallen.as_view(),
        name="api_informationsmall",
    ),
    path(
        "objekt/<int:pk>/information",
        views_information.Objektinformation.as_view(),
        name="api_objektinformation",
    ),
    path(
        "objekt/<int:pk>/information/<int:organisation>",
        views_information.Organisationensinformation.as_view(),
        name="api_organisationens_information",
    ),
    path(
        "bemanningsbegaran",
        views_bemanning.Bemanningsbegaranden.as_view(),
        name="api_bemanningsbegaranden",
    ),
    path(
        "bemanningsbegaran/<int:pk>",
        views_bemanning.Begaran.as_view(),
        name="api_bemanningsbegaran",
    ),
    path(
        "bemanningsbegaran/<int:pk>/svar",
        views_bemanning.Bemanningssvar.as_view(),
        name="api_bemanningssvar",
    ),
    path(
        "insatser/<int:pk>/utfall",
        views_utvardering.Utfallet.as_view(),
        name="api_insatsens_utfall",
    ),
    path("utfall", views_utvardering.Utfallslista.as_view(), name="api_utfall"),
    path("utvarderingar", views_utvardering.Utvarderingar.as_view(), name="api_utvarderingar"),
    path(
        "utvarderingar/<int:pk>",
        views_utvardering.Utvarderingen.as_view(),
        name="api_utvardering",
    ),
    path(
        "myndighetsutvarderingar/<int:pk>",
        views_utvardering.Myndighetsutvarderingen.as_view(),
        name="api_myndighetsutvardering",
    ),
    path("uppfoljning", views_uppfoljning.Uppfoljning.as_view(), name="api_uppfoljning"),
    path("objekt", views.Objektlista.as_view(), name="api_objekt"),
    path("arshjul/handelser", views.Arshjulshandelser.as_view(), name="api_arshjulshandelser"),
    path("myndigheter", views.Myndigheter.as_view(), name="api_myndigheter"),
    path("lokalpolisomraden", views.Lokalpolisomraden.as_view(), name="api_lokalpolisomraden"),
    path("schema", views.Schema.as_view(), name="api_schema"),
    path("docs", views.Dokumentation.as_view(url_name="api_schema"), name="api_docs"),
    re_path(r"^.*$", views.Index.as_view(), name="api_index"),
]
