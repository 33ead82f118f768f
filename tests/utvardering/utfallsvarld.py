"""The world of the outcome and feedback tests: a carried-out operation coordinated by AKC-väst,
Skatteverket and Arbetsmiljöverket taking part, Migrationsverket invited without answering, LPO
City staffing with a named officer, and people of each."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insatser.models import Polisbemanning
from insatser.workflow import BemanningStatus, InsatsStatus, Svar
from myndigheter.roles import Roll
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)


@pytest.fixture
def utfallsvarld(skapa_anvandare):
    insats = InsatsFabrik(
        samordnande_organisation=org("akc-vast"),
        start=timezone.now() - timedelta(days=4),
        status=InsatsStatus.GENOMFORD,
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"), svar=Svar.ACCEPTERAD)
    DeltagandeFabrik(insats=insats, organisation=org("av"), svar=Svar.ACCEPTERAD)
    DeltagandeFabrik(insats=insats, organisation=org("migrationsverket"))
    begaran = BemanningsbegaranFabrik(
        insats=insats, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD
    )
    objekt = ObjektFabrik(foreslaget_av_organisation=org("akc-vast"))
    kontroll = KontrollFabrik(insats=insats, objekt=objekt)
    personer = {
        "sam": skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast"),
        "sam_miljo": skapa_anvandare("sam.miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        "skv": skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "skv_kontakt": skapa_anvandare("skv.kontakt", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "av": skapa_anvandare("av", Roll.HANDLAGGARE, "av"),
        "mig": skapa_anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "opsam": skapa_anvandare("opsam", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "opsam_syd": skapa_anvandare(
            "opsam.syd", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("syd",)
        ),
        "polis": skapa_anvandare(
            "polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
        "polisledning": skapa_anvandare(
            "polisledning", Roll.POLISLEDNING, "polisen", lpoer=("city",)
        ),
        "api": skapa_anvandare("api", Roll.API_KLIENT, "skatteverket"),
    }
    for user in personer.values():
        user.first_name, user.last_name = user.username.replace(".", " ").title(), "Testsson"
        user.save(update_fields=["first_name", "last_name"])
    Polisbemanning.objects.create(begaran=begaran, anvandare=personer["polis"])
    return {"insats": insats, "objekt": objekt, "kontroll": kontroll, **personer}
