"""The project's URLs with OpenID Connect switched on, as when OIDC_RP_CLIENT_ID is set."""

from django.urls import include, path

from config.urls import urlpatterns as projektets

urlpatterns = [*projektets, path("oidc/", include("mozilla_django_oidc.urls"))]
