"""The site's URLs: each app keeps its own in ``<app>/urls.py``; here the cross-cutting ones."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from config import views

urlpatterns = [
    # First: an API client's calls are many and small, and every pattern before them is tried.
    path("api/v1/", include("api.urls")),
    path("", include("myndigheter.urls")),
    path("", include("insatser.urls")),
    path("", include("objekt.urls")),
    path("", include("utvardering.urls")),
    path("", include("notiser.urls")),
    path("", include("kalender.urls")),
    path("", include("arshjul.urls")),
    # Follow-up for management.
    path("", include("uppfoljning.urls")),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(http_method_names=["get", "post", "options"]),
        name="login",
    ),
    path(
        "logga-ut/",
        auth_views.LogoutView.as_view(http_method_names=["post", "options"]),
        name="logout",
    ),
    path("health/", views.health, name="health"),
    path("ready/", views.ready, name="ready"),
    path("metrics/", views.metrics, name="metrics"),
    path("status/", views.status, name="status"),
    path("status/halsokontroll/", views.kor_halsokontroll, name="kor_halsokontroll"),
    path("i18n/setlang/", require_POST(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.OIDC_AKTIVERAD:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
