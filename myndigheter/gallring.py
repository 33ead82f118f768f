"""The accounts' retention rules (karna.gallring): logins and sessions once kept their period,
the personal data of deactivated accounts not used for as long, and the kept log of account
changes (the API's tombstones).

A deactivated account is anonymised, never deleted: operations, findings, decisions and the
history point at it and must keep doing so. What names the person goes (user name, names,
e-mail, password, title); the row, its organisation and its roles stay.
"""

from __future__ import annotations

from datetime import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Coalesce, Concat

from karna.gallring import Gallringsregel, historikmodeller, radera_med_historik
from myndigheter.models import Anvandarprofil, Inloggning, Synlighetsandring

# The user name an anonymised account gets, with its key: unique, and says what happened.
ANONYM = "gallrad-"


def gallra_inloggningar(fore: datetime) -> int:
    """Login records older than ``fore``: the app's own (session key per login), the login and
    failure logs of the brute-force protection (user name, address, browser), and sessions that
    expired before it."""
    antal = radera_med_historik(Inloggning.objects.filter(skapad__lt=fore))
    for modell in (AccessLog, AccessFailureLog, AccessAttempt):
        antal += modell.objects.filter(attempt_time__lt=fore).delete()[0]
    return antal + Session.objects.filter(expire_date__lt=fore).delete()[0]


def gallra_avslutade_konton(fore: datetime) -> int:
    """Anonymise the accounts deactivated and not logged in to (or, never logged in to,
    created) before ``fore``; how many."""
    konton = (
        get_user_model()
        .objects.filter(is_active=False)
        .exclude(username__startswith=ANONYM)
        .alias(senast=Coalesce("last_login", "date_joined"))
        .filter(senast__lt=fore)
    )
    nycklar = list(konton.values_list("pk", flat=True))
    if not nycklar:
        return 0
    anvandare = get_user_model().objects.filter(pk__in=nycklar)
    anvandare.update(
        username=Concat(Value(ANONYM), Cast("pk", CharField())),
        first_name="",
        last_name="",
        email="",
        # An unusable password (Django's mark): nobody can log in to the account again.
        password="!",
    )
    Anvandarprofil.objects.filter(user__in=nycklar).update(titel="")
    for historik in historikmodeller(Anvandarprofil):
        historik.objects.filter(user_id__in=nycklar).update(titel="")
    return len(nycklar)


def gallra_synlighetsandringar(fore: datetime) -> int:
    antal, _per_typ = Synlighetsandring.objects.filter(tid__lt=fore).delete()
    return antal


def regler() -> list[Gallringsregel]:
    return [
        Gallringsregel(
            "inloggningar",
            "Inloggningar, misslyckade inloggningar och sessioner",
            gallra_inloggningar,
        ),
        Gallringsregel(
            "avslutade_konton",
            "Personuppgifter i avslutade konton (anonymiseras)",
            gallra_avslutade_konton,
        ),
        Gallringsregel(
            "synlighetsandringar",
            "Användares tidigare organisation, roller och lokalpolisområden",
            gallra_synlighetsandringar,
        ),
    ]
