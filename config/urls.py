from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views
from myndigheter import views as myndigheter_views

admin.site.site_header = "Saminsats – administration"
admin.site.site_title = "Saminsats"
admin.site.index_title = "Referensdata och användare"

urlpatterns = [
    path("", myndigheter_views.start, name="start"),
    path("logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", views.health, name="health"),
    path("status/", views.status, name="status"),
    path("status/halsokontroll/", views.kor_halsokontroll, name="kor_halsokontroll"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
