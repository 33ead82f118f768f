from django.urls import path

from uppfoljning import views

urlpatterns = [
    path("uppfoljning/", views.uppfoljning, name="uppfoljning"),
    path(
        "uppfoljning/export/<slug:tabell>.<slug:format>",
        views.exportera,
        name="uppfoljning_export",
    ),
    path("uppfoljning/exporter/<int:pk>/", views.exportjobb, name="uppfoljning_exportjobb"),
    path(
        "uppfoljning/exporter/<int:pk>/fil/",
        views.exportjobbets_fil,
        name="uppfoljning_exportjobbets_fil",
    ),
    path("uppfoljning/arsrapport/", views.bestall_arsrapport, name="bestall_arsrapport"),
    path(
        "uppfoljning/arsrapporter/<int:pk>/pdf/",
        views.ladda_ned_arsrapport,
        name="ladda_ned_arsrapport",
    ),
    path(
        "uppfoljning/paket/<int:pk>/pdf/",
        views.ladda_ned_uppfoljningspaket,
        name="ladda_ned_uppfoljningspaket",
    ),
]
