"""The calendar feeds: the page to keep them, and the feed calendar apps fetch."""

from django.urls import path

from kalender import views

urlpatterns = [
    path("kalender/prenumeration/", views.prenumeration, name="kalenderprenumeration"),
    path("kalender/flode/<str:token>.ics", views.flode, name="kalenderflode"),
]
