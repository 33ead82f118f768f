"""The annual wheel: pages, edit pages, files and the calendar feed.

The matrix wheel belongs to AKC-väst and plans windows in LPO City and Nordost, so police
management (both LPOs) sees all of it and City's police coordinator only part; the meeting is
of a body of AKC-väst and the police, which Skatteverket does not belong to.
"""

from datetime import time

from django.utils import timezone

from myndigheter.roles import Roll
from tests.behorigheter import LOGIN, alla

AR = timezone.localdate().year


def hela(status):
    """``status`` for those who see the whole wheel, 403 for those who see part, 404 for ADMIN."""
    return alla(403, ANONYM=LOGIN, ADMIN=404, SAMORDNARE=status, POLISLEDNING=status)


def agaren(status):
    """``status`` for the owner's coordinator, 403 for the others who see it, 404 for ADMIN."""
    return alla(403, ANONYM=LOGIN, ADMIN=404, SAMORDNARE=status)


MATRIS = {
    "arshjul": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    "arshjul_vy": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    # Reference data for those who plan and follow up; administrators edit it in the admin site.
    "lagesbildens_prioriteringar": {
        "GET": alla(200, ANONYM=LOGIN, ADMIN=403, INSATSPOLIS=403, API_KLIENT=403),
        "POST": alla(405, ANONYM=LOGIN),
    },
    # Build progress belongs with the year's versions: for those who see the whole wheel.
    "arshjul_framsteg": {"GET": hela(200), "POST": alla(405, ANONYM=LOGIN)},
    "arshjul_ar": {"GET": hela(200), "POST": alla(405, ANONYM=LOGIN)},
    "arshjul_rapport": {"GET": hela(200), "POST": alla(405, ANONYM=LOGIN)},
    "arshjul_fil": {"GET": hela(200), "POST": alla(405, ANONYM=LOGIN)},
    "arshjul_bygg": {"POST": agaren(302), "GET": alla(405, ANONYM=LOGIN)},
    "arshjul_publicera": {"POST": agaren(302), "GET": alla(405, ANONYM=LOGIN)},
    **{
        namn: {"GET": agaren(200), "POST": agaren(200)}
        for namn in (
            "arshjul_regler",
            "arshjul_regel",
            "arshjul_handelser",
            "arshjul_begransningar",
        )
    },
    # The meeting is of a body Skatteverket is not in: its officers and focal point never see it.
    "arshjul_handelse": {
        "GET": alla(
            403, ANONYM=LOGIN, ADMIN=404, HANDLAGGARE=404, MYNDIGHETSKONTAKT=404, SAMORDNARE=200
        ),
        "POST": alla(
            403, ANONYM=LOGIN, ADMIN=404, HANDLAGGARE=404, MYNDIGHETSKONTAKT=404, SAMORDNARE=200
        ),
    },
    "arshjul_begransning": {"GET": agaren(200), "POST": agaren(200)},
    # The planning meeting: no body, attended by Skatteverket, its officer owns an action. Every
    # role that sees meetings sees it (Skatteverket's through attending); the minutes are the
    # organiser's to keep; the action is closed by its owner or the organiser, seen by the
    # organisations present, unseen by the police, who were not there
    # (an operation officer sees only meetings of the bodies of their organisation).
    "arshjul_mote": {
        "GET": alla(200, ANONYM=LOGIN, ADMIN=404, INSATSPOLIS=404),
        "POST": alla(405, ANONYM=LOGIN),
    },
    **{
        namn: {
            "GET": {**agaren(200), Roll.INSATSPOLIS: 404},
            "POST": {**agaren(200), Roll.INSATSPOLIS: 404},
        }
        for namn in ("arshjul_protokoll", "arshjul_atgard_ny")
    },
    "arshjul_atgard_stang": {
        "POST": alla(
            404,
            ANONYM=LOGIN,
            SAMORDNARE=302,
            HANDLAGGARE=302,
            MYNDIGHETSKONTAKT=403,
        ),
        "GET": alla(405, ANONYM=LOGIN),
    },
    # The matrix window (LPO City) has an operation Skatteverket takes part in, so Skatteverket's
    # people see it; the management group sees its totals only, the operation officer and the
    # administrator nothing. Pledging is for Skatteverket's focal point and the owner's
    # coordinator (an empty form answers 200 with its errors); Skatteverket's pledge is removed
    # by its focal point only.
    "arshjul_resurser": {
        "GET": alla(200, ANONYM=LOGIN, ADMIN=404, LEDNINGSGRUPP=404, INSATSPOLIS=404),
        "POST": alla(
            403,
            ANONYM=LOGIN,
            ADMIN=404,
            LEDNINGSGRUPP=404,
            INSATSPOLIS=404,
            SAMORDNARE=200,
            MYNDIGHETSKONTAKT=200,
        ),
    },
    "arshjul_resurslofte_ta_bort": {
        "POST": alla(
            403, ANONYM=LOGIN, ADMIN=404, LEDNINGSGRUPP=404, INSATSPOLIS=404, MYNDIGHETSKONTAKT=302
        ),
        "GET": alla(405, ANONYM=LOGIN),
    },
    "arshjul_prenumeration": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(302, ANONYM=LOGIN)},
    # Calendar apps cannot log in: the secret address is the credential, whoever fetches it.
    "arshjul_kalender": {"GET": alla(200), "POST": alla(405)},
}
URLER = {
    "arshjul": "/arshjul/",
    "lagesbildens_prioriteringar": "/arshjul/prioriteringar/",
    "arshjul_vy": f"/arshjul/vy/?ar={AR}&hjul={{HJUL}}",
    "arshjul_framsteg": f"/arshjul/{{HJUL}}/{AR}/framsteg/",
    "arshjul_ar": f"/arshjul/{{HJUL}}/{AR}/",
    "arshjul_rapport": f"/arshjul/{{HJUL}}/{AR}/rapport/",
    "arshjul_fil": f"/arshjul/{{HJUL}}/{AR}/versioner/1/pdf/",
    "arshjul_bygg": f"/arshjul/{{HJUL}}/{AR}/bygg/",
    "arshjul_publicera": f"/arshjul/{{HJUL}}/{AR}/versioner/1/publicera/",
    "arshjul_regler": "/arshjul/{HJUL}/regler/",
    "arshjul_regel": "/arshjul/{HJUL}/regler/{REGEL}/",
    "arshjul_handelser": f"/arshjul/{{HJUL}}/{AR}/handelser/",
    "arshjul_begransningar": f"/arshjul/{{HJUL}}/{AR}/begransningar/",
    "arshjul_handelse": "/arshjul/handelser/{HANDELSE}/",
    "arshjul_begransning": "/arshjul/begransningar/{BEGRANSNING}/",
    "arshjul_mote": "/arshjul/handelser/{MOTE}/mote/",
    "arshjul_protokoll": "/arshjul/handelser/{MOTE}/mote/protokoll/",
    "arshjul_atgard_ny": "/arshjul/handelser/{MOTE}/mote/atgarder/",
    "arshjul_atgard_stang": "/arshjul/atgarder/{ATGARD}/stang/",
    "arshjul_resurser": "/arshjul/handelser/{FONSTER}/resurser/",
    "arshjul_resurslofte_ta_bort": "/arshjul/resurslofte/{RESURSLOFTE}/ta-bort/",
    "arshjul_prenumeration": "/arshjul/prenumeration/",
    "arshjul_kalender": "/arshjul/kalender/{TOKEN}.ics",
}


def _planeringsmote(arshjul, aktorer) -> None:
    """A held planning meeting of the matrix wheel, attended by Skatteverket, with an action."""
    from datetime import timedelta

    from arshjul.models import Arshjulshandelse, Handelsetyp
    from arshjul.services import moten
    from myndigheter.models import Myndighet

    start = timezone.now() - timedelta(days=1)
    mote = Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=timezone.localtime(start).year,
        typ=Handelsetyp.MOTE,
        titel="Matrisplanering",
        start=start,
        slut=start + timedelta(hours=1),
        handredigerad=True,
    )
    samordnare = aktorer[Roll.SAMORDNARE]
    data = {"narvarande_organisationer": [Myndighet.objects.get(kod="skatteverket")], "text": "x"}
    moten.registrera_protokoll(samordnare, mote, data)
    moten.lagg_till_atgard(
        samordnare,
        mote,
        {"text": "Matrisåtgärd", "ansvarig": aktorer[Roll.HANDLAGGARE], "senast": start.date()},
    )


def _matrisfonster(arshjul, aktorer):
    """A window of the matrix wheel in LPO City with an operation of Skatteverket planned in
    it, and Skatteverket's pledge to it."""
    from datetime import timedelta

    from arshjul.models import Arshjulshandelse, Handelsetyp
    from arshjul.services.resurser import lova_resurser
    from myndigheter.models import Lokalpolisomrade
    from tests.fabriker import DeltagandeFabrik, InsatsFabrik, org

    start = timezone.now() + timedelta(days=30)
    fonster = Arshjulshandelse.objects.create(
        arshjul=arshjul,
        ar=timezone.localtime(start).year,
        typ=Handelsetyp.INSATSFONSTER,
        titel="Matrisfönster",
        start=start,
        slut=start + timedelta(days=3),
        lpo=Lokalpolisomrade.objects.get(kod="city"),
        kapacitet=2,
        handredigerad=True,
    )
    insats = InsatsFabrik(
        titel="Matrisfönstrets insats",
        start=start + timedelta(hours=9),
        slut=start + timedelta(hours=12),
        insatsfonster=fonster,
        lpoer=[fonster.lpo],
    )
    DeltagandeFabrik(insats=insats, organisation=org("skatteverket"))
    lova_resurser(aktorer[Roll.MYNDIGHETSKONTAKT], fonster, 2, None)


def platshallare(aktorer) -> dict:
    from datetime import date, datetime

    from arshjul import lagring
    from arshjul.models import (
        Arshjul,
        Arshjulsar,
        Arshjulshandelse,
        Arshjulsversion,
        Aterkommanderegel,
        Atgard,
        Begransningsperiod,
        Handelsetyp,
        Niva,
        Regeltyp,
        Resurslofte,
        Samverkansorgan,
    )
    from arshjul.services.prenumeration import skapa_prenumeration
    from arshjul.workflow import VersionStatus
    from myndigheter.models import Lokalpolisomrade, Myndighet

    befintligt = Arshjul.objects.filter(kod="matrishjul").first()
    if befintligt is None:
        befintligt = Arshjul.objects.create(
            kod="matrishjul", namn="Matrishjulet", agare=Myndighet.objects.get(kod="akc-vast")
        )
        befintligt.lpoer.set(Lokalpolisomrade.objects.filter(kod__in=["city", "nordost"]))
        organ = Samverkansorgan.objects.create(
            kod="matrisorgan", namn="Matrisorgan", niva="REGIONAL"
        )
        organ.medlemmar.set(Myndighet.objects.filter(kod__in=["akc-vast", "polisen"]))
        Aterkommanderegel.objects.create(
            kod="matrisregel",
            namn="Matrisregel",
            arshjul=befintligt,
            typ=Handelsetyp.MOTE,
            organ=organ,
            regeltyp=Regeltyp.MIN_PER_AR,
        )
        start = datetime.combine(date(AR, 3, 4), time(9), tzinfo=timezone.get_default_timezone())
        Arshjulshandelse.objects.create(
            arshjul=befintligt,
            ar=AR,
            typ=Handelsetyp.MOTE,
            titel="Matrismöte",
            organ=organ,
            start=start,
            slut=start.replace(hour=11),
            handredigerad=True,
        )
        Begransningsperiod.objects.create(
            arshjul=befintligt,
            ar=AR,
            namn="Matrisperiod",
            fran=date(AR, 5, 1),
            till=date(AR, 5, 7),
            niva=Niva.BLOCKERA,
            handredigerad=True,
        )
        version = Arshjulsversion.objects.create(
            arshjulsar=Arshjulsar.objects.create(
                arshjul=befintligt, ar=AR, begaran=1, hanterad_begaran=1
            ),
            nummer=1,
            begaran=1,
            fingeravtryck="matris",
            status=VersionStatus.KLAR,
        )
        for format in lagring.FORMAT:
            lagring.spara(version, format, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        version.save()
        _planeringsmote(befintligt, aktorer)
        _matrisfonster(befintligt, aktorer)
    return {
        "HJUL": befintligt.kod,
        "REGEL": befintligt.regler.get().pk,
        "HANDELSE": befintligt.handelser.get(titel="Matrismöte").pk,
        "MOTE": befintligt.handelser.get(titel="Matrisplanering").pk,
        "ATGARD": Atgard.objects.get(protokoll__handelse__arshjul=befintligt).pk,
        "BEGRANSNING": befintligt.begransningar.get().pk,
        "FONSTER": befintligt.handelser.get(titel="Matrisfönster").pk,
        "RESURSLOFTE": Resurslofte.objects.get(fonster__arshjul=befintligt).pk,
        "TOKEN": skapa_prenumeration(aktorer[Roll.SAMORDNARE]),
    }
