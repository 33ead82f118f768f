"""The project's URLs and one that fails, to see the error page an unexpected error gives."""

from django.urls import path

from config.urls import urlpatterns as projektets


def trasig(request):
    raise RuntimeError("hemlig detalj ur databasen")


urlpatterns = [*projektets, path("trasig/", trasig)]
