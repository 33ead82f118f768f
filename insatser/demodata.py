"""Idempotent demo data: demo logins, fictitious businesses and a year of joint operations.

The operations are built through the same verbs people use (propose, invite, answer, plan,
request and confirm staffing, mark controls, carry out, cancel, reschedule), so every status comes
from the workflow tables and passes the same checks. The history they replay notifies nobody and
builds no files (``utan_prenumeranter``); the watchdogs build the coming operations' briefings and
the wheels once the worker runs. Every operation and object is looked up by a stable key first,
so a second run changes nothing. All businesses are fictitious; their organisation numbers carry
valid check digits.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from arshjul.demodata import (
    demoprioriteringar,
    lova_demoresurser,
    publicera_demohjul,
    resursfonster,
    skapa_demohjul,
)
from insatser import access, services, varningar
from insatser.demoanvandare import DEMO_ANVANDARE, DemoAnvandare
from insatser.demodata_personer import namnge_demopersoner
from insatser.demodata_uppgifter import frislapp_till, skapa_profiler
from insatser.effekter import INSATSEN_ANDRAD, UNDERLAG_BESTALLDA
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Installningsorsak
from insatser.services import ObekraftadeVarningar
from insatser.tillagg import DEMODATA
from insatser.workflow import InsatsStatus
from karna.effekter import utan_prenumeranter
from myndigheter.models import (
    Anvandarprofil,
    Enhet,
    Kommun,
    Lokalpolisomrade,
    Myndighet,
    Samverkansform,
    Stadsomrade,
    UtsattOmrade,
)
from myndigheter.roles import rollgrupp
from objekt import services as objekttjanster
from objekt.demodata import demoposition, ge_demoposition, skapa_informationsmallar
from objekt.effekter import OBJEKT_ANDRAT
from objekt.models import Myndighetsintresse, Objekt, Objekttyp, Problemkategori
from objekt.validators import luhn_ok

STOCKHOLM = ZoneInfo("Europe/Stockholm")


# Fictitious business names; the words make it plain that none of them exists.
VERKSAMHETER = [
    ("Påhittade Pizzerian", Objekttyp.FORETAG),
    ("Exempelnaglar Studio", Objekttyp.FORETAG),
    ("Fiktiva Biltvätten", Objekttyp.FORETAG),
    ("Demobygg Entreprenad", Objekttyp.FORETAG),
    ("Låtsaskrogen", Objekttyp.FORETAG),
    ("Testfrisören", Objekttyp.FORETAG),
    ("Exempelkiosken", Objekttyp.FORETAG),
    ("Påhittade Festvåningen", Objekttyp.FESTVANING_KLUBB),
    ("Demoväxeln Valuta", Objekttyp.VAXLINGSKONTOR),
    ("Fiktivt Lager", Objekttyp.LOKAL),
    ("Låtsasboendet", Objekttyp.BOENDE),
    ("Exempeldäck Verkstad", Objekttyp.FORETAG),
    ("Demo Sushi", Objekttyp.FORETAG),
    ("Påhittade Städfirman", Objekttyp.FORETAG),
    ("Testklubben", Objekttyp.FESTVANING_KLUBB),
    ("Fiktiva Massagestudion", Objekttyp.FORETAG),
]
BOLAGSFORMER = ["AB", "HB", "Handelsbolag", "Aktiebolag"]
GATOR = ["Exempelgatan", "Påhittade vägen", "Demogatan", "Testvägen", "Låtsasgatan"]
# Postal code series per LPO in Göteborg (district -> realistic code prefix).
POSTNUMMER = {"city": "411", "hisingen": "417", "syd": "421", "nordost": "424"}
LPO_KODER = ["city", "hisingen", "syd", "nordost"]
PASSERADE_INSATSER = 32
KOMMANDE_INSATSER = 8


def demo_organisationsnummer(lopnummer: int) -> str:
    """A 10-digit organisation number with a valid check digit in a fictitious series."""
    stam = f"559900{lopnummer:03d}"
    for check in range(10):
        if luhn_ok(stam + str(check)):
            return f"{stam[:6]}-{stam[6:]}{check}"
    raise AssertionError("the Luhn check digit always exists")


SVARANDE = {
    "skatteverket": "handlaggare.skv",
    "av": "handlaggare.av",
    "migrationsverket": "handlaggare.mig",
    "miljoforvaltningen": "samordnare.miljo",
}
MOTIVERING = "Demodata: insatsen planerades trots varningarna."
S = InsatsStatus
# The coming operations whose briefings a newcomer reads first: released information in each.
KOMMANDE_MAL = {S.PLANERAD, S.BEMANNING_BEGARD, S.BEKRAFTAD}


def demomal(nummer: int) -> str:
    """The state demo operation ``nummer`` is brought to; every state occurs. An operation to be
    evaluated is carried out here and evaluated by the evaluation app's demo data."""
    if nummer > PASSERADE_INSATSER:
        # Indexed by nummer % 8 so that LPO City (nummer % 4 == 0) gets confirmed
        # operations and every staffing state occurs among the coming ones.
        kommande = [S.BEKRAFTAD, S.BEMANNING_BEGARD, S.PLANERAD, S.PLANERAD, S.BEKRAFTAD]
        kommande += [S.BEKRAFTAD, S.BEMANNING_BEGARD, S.FORESLAGEN]
        return kommande[nummer % len(kommande)]
    passerade = [S.UTVARDERAD, S.GENOMFORD, S.UTVARDERAD, S.INSTALLD, S.UTVARDERAD]
    passerade += [S.OMPLANERAD, S.GENOMFORD, S.AVSLAGEN]
    return passerade[nummer % len(passerade)]


def _ny(rad):
    rad.refresh_from_db()
    return rad


def _byggdag(dag: datetime) -> datetime:
    """When an operation is planned: its own day if that is to come; a past one is planned as
    it was, ahead of its day (the verbs refuse, say, an answer once the day has passed), on the
    same weekday and hour some weeks on, and moved back to its day afterwards."""
    if dag > timezone.now():
        return dag
    return dag + timedelta(weeks=(timezone.now() - dag).days // 7 + 1)


def _till_sin_dag(insats: Insats, dag: datetime, sedan: datetime | None = None) -> None:
    """Move an operation planned on a later day back to ``dag``; its planning history, replayed
    from ``sedan`` on, moves with it to some weeks before the day, so the lead times read as
    they would have (every sixth was planned late)."""
    if insats.start == dag:
        return
    Insats.objects.filter(pk=insats.pk).update(start=dag, slut=dag + (insats.slut - insats.start))
    insats.refresh_from_db()
    if sedan is not None:
        framforhallning = timedelta(days=10 if insats.pk % 6 == 0 else 42)
        _flytta_historien(insats, sedan, dag - framforhallning)


def _flytta_historien(insats: Insats, sedan: datetime, till: datetime) -> None:
    flytt = F("tid") - sedan + till
    insats.handelser.filter(tid__gte=sedan).update(tid=flytt)
    Insats.objects.filter(pk=insats.pk, skapad__gte=sedan).update(skapad=F("skapad") - sedan + till)
    insats.bemanningsbegaranden.filter(skapad__gte=sedan).update(skapad=F("skapad") - sedan + till)
    insats.bemanningsbegaranden.filter(besvarad__gte=sedan).update(
        besvarad=F("besvarad") - sedan + till
    )
    insats.deltaganden.filter(besvarad__gte=sedan).update(besvarad=F("besvarad") - sedan + till)


class Demodata:
    def __init__(self, ar: int | None = None):
        self.ar = ar or timezone.localdate().year
        self.rng = random.Random(f"saminsats-demo-{self.ar}")
        self.skapade = 0
        # When the replay of the operation being built began (``_till_sin_dag``).
        self._sedan = timezone.now()

    def _skapa(self, modell, nycklar: dict, **defaults):
        objekt, skapad = modell.objects.get_or_create(**nycklar, defaults=defaults)
        self.skapade += int(skapad)
        return objekt, skapad

    @transaction.atomic
    def kor(self) -> int:
        self.anvandare = {d.username: self._anvandare(d) for d in DEMO_ANVANDARE}
        skapa_informationsmallar(self._skapa)
        self.skapade += skapa_profiler()
        skapade, self.prioriteringar, self.atgardspunkter = demoprioriteringar(self.ar)
        self.skapade += skapade
        with utan_prenumeranter(INSATSEN_ANDRAD, UNDERLAG_BESTALLDA, OBJEKT_ANDRAT):
            self.objekt = [self._objekt(i) for i in range(48)]
            self._intressen()
            for nummer in range(1, PASSERADE_INSATSER + KOMMANDE_INSATSER + 1):
                self._insats(nummer)
            self._dagens_insats()
            self.skapade += sum(DEMODATA.samla(self.anvandare, self.ar))
        kommande = Insats.objects.filter(referens=f"DEMO-{self.ar}-034").first()
        self.skapade += skapa_demohjul(self.ar, kommande.start if kommande else None)
        fonster = resursfonster()
        if fonster is not None:
            with utan_prenumeranter(INSATSEN_ANDRAD, UNDERLAG_BESTALLDA, OBJEKT_ANDRAT):
                self._i_resursfonstret(fonster)
            self.skapade += lova_demoresurser(fonster)
        self.skapade += namnge_demopersoner(self.ar, self.anvandare, kommande)
        self.skapade += publicera_demohjul(self.ar)
        return self.skapade

    def _anvandare(self, demo: DemoAnvandare):
        user, _ = self._skapa(
            get_user_model(),
            {"username": demo.username},
            first_name=demo.fornamn,
            last_name=demo.efternamn,
            email=f"{demo.username}@demo.saminsats.invalid",
        )
        if not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        group = rollgrupp(demo.roll)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        profil, skapad = self._skapa(
            Anvandarprofil,
            {"user": user},
            organisation=Myndighet.objects.get(kod=demo.organisation),
            enhet=Enhet.objects.get(kod=demo.enhet) if demo.enhet else None,
            ar_insatspolis=demo.insatspolis,
            ar_sakerhetskontakt=demo.sakerhetskontakt,
            titel=demo.titel,
        )
        if skapad and demo.lpoer:
            profil.lpo_scope.set(Lokalpolisomrade.objects.filter(kod__in=demo.lpoer))
        return user

    def _objekt(self, index: int) -> Objekt:
        """A fictitious business proposed by an agency, taken up and made ready by AKC-väst's
        coordinator for some of them."""
        organisationsnummer = demo_organisationsnummer(index + 1)
        befintligt = Objekt.objects.filter(organisationsnummer=organisationsnummer).first()
        if befintligt is not None:
            return ge_demoposition(self.anvandare["samordnare.akc"], befintligt, index)
        namn, typ = VERKSAMHETER[index % len(VERKSAMHETER)]
        lpo_kod = LPO_KODER[index % len(LPO_KODER)]
        lpo = Lokalpolisomrade.objects.get(kod=lpo_kod)
        rng = random.Random(f"objekt-{index}")
        foreslagare = ["samordnare.miljo", "samordnare.akc", "handlaggare.skv", "handlaggare.av"]
        kategorier = list(Problemkategori.objects.order_by("kod"))
        stadsomrade = Stadsomrade.objects.filter(lpo=lpo).first()
        utsatt_omrade = self._utsatt_omrade(lpo_kod, index)
        objekt = objekttjanster.foresla_objekt(
            self.anvandare[foreslagare[index % 4]],
            problemkategorier=rng.sample(kategorier, k=min(2, len(kategorier))),
            spara_anda=True,
            namn=f"{namn} {index // len(VERKSAMHETER) + 1} {rng.choice(BOLAGSFORMER)}",
            objekttyp=typ,
            organisationsnummer=organisationsnummer,
            adress=f"{rng.choice(GATOR)} {rng.randint(1, 80)}",
            postnummer=f"{POSTNUMMER[lpo_kod]} {rng.randint(10, 99)}",
            postort="Göteborg",
            kommun=Kommun.objects.get(kod="goteborg"),
            stadsomrade=stadsomrade,
            lpo=lpo,
            utsatt_omrade=utsatt_omrade,
            **demoposition(index, stadsomrade, utsatt_omrade),
            foreslaget_datum=datetime(self.ar, 1, 1).date() + timedelta(days=index * 5),
            reserv=index % 7 == 0,
        )
        self.skapade += 1
        for overgang in ["bereda", "markera_redo"][: index % 3]:
            objekt = objekttjanster.andra_objektstatus(
                self.anvandare["samordnare.akc"], objekt, overgang, version=objekt.version
            )
        return objekt

    def _utsatt_omrade(self, lpo_kod: str, index: int) -> UtsattOmrade | None:
        if lpo_kod == "nordost" and index % 2 == 0:
            return UtsattOmrade.objects.filter(lpo__kod="nordost").order_by("namn").first()
        if lpo_kod == "syd" and index % 3 == 0:
            return UtsattOmrade.objects.filter(lpo__kod="syd").order_by("namn").first()
        return None

    def _intressen(self) -> None:
        myndigheter = ["skatteverket", "av", "migrationsverket"]
        for index, objekt in enumerate(self.objekt):
            for steg, kod in enumerate(myndigheter):
                if (index + steg) % 3 == 2:
                    continue
                user = self.anvandare[SVARANDE[kod]]
                if Myndighetsintresse.objects.filter(objekt=objekt, organisation__kod=kod).exists():
                    continue
                relevant = (index + steg) % 3 == 0
                objekttjanster.markera_relevans(
                    user,
                    objekt,
                    Myndighetsintresse.Relevans.RELEVANT
                    if relevant
                    else Myndighetsintresse.Relevans.EJ_RELEVANT,
                    "Misstänkt svartarbete" if relevant else "Ingen verksamhet av intresse",
                    "",
                    version=0,
                )
                self.skapade += 1

    def _datum(self, nummer: int) -> datetime:
        """Operations 1-32 lie before today, spread over the year; 33-40 in the coming weeks."""
        idag = datetime.combine(timezone.localdate(), time(0), STOCKHOLM)
        if nummer <= PASSERADE_INSATSER:
            forsta = max(datetime(self.ar, 1, 8, tzinfo=STOCKHOLM), idag - timedelta(days=330))
            if (idag - forsta).days < PASSERADE_INSATSER:
                forsta = idag - timedelta(days=330)
            span = (idag - forsta).days - 1
            dag = forsta + timedelta(days=(nummer - 1) * span // PASSERADE_INSATSER)
        else:
            sista = max(datetime(self.ar, 12, 18, tzinfo=STOCKHOLM), idag + timedelta(days=30))
            span = (sista - idag).days
            dag = idag + timedelta(
                days=1 + (nummer - PASSERADE_INSATSER - 1) * span // KOMMANDE_INSATSER
            )
        while dag.weekday() >= 5:
            dag -= timedelta(days=1) if nummer <= PASSERADE_INSATSER else -timedelta(days=1)
        return dag.replace(hour=self.rng.choice([9, 13, 18, 20]), minute=0)

    def _insats(self, nummer: int) -> None:
        referens = f"DEMO-{self.ar}-{nummer:03d}"
        if Insats.objects.filter(referens=referens).exists():
            return
        dag = self._datum(nummer)
        start = _byggdag(dag)
        self._sedan = timezone.now()
        mal = demomal(nummer)
        akc = nummer % 3 != 0
        samordnare = self.anvandare["samordnare.akc" if akc else "samordnare.miljo"]
        lpo = Lokalpolisomrade.objects.get(kod=["city", "nordost", "hisingen", "syd"][nummer % 4])
        insats = self._skapa_insats(
            samordnare, referens, self._titel(nummer, lpo), start, timedelta(hours=4), lpo, akc
        )
        self._prioritera(insats, samordnare, nummer, dag)
        self._bjud_in(insats, samordnare, nummer)
        self._kontroller(insats, samordnare, lpo, nummer)
        if mal == S.AVSLAGEN:
            services.avsla_insats(
                samordnare,
                insats,
                "Objekten är redan kontrollerade i år.",
                version=_ny(insats).version,
            )
        elif mal != S.FORESLAGEN:
            self._planera(insats, samordnare)
            if mal in KOMMANDE_MAL:
                frislapp_till(insats, self.anvandare)
            self._folj_upp(insats, samordnare, lpo, nummer, mal, dag)
            if mal in KOMMANDE_MAL:
                self._kontakter(insats, samordnare, nummer)
        _till_sin_dag(insats, dag, self._sedan)

    def _prioritera(self, insats: Insats, samordnare, nummer: int, dag: datetime) -> None:
        """Link five in six operations to a priority of the situation picture (every fifth to
        two) and the action-plan items under it, when the period holds both on the day the
        operation is built and on its own day (it is moved there without the verbs)."""
        if not self.prioriteringar or nummer % 6 == 5:
            return
        period = self.prioriteringar[0].period
        if not all(
            period.fran <= timezone.localtime(t).date() <= period.till for t in (dag, insats.start)
        ):
            return
        valda = {self.prioriteringar[nummer % len(self.prioriteringar)]}
        if nummer % 5 == 0:
            valda.add(self.prioriteringar[(nummer + 1) % len(self.prioriteringar)])
        services.andra_insats(
            samordnare,
            insats,
            version=_ny(insats).version,
            prioriteringar=valda,
            atgardspunkter=[a for a in self.atgardspunkter if a.prioritering in valda],
        )

    def _skapa_insats(
        self, samordnare, referens, titel, start, langd, lpo, akc=True, insatsfonster=None
    ) -> Insats:
        """A demo operation proposed by ``samordnare`` in Göteborg, LPO ``lpo`` (in a window of
        the wheel, when ``insatsfonster`` is given)."""
        self.skapade += 1
        return services.skapa_insats(
            user=samordnare,
            referens=referens,
            titel=titel,
            start=start,
            slut=start + langd,
            samordnande_enhet=samordnare.profil.enhet,
            samverkansform=Samverkansform.objects.get(kod="akc" if akc else "osund-konkurrens"),
            samlingsplats=f"Samling vid {lpo.namn}s polisstation, entrén mot gatan",
            lpoer=[lpo],
            kommuner=Kommun.objects.filter(kod="goteborg"),
            insatsfonster=insatsfonster,
        )

    def _folj_upp(self, insats, samordnare, lpo, nummer: int, mal: str, dag=None) -> None:
        """Bring a planned operation to ``mal`` the way the people involved would; one carried
        out is moved to its ``dag`` first, since its day must have come."""
        if mal == S.PLANERAD:
            # The police declined: back to planned, no answers yet.
            begaran = self._begar(insats, samordnare, lpo, nummer)
            self._svara_polis(begaran, lpo, 0)
            return
        self._svara(insats, nummer)
        begaran = self._begar(insats, samordnare, lpo, nummer)
        if mal == S.BEMANNING_BEGARD and nummer % 2:
            return
        self._svara_polis(begaran, lpo, 2 if mal == S.BEKRAFTAD and nummer % 2 else 4)
        if mal == S.BEMANNING_BEGARD:
            services.aterkalla_bemanning(
                self._polis(lpo),
                _ny(begaran),
                self._orsak(nummer),
                "Resurser omfördelade till ett annat ärende.",
                version=_ny(begaran).version,
            )
        elif mal == S.INSTALLD:
            services.stall_in_insats(
                samordnare,
                insats,
                self._orsak(nummer),
                "Polisen omprioriterade efter en skjutning.",
                version=_ny(insats).version,
            )
        elif mal == S.OMPLANERAD:
            self._omplanera(insats, samordnare, lpo, nummer)
        elif mal in {S.GENOMFORD, S.UTVARDERAD}:
            _till_sin_dag(insats, dag or insats.start, self._sedan)
            # Evaluated ones are evaluated by the evaluation app's demo data (``DEMODATA``).
            self._genomfor(insats, samordnare, nummer)

    def _kontakter(self, insats: Insats, samordnare, nummer: int) -> None:
        """Who to call on the day: each organisation taking part names its contact function and
        function phone, the police of each LPO with active staffing their commander on site."""
        deltaganden = insats.deltaganden.exclude(svar=Deltagande.Svar.AVBOJD).select_related(
            "organisation"
        )
        for steg, d in enumerate(deltaganden.order_by("pk")):
            samordnar = d.roll == Deltagande.Roll.SAMORDNARE
            services.ange_kontaktfunktion(
                samordnare if samordnar else self.anvandare[SVARANDE[d.organisation.kod]],
                d,
                f"Insatsledare, {d.organisation.namn}",
                f"010-{nummer:03d} 10 {steg:02d}",
                version=d.version,
            )
        aktiva = insats.bemanningsbegaranden.filter(status__in=access.AKTIVA_BEMANNINGSSTATUSAR)
        for begaran in aktiva.select_related("lpo"):
            services.ange_polisbefal(
                self._polis(begaran.lpo),
                insats,
                begaran.lpo,
                f"Yttre befäl LPO {begaran.lpo.namn}",
                f"010-{nummer:03d} 20 00",
                version=0,
            )

    def _dagens_insats(self) -> None:
        """One operation under way today, with findings of two agencies (one shared, one kept
        within Skatteverket, one threat), so that the day page shows something at once."""
        referens = f"DEMO-{self.ar}-IDAG"
        if Insats.objects.filter(referens=referens).exists():
            return
        # 20: LPO City, AKC-väst coordinating, Skatteverket and the Swedish Work Environment
        # Authority invited and accepting (see the arithmetic of _bjud_in and _svara).
        nummer = 20
        samordnare = self.anvandare["samordnare.akc"]
        lpo = Lokalpolisomrade.objects.get(kod="city")
        start = datetime.combine(timezone.localdate(), time(7), STOCKHOLM)
        insats = self._skapa_insats(
            samordnare, referens, f"Restauranger i {lpo.namn} idag", start, timedelta(hours=14), lpo
        )
        self._bjud_in(insats, samordnare, nummer)
        self._kontroller(insats, samordnare, lpo, nummer)
        self._planera(insats, samordnare)
        frislapp_till(insats, self.anvandare)
        self._folj_upp(insats, samordnare, lpo, nummer, S.BEKRAFTAD)
        self._kontakter(insats, samordnare, nummer)
        forsta, andra = insats.kontroller.filter(reserv=False).order_by("ordning")[:2]
        skv, av = self.anvandare["handlaggare.skv"], self.anvandare["handlaggare.av"]
        services.registrera_fynd(skv, forsta, "Kassaregister saknas i kassan.", delad=True)
        services.registrera_fynd(av, forsta, "Nödutgången är blockerad av kartonger.")
        services.registrera_fynd(
            av, andra, "Ägaren hotade inspektören när hon fotograferade köket.", hot=True
        )

    def _i_resursfonstret(self, fonster) -> None:
        """An operation of AKC-väst planned in the demo wheel's resource window, where
        Skatteverket plans three people and the Swedish Work Environment Authority two; the
        pledges made afterwards (``arshjul.demodata.RESURSLOFTEN``) show the warning on it."""
        referens = f"DEMO-{self.ar}-FONSTER"
        if Insats.objects.filter(referens=referens).exists():
            return
        samordnare = self.anvandare["samordnare.akc"]
        start = fonster.start + timedelta(days=1, hours=9)
        insats = self._skapa_insats(
            samordnare,
            referens,
            f"Restauranger i {fonster.lpo.namn}, planerad i insatsfönstret",
            start,
            timedelta(hours=4),
            fonster.lpo,
            insatsfonster=fonster,
        )
        for kod, antal in (("skatteverket", 3), ("av", 2)):
            deltagande = services.bjud_in(samordnare, insats, Myndighet.objects.get(kod=kod))
            services.besvara_inbjudan(
                self.anvandare[SVARANDE[kod]], deltagande, True, antal, version=deltagande.version
            )
        self._kontroller(insats, samordnare, fonster.lpo, 0)
        self._planera(insats, samordnare)

    def _titel(self, nummer: int, lpo: Lokalpolisomrade) -> str:
        teman = [
            "Restauranger",
            "Nagelsalonger",
            "Biltvättar",
            "Byggarbetsplatser",
            "Olovliga boenden",
        ]
        return f"{teman[nummer % len(teman)]} i {lpo.namn}"

    def _orsak(self, nummer: int) -> Installningsorsak:
        orsaker = list(Installningsorsak.objects.order_by("kod"))
        return orsaker[nummer % len(orsaker)]

    def _bjud_in(self, insats: Insats, samordnare, nummer: int) -> None:
        koder = ["skatteverket", "av", "migrationsverket"]
        if insats.samordnande_organisation.kod != "miljoforvaltningen":
            koder.append("miljoforvaltningen")
        for steg, kod in enumerate(koder):
            if (nummer + steg) % 4 != 3:
                services.bjud_in(samordnare, insats, Myndighet.objects.get(kod=kod))

    def _svara(self, insats: Insats, nummer: int) -> None:
        """Each invited agency answers; now and then one declines."""
        inbjudningar = insats.deltaganden.exclude(roll=Deltagande.Roll.SAMORDNARE).select_related(
            "organisation"
        )
        for steg, deltagande in enumerate(inbjudningar.order_by("pk")):
            accepterad = (nummer + steg) % 5 != 4
            services.besvara_inbjudan(
                self.anvandare[SVARANDE[deltagande.organisation.kod]],
                deltagande,
                accepterad,
                2 if accepterad else 0,
                version=deltagande.version,
            )

    def _kontroller(self, insats: Insats, samordnare, lpo: Lokalpolisomrade, nummer: int) -> None:
        kandidater = [o for o in self.objekt if o.lpo_id == lpo.pk]
        valda = random.Random(f"kontroller-{self.ar}-{nummer}").sample(kandidater, k=3)
        for objekt in valda:
            services.lagg_till_kontroll(
                samordnare,
                insats,
                objekt,
                "Miljöbalken (tillsyn), tillträde genom miljöförvaltningen",
            )

    def _planera(self, insats: Insats, samordnare) -> None:
        services.planera_insats(
            samordnare,
            insats,
            version=_ny(insats).version,
            motivering=MOTIVERING,
            kvitterade=_varningar(insats),
        )

    def _begar(self, insats: Insats, samordnare, lpo, nummer: int) -> Bemanningsbegaran:
        kompetenser = [Bemanningsbegaran.Kompetens.INSATSPOLIS]
        kompetenser += [Bemanningsbegaran.Kompetens.GRANSPOLIS] if nummer % 2 else []
        insats = _ny(insats)
        return services.begar_bemanning(
            samordnare,
            insats,
            lpo,
            4,
            kompetenser,
            (insats.start - timedelta(days=14)).date(),
            motivering=MOTIVERING,
            kvitterade=_varningar(insats),
            version=insats.version,
        )

    def _polis(self, lpo: Lokalpolisomrade):
        return self.anvandare[f"opsam.{lpo.kod}"]

    def _svara_polis(self, begaran: Bemanningsbegaran, lpo, antal: int) -> None:
        poliser = [self.anvandare["insatspolis.city"]] if lpo.kod == "city" and antal else []
        services.besvara_bemanning(
            self._polis(lpo), begaran, antal, poliser, version=_ny(begaran).version
        )

    def _omplanera(self, insats: Insats, samordnare, lpo, nummer: int) -> None:
        """Moved two weeks on; the participants answer again and the police confirm again."""
        ny_start = insats.start + timedelta(days=14)

        def omplanera(kvitterade):
            return services.omplanera_insats(
                samordnare,
                _ny(insats),
                ny_start,
                ny_start + timedelta(hours=4),
                self._orsak(nummer),
                version=_ny(insats).version,
                motivering=MOTIVERING,
                kvitterade=kvitterade,
            )

        # As on the page: the new date's warnings are shown, then acknowledged.
        try:
            with transaction.atomic():
                efterfoljare = omplanera([])
        except ObekraftadeVarningar as fel:
            efterfoljare = omplanera([v.nyckel for v in fel.varningar])
        self.skapade += 1
        self._svara(efterfoljare, nummer)
        for begaran in efterfoljare.bemanningsbegaranden.all():
            self._svara_polis(begaran, lpo, 4)
        if ny_start < timezone.now():
            self._genomfor(efterfoljare, samordnare, nummer)

    def _genomfor(self, insats: Insats, samordnare, nummer: int) -> None:
        """The day: every control marked (a closed business now and then), then carried out."""
        for kontroll in insats.kontroller.filter(reserv=False).order_by("ordning"):
            ej_gjord = kontroll.ordning == 3 and nummer % 2 == 0
            services.markera_kontroll(
                samordnare,
                kontroll,
                not ej_gjord,
                "Verksamheten var stängd." if ej_gjord else "",
                forvantad_status=kontroll.status,
            )
        services.genomfor_insats(samordnare, insats, version=_ny(insats).version)


def _varningar(insats: Insats) -> list[str]:
    """The warnings the coordinator sees and goes ahead past, with ``MOTIVERING``."""
    return [v.nyckel for v in varningar.okvitterade(insats)]
