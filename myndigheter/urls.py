"""The start page and the focal point's member management."""

from django.urls import path

from myndigheter import views

urlpatterns = [
    path("", views.start, name="start"),
    path("organisation/medlemmar/", views.medlemmar, name="medlemmar"),
    path("organisation/medlemmar/<int:pk>/", views.andra_medlem, name="andra_medlem"),
]
