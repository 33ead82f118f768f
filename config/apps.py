"""The admin app with the project's own site (``config.admin.Adminplats``)."""

from django.contrib.admin.apps import AdminConfig


class Adminapp(AdminConfig):
    default_site = "config.admin.Adminplats"
