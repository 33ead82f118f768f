"""Operation pages, planning and the police staffing inbox."""

from django.urls import path

from insatser import (
    views,
    views_bemanning,
    views_dagen,
    views_genomforande,
    views_grupper,
    views_kontakt,
    views_oversikt,
    views_planering,
    views_underlag,
    views_uppgifter,
)

urlpatterns = [
    path("insatser/", views.lista, name="insatser"),
    path("insatser/ny/", views_planering.ny, name="ny_insats"),
    path("insatser/<int:pk>/", views.detalj, name="insats"),
    path("insatser/<int:pk>/dagen/", views_dagen.dagen, name="insatsen_idag"),
    path("insatser/<int:pk>/dagen/fynd/", views_dagen.dagens_fynd, name="dagens_fynd"),
    path(
        "insatser/<int:pk>/dagen/kontroller/<int:kontroll_pk>/fynd/",
        views_dagen.registrera_fynd,
        name="registrera_fynd_idag",
    ),
    path("insatser/<int:pk>/andra/", views_planering.andra, name="andra_insats"),
    path("insatser/<int:pk>/bjud-in/", views_planering.bjud_in, name="bjud_in"),
    path("insatser/<int:pk>/objekt/", views_planering.lagg_till_objekt, name="lagg_till_objekt"),
    path("insatser/<int:pk>/bemanning/", views_planering.begar_bemanning, name="begar_bemanning"),
    path("insatser/<int:pk>/planera/", views_planering.planera, name="planera_insats"),
    path("insatser/<int:pk>/avsla/", views_planering.avsla, name="avsla_insats"),
    path("insatser/<int:pk>/genomfor/", views_planering.genomfor, name="genomfor_insats"),
    path("insatser/<int:pk>/svar/", views_planering.svara, name="svara_inbjudan"),
    path("insatser/<int:pk>/stall-in/", views.stall_in, name="stall_in_insats"),
    path("insatser/<int:pk>/omplanera/", views.omplanera, name="omplanera_insats"),
    path("insatser/<int:pk>/lamna-grupp/", views_grupper.lamna, name="lamna_insatsgrupp"),
    path("insatsgrupper/", views_grupper.lista, name="insatsgrupper"),
    path("insatsgrupper/ny/", views_grupper.ny, name="ny_insatsgrupp"),
    path("insatsgrupper/<int:pk>/", views_grupper.detalj, name="insatsgrupp"),
    path("insatsgrupper/<int:pk>/bjud-in/", views_grupper.bjud_in, name="bjud_in_insatsgrupp"),
    path("insatsgrupper/<int:pk>/anslut/", views_grupper.anslut, name="anslut_insatsgrupp"),
    path(
        "insatser/<int:pk>/kontroller/<int:kontroll_pk>/markera/",
        views_genomforande.markera_kontroll,
        name="markera_kontroll",
    ),
    path(
        "insatser/<int:pk>/kontroller/<int:kontroll_pk>/fynd/",
        views_genomforande.registrera_fynd,
        name="registrera_fynd",
    ),
    path(
        "insatser/<int:pk>/kontroller/<int:kontroll_pk>/fynd/<int:fynd_pk>/",
        views_genomforande.ratta_fynd,
        name="ratta_fynd",
    ),
    path(
        "insatser/<int:pk>/kontroller/<int:kontroll_pk>/fynd/<int:fynd_pk>/ta-bort/",
        views_genomforande.ta_bort_fynd,
        name="ta_bort_fynd",
    ),
    path("kalender/", views_oversikt.kalender, name="kalender"),
    path(
        "insatser/<int:pk>/myndighetsuppgifter/",
        views_uppgifter.myndighetsuppgifter,
        name="myndighetsuppgifter",
    ),
    path(
        "insatser/<int:pk>/myndighetsuppgifter/<int:kontroll_pk>/ny/",
        views_uppgifter.lagg_till_uppgift,
        name="lagg_till_myndighetsuppgift",
    ),
    path(
        "insatser/<int:pk>/myndighetsuppgifter/<int:uppgift_pk>/frislapp/",
        views_uppgifter.frislapp,
        name="frislapp_uppgift",
    ),
    path(
        "frislappningar/<int:pk>/aterkalla/",
        views_uppgifter.aterkalla,
        name="aterkalla_frislappning",
    ),
    path("insatser/<int:pk>/sakerhet/", views_planering.sakerhet, name="andra_sakerhet"),
    path(
        "insatser/<int:pk>/kontaktfunktion/",
        views_kontakt.kontaktfunktion,
        name="ange_kontaktfunktion",
    ),
    path("insatser/<int:pk>/polisbefal/", views_kontakt.polisbefal, name="ange_polisbefal"),
    path("insatser/<int:pk>/underlag/", views_underlag.sektion, name="underlag"),
    path("insatser/<int:pk>/underlag/bygg/", views_underlag.begar, name="begar_underlag"),
    path("underlag/<int:pk>/pdf/", views_underlag.ladda_ned, name="ladda_ned_underlag"),
    path("underlag/nasta-vecka/", views_underlag.nasta_vecka, name="underlag_nasta_vecka"),
    path(
        "underlag/nasta-vecka/zip/",
        views_underlag.nasta_vecka_zip,
        name="underlag_nasta_vecka_zip",
    ),
    path("polis/begaranden/", views_bemanning.inkorg, name="bemanning_inkorg"),
    path("polis/begaranden/<int:pk>/", views_bemanning.besvara, name="besvara_bemanning"),
    path(
        "polis/begaranden/<int:pk>/aterkalla/",
        views_bemanning.aterkalla,
        name="aterkalla_bemanning",
    ),
    path(
        "polis/begaranden/<int:pk>/andra/",
        views_bemanning.andra,
        name="andra_bemanning",
    ),
]
