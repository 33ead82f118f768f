"""Demo evaluations: the carried-out demo operations in every evaluation state, through the verbs.

The operations the operations app's demo data meant as evaluated (``insatser.demodata.demomal``)
are filed by every agency (one changed after submission, so its page shows the change), get
improvement items and are closed; the others stay open, in turn with nothing filed, some filed
and all but one filed, and those past their due date show as overdue. An operation whose joint
evaluation exists is left as it is, so a second run creates nothing.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from insatser.demodata import demomal
from insatser.models import Insats
from insatser.workflow import InsatsStatus
from myndigheter.models import Stadsomrade
from utvardering import services
from utvardering.models import Betyg, Gemensamutvardering, Informationshinder
from utvardering.services import rapport

# Who files for each organisation in the demo; the police file per LPO (``opsam.<lpo>``).
FYLLER_I = {
    "akc-vast": "samordnare.akc",
    "miljoforvaltningen": "samordnare.miljo",
    "skatteverket": "handlaggare.skv",
    "av": "handlaggare.av",
    "migrationsverket": "handlaggare.mig",
}
SYNPUNKTER = [
    "Bra genomgång, men objektlistan kom sent.",
    "Tolk saknades vid ett objekt.",
    "Samlingsplatsen fungerade väl.",
    "Uppgifter om bolagets anställda kunde inte lämnas före insatsen.",
]


def skapa_demoutvarderingar(anvandare: dict, ar: int) -> int:
    """Open, fill in and close the demo operations' evaluations; the number of new rows."""
    skapade = 0
    genomforda = (
        Insats.objects.filter(referens__startswith=f"DEMO-{ar}-", status=InsatsStatus.GENOMFORD)
        .exclude(gemensam_utvardering__isnull=False)
        .select_related("samordnande_organisation")
        .order_by("start", "pk")
    )
    for index, insats in enumerate(genomforda):
        utvardering = services.oppna_utvardering(insats)
        rader = list(utvardering.myndighetsutvarderingar.select_related("organisation", "lpo"))
        skapade += 1 + len(rader)
        samordnare = anvandare[FYLLER_I.get(insats.samordnande_organisation.kod, "samordnare.akc")]
        if _ska_utvarderas(insats):
            for rad in rader:
                _fyll_i(anvandare, rad, lamna_in=True)
            if rader:
                _andra_efter_inlamning(anvandare, rader[0])
            skapade += _forbattringar(anvandare, samordnare, insats)
            services.avsluta_utvardering(
                samordnare,
                Gemensamutvardering.objects.get(pk=utvardering.pk),
                sammanfattning="Insatsen genomfördes enligt plan. Demodata.",
                styrkor="Tydlig genomgång och god samordning på plats.",
                version=Gemensamutvardering.objects.get(pk=utvardering.pk).version,
            )
            continue
        # The open ones: nothing filed, some filed, all but one filed, in turn.
        inlamnade = [0, len(rader) // 2, max(len(rader) - 1, 0)][index % 3]
        for rad in rader[:inlamnade]:
            _fyll_i(anvandare, rad, lamna_in=True)
        if inlamnade < len(rader) and index % 3:
            _fyll_i(anvandare, rader[inlamnade], lamna_in=False)
    return skapade + _bestall_rapporter(anvandare, ar)


def _bestall_rapporter(anvandare: dict, ar: int) -> int:
    """Order the evaluation reports of closed demo evaluations that have none (closing orders
    them; this covers demo data from before the reports). The worker that ``make run`` starts
    builds them, so a newcomer can download one."""
    utan = Gemensamutvardering.objects.filter(
        insats__referens__startswith=f"DEMO-{ar}-",
        status=Gemensamutvardering.Status.AVSLUTAD,
        rapportbygge__isnull=True,
    ).select_related("insats__samordnande_organisation")
    for utvardering in utan:
        kod = utvardering.insats.samordnande_organisation.kod
        rapport.bestall_utvarderingsrapport(
            anvandare[FYLLER_I.get(kod, "samordnare.akc")], utvardering
        )
    return len(utan)


def _ska_utvarderas(insats: Insats) -> bool:
    try:
        nummer = int(insats.referens.rsplit("-", 1)[1])
    except ValueError:
        return False  # a rescheduled operation's successor: left open
    return demomal(nummer) == InsatsStatus.UTVARDERAD


def _anvandare_for(anvandare: dict, rad):
    namn = f"opsam.{rad.lpo.kod}" if rad.lpo_id else FYLLER_I.get(rad.organisation.kod)
    return anvandare.get(namn)


def _fyll_i(anvandare: dict, rad, lamna_in: bool) -> None:
    user = _anvandare_for(anvandare, rad)
    if user is None:
        return
    rng = random.Random(f"{rad.utvardering.insats.referens}-{rad.pk}")
    betyg = [Betyg.P, Betyg.P, Betyg.S, Betyg.S, Betyg.M]
    data = {falt: rng.choice(betyg) for falt in rad.BETYGSFALT}
    data.update(
        timmar_fore=Decimal(rng.choice([2, 4, 6, 8])),
        timmar_under=Decimal(rng.choice([8, 12, 16])),
        timmar_efter=Decimal(rng.choice([1, 2, 3])),
        fritext=rng.choice(SYNPUNKTER),
        informationshinder=[Informationshinder.SEKRETESS] if rng.random() < 0.3 else [],
    )
    if rad.lpo_id:
        data.update(polistimmar=Decimal(rng.choice([16, 24, 32])), lanande_lpoer=[rad.lpo.kod])
    rad.refresh_from_db()
    services.spara_myndighetsutvardering(user, rad, data, version=rad.version, lamna_in=lamna_in)


def _andra_efter_inlamning(anvandare: dict, rad) -> None:
    """A correction after submission: the evaluation's page lists it."""
    user = _anvandare_for(anvandare, rad)
    if user is None:
        return
    rad.refresh_from_db()
    services.spara_myndighetsutvardering(
        user, rad, {"timmar_efter": (rad.timmar_efter or 0) + 1}, version=rad.version
    )


def _forbattringar(anvandare: dict, samordnare, insats: Insats) -> int:
    """Two items of the improvement plan: one about an object and its area, due soon, one about
    the agencies' information sharing, under way."""
    kontroll = insats.kontroller.select_related("objekt").order_by("ordning").first()
    deltagare = [d.organisation for d in insats.deltaganden.select_related("organisation")]
    ansvarig = next((o for o in deltagare if o.kod == "skatteverket"), None)
    idag = timezone.localdate()
    services.registrera_forbattringsomrade(
        samordnare,
        insats,
        "Kontrollera tillträdet till lokalen i förväg.",
        ansvarig_organisation=insats.samordnande_organisation,
        objekt=kontroll.objekt if kontroll else None,
        ansvarig_person=samordnare,
        startdatum=idag,
        slutdatum=idag + timedelta(days=6),
        stadsomrade=Stadsomrade.objects.filter(lpo__in=insats.lpoer.all()).order_by("pk").first(),
        samverkansform=insats.samverkansform,
    )
    andra = services.registrera_forbattringsomrade(
        samordnare,
        insats,
        "Dela uppgifter om bolagens anställda före genomgången.",
        ansvarig_organisation=ansvarig,
        startdatum=idag,
        slutdatum=idag + timedelta(days=60),
        myndigheter=deltagare,
    )
    if ansvarig is not None:
        services.paborja_forbattringsomrade(samordnare, andra)
    return 2
