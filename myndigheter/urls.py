"""The start page and the focal point's member management."""

from django.urls import path

from myndigheter import views, views_profil

urlpatterns = [
    path("", views.start, name="start"),
    path("organisation/medlemmar/", views.medlemmar, name="medlemmar"),
    path("organisation/medlemmar/<int:pk>/", views.andra_medlem, name="andra_medlem"),
    path("organisationer/", views_profil.organisationer, name="organisationer"),
    path("organisationer/<int:pk>/", views_profil.profil, name="organisationsprofil"),
    path("organisationer/<int:pk>/andra/", views_profil.andra_profil, name="andra_profil"),
    path(
        "organisationer/<int:pk>/delningsgrunder/",
        views_profil.lagg_till_delningsgrund,
        name="lagg_till_delningsgrund",
    ),
    path(
        "delningsgrunder/<int:pk>/avveckla/",
        views_profil.avveckla_delningsgrund,
        name="avveckla_delningsgrund",
    ),
]
