from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from config import views
from insatser import views as insatser_views
from insatser import views_bemanning, views_planering
from myndigheter import views as myndigheter_views

admin.site.site_header = "Saminsats – administration"
admin.site.site_title = "Saminsats"
admin.site.index_title = "Referensdata och användare"

urlpatterns = [
    path("", myndigheter_views.start, name="start"),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(http_method_names=["get", "post", "options"]),
        name="login",
    ),
    path("insatser/", insatser_views.lista, name="insatser"),
    path("insatser/ny/", views_planering.ny, name="ny_insats"),
    path("insatser/<int:pk>/", insatser_views.detalj, name="insats"),
    path("insatser/<int:pk>/bjud-in/", views_planering.bjud_in, name="bjud_in"),
    path("insatser/<int:pk>/objekt/", views_planering.lagg_till_objekt, name="lagg_till_objekt"),
    path("insatser/<int:pk>/bemanning/", views_planering.begar_bemanning, name="begar_bemanning"),
    path("insatser/<int:pk>/planera/", views_planering.planera, name="planera_insats"),
    path("insatser/<int:pk>/avsla/", views_planering.avsla, name="avsla_insats"),
    path("insatser/<int:pk>/genomfor/", views_planering.genomfor, name="genomfor_insats"),
    path("insatser/<int:pk>/svar/", views_planering.svara, name="svara_inbjudan"),
    path("insatser/<int:pk>/stall-in/", insatser_views.stall_in, name="stall_in_insats"),
    path("insatser/<int:pk>/omplanera/", insatser_views.omplanera, name="omplanera_insats"),
    path("polis/begaranden/", views_bemanning.inkorg, name="bemanning_inkorg"),
    path("polis/begaranden/<int:pk>/", views_bemanning.besvara, name="besvara_bemanning"),
    path(
        "polis/begaranden/<int:pk>/aterkalla/",
        views_bemanning.aterkalla,
        name="aterkalla_bemanning",
    ),
    path("organisation/medlemmar/", myndigheter_views.medlemmar, name="medlemmar"),
    path(
        "organisation/medlemmar/<int:pk>/",
        myndigheter_views.andra_medlem,
        name="andra_medlem",
    ),
    path(
        "logga-ut/",
        auth_views.LogoutView.as_view(http_method_names=["post", "options"]),
        name="logout",
    ),
    path("health/", views.health, name="health"),
    path("status/", views.status, name="status"),
    path("status/halsokontroll/", views.kor_halsokontroll, name="kor_halsokontroll"),
    path("i18n/setlang/", require_POST(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.OIDC_AKTIVERAD:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
