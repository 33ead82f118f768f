"""The nine roles of Saminsats. Each role is a Django group named by its code."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Roll(models.TextChoices):
    ADMIN = "ADMIN", _("Systemförvaltare")
    SAMORDNARE = "SAMORDNARE", _("Samordnare")
    MYNDIGHETSKONTAKT = "MYNDIGHETSKONTAKT", _("Myndighetskontakt")
    HANDLAGGARE = "HANDLAGGARE", _("Handläggare")
    OPERATIV_SAMORDNARE = "OPERATIV_SAMORDNARE", _("Operativ samordnare (polis)")
    INSATSPOLIS = "INSATSPOLIS", _("Insatspolis")
    POLISLEDNING = "POLISLEDNING", _("Polisledning")
    LEDNINGSGRUPP = "LEDNINGSGRUPP", _("Ledningsgrupp")
    API_KLIENT = "API_KLIENT", _("API-klient")


# The roles that work in operations: they plan, take part and inspect. Management and
# the administrator follow operations from outside; an API client reads the schedule.
DELTAGARROLLER = (
    Roll.SAMORDNARE,
    Roll.HANDLAGGARE,
    Roll.MYNDIGHETSKONTAKT,
    Roll.OPERATIV_SAMORDNARE,
    Roll.INSATSPOLIS,
)

# Management follows operations in aggregate, never one operation.
LEDNINGSROLLER = (Roll.POLISLEDNING, Roll.LEDNINGSGRUPP)

# The roles whose view reaches their whole organisation (the police's operational coordinators
# see per LPO, named officers as persons): what is written for an organisation rather than a
# person (an evaluation report, an agency's calendar feed) shows what all of them may see.
ORGANISATIONSROLLER = (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)


def roller_for(user) -> list[Roll]:
    """The roles a user holds, in declaration order."""
    if not user.is_authenticated:
        return []
    names = set(user.groups.values_list("name", flat=True))
    return [roll for roll in Roll if roll.value in names]


def rollgrupp(roll: Roll):
    """The group of a role; created by a migration, recreated if someone removed it."""
    from django.contrib.auth.models import Group

    return Group.objects.get_or_create(name=roll.value)[0]


# Reference data: the shared registers the administrator keeps (agencies, geography, categories,
# the wheels' bodies and rules). Not confidential; its change history is shown in the admin.
REFERENSDATA = {
    "myndigheter": [
        "myndighet",
        "enhet",
        "samverkansform",
        "medlemskap",
        "polisregion",
        "polisomrade",
        "kommun",
        "lokalpolisomrade",
        "stadsomrade",
        "utsattomrade",
        "omradesbedomning",
    ],
    "objekt": ["problemkategori", "informationsmall"],
    "insatser": ["installningsorsak"],
    "utvardering": ["resultattyp", "utvarderingsfrist"],
    "arshjul": ["arshjul", "samverkansorgan", "rotationsplats", "aterkommanderegel"],
}

# What the administrator role may do in the admin: keep reference data and users, read logs.
ADMIN_FULL_BEHORIGHET = {
    **REFERENSDATA,
    "myndigheter": [*REFERENSDATA["myndigheter"], "anvandarprofil"],
    "arshjul": [
        *REFERENSDATA["arshjul"],
        "arshjulshandelse",
        "begransningsperiod",
        "kalenderprenumeration",
    ],
    # The area a management group's follow-up is limited to.
    "uppfoljning": ["omradesavgransning"],
    # The service accounts' API tokens (issued and revoked, never edited).
    "api": ["apitoken"],
    "auth": ["user"],
}
ADMIN_LASBEHORIGHET = {
    "karna": ["atkomstlogg", "gallringslogg"],
    "myndigheter": ["inloggning", "logguppfoljning"],
    "notiser": ["notis"],
    "insatser": ["underlagsbygge"],
    "arshjul": ["arshjulsversion"],
    "auth": ["group"],
    "pghistory": ["events"],
}


def tilldela_adminbehorigheter(**kwargs) -> None:
    """Give the ADMIN group its permissions; runs after every migrate, so it stays complete."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    villkor = Q(pk__in=[])
    for app, modeller in ADMIN_FULL_BEHORIGHET.items():
        villkor |= Q(content_type__app_label=app, content_type__model__in=modeller)
    for app, modeller in ADMIN_LASBEHORIGHET.items():
        villkor |= Q(
            content_type__app_label=app,
            content_type__model__in=modeller,
            codename__startswith="view_",
        )
    rollgrupp(Roll.ADMIN).permissions.set(Permission.objects.filter(villkor))
