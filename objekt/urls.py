"""The object pool: list, one object, proposals, relevance marks, imports."""

from django.urls import path

from objekt import views, views_import

urlpatterns = [
    path("objekt/", views.lista, name="objektpool"),
    path("objekt/karta/", views.karta, name="objektkarta"),
    path("objekt/nytt/", views.nytt, name="nytt_objekt"),
    path("objekt/<int:pk>/", views.detalj, name="objekt"),
    path("objekt/<int:pk>/andra/", views.andra, name="andra_objekt"),
    path("objekt/<int:pk>/relevans/", views.markera_relevans, name="markera_relevans"),
    path("objekt/<int:pk>/status/", views.andra_status, name="andra_objektstatus"),
    path("objekt/<int:pk>/reserv/", views.andra_reserv, name="andra_reserv"),
    path("objekt/import/", views_import.importera, name="objektimport"),
    path("objekt/import/mall.<str:format>", views_import.mall, name="objektimport_mall"),
    path("objekt/import/<int:pk>/", views_import.status, name="objektimport_status"),
    path("objekt/import/<int:pk>/rapport.csv", views_import.rapport, name="objektimport_rapport"),
]
