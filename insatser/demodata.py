"""Idempotent demo data: demo logins, fictitious businesses and a year of joint operations.

Every row is looked up by a stable key before it is created, so a second run changes nothing.
All businesses are fictitious; their organisation numbers carry valid check digits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from arshjul.demodata import skapa_demohjul
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Insatshandelse,
    Installningsorsak,
    Kontroll,
    Polisbemanning,
)
from insatser.workflow import BemanningStatus, InsatsStatus
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
from myndigheter.roles import Roll, rollgrupp
from objekt.demodata import folj_kontrollerna, skapa_informationsmallar
from objekt.models import Myndighetsintresse, Objekt, Objekttyp, Problemkategori
from objekt.validators import luhn_ok

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass(frozen=True)
class DemoAnvandare:
    username: str
    fornamn: str
    efternamn: str
    roll: Roll
    organisation: str
    enhet: str | None = None
    lpoer: tuple[str, ...] = ()
    insatspolis: bool = False
    titel: str = ""


DEMO_ANVANDARE = [
    DemoAnvandare("admin", "Ada", "Admin", Roll.ADMIN, "akc-vast", titel="Systemförvaltare"),
    DemoAnvandare(
        "samordnare.akc",
        "Sara",
        "Samordnare",
        Roll.SAMORDNARE,
        "akc-vast",
        "akc-vast-samordning",
        titel="Samordnare AKC-väst",
    ),
    DemoAnvandare(
        "samordnare.miljo",
        "Mikael",
        "Miljö",
        Roll.SAMORDNARE,
        "miljoforvaltningen",
        "miljo-osund-konkurrens",
        titel="Samordnare mot osund konkurrens",
    ),
    DemoAnvandare(
        "handlaggare.skv",
        "Stina",
        "Skatt",
        Roll.HANDLAGGARE,
        "skatteverket",
        "skv-kontroll",
        titel="Handläggare",
    ),
    DemoAnvandare(
        "handlaggare.av",
        "Arne",
        "Arbetsmiljö",
        Roll.HANDLAGGARE,
        "av",
        "av-inspektion",
        titel="Inspektör",
    ),
    DemoAnvandare(
        "handlaggare.mig",
        "Mira",
        "Migration",
        Roll.HANDLAGGARE,
        "migrationsverket",
        "mig-kontroll",
        titel="Handläggare",
    ),
    DemoAnvandare(
        "kontakt.skv",
        "Karin",
        "Kontakt",
        Roll.MYNDIGHETSKONTAKT,
        "skatteverket",
        "skv-kontroll",
        titel="Myndighetskontakt",
    ),
    DemoAnvandare(
        "opsam.city",
        "Olle",
        "City",
        Roll.OPERATIV_SAMORDNARE,
        "polisen",
        "polisen-lpo-city",
        lpoer=("city",),
        titel="Operativ samordnare LPO City",
    ),
    DemoAnvandare(
        "opsam.nordost",
        "Nora",
        "Nordost",
        Roll.OPERATIV_SAMORDNARE,
        "polisen",
        "polisen-lpo-nordost",
        lpoer=("nordost",),
        titel="Operativ samordnare LPO Nordost",
    ),
    DemoAnvandare(
        "insatspolis.city",
        "Ivar",
        "Insats",
        Roll.INSATSPOLIS,
        "polisen",
        "polisen-lpo-city",
        insatspolis=True,
        titel="Insatspolis",
    ),
    DemoAnvandare(
        "polisledning",
        "Per",
        "Ledning",
        Roll.POLISLEDNING,
        "polisen",
        lpoer=("city", "hisingen", "syd", "nordost"),
        titel="Polisområde Storgöteborg",
    ),
    DemoAnvandare(
        "ledningsgrupp",
        "Lena",
        "Ledningsgrupp",
        Roll.LEDNINGSGRUPP,
        "goteborgs-stad",
        titel="Ledningsgrupp Trygg i Göteborg",
    ),
    DemoAnvandare(
        "api.skv",
        "API",
        "Skatteverket",
        Roll.API_KLIENT,
        "skatteverket",
        titel="Tjänstekonto",
    ),
]

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


class Demodata:
    def __init__(self, ar: int | None = None):
        self.ar = ar or timezone.localdate().year
        self.rng = random.Random(f"saminsats-demo-{self.ar}")
        self.skapade = 0

    def _skapa(self, modell, nycklar: dict, **defaults):
        objekt, skapad = modell.objects.get_or_create(**nycklar, defaults=defaults)
        self.skapade += int(skapad)
        return objekt, skapad

    @transaction.atomic
    def kor(self) -> int:
        self.anvandare = {d.username: self._anvandare(d) for d in DEMO_ANVANDARE}
        skapa_informationsmallar(self._skapa)
        self.objekt = [self._objekt(i) for i in range(48)]
        self._intressen()
        for nummer in range(1, PASSERADE_INSATSER + KOMMANDE_INSATSER + 1):
            self._insats(nummer)
        folj_kontrollerna()
        self.skapade += skapa_demohjul(self.ar)
        return self.skapade

    def _anvandare(self, demo: DemoAnvandare):
        user, _ = self._skapa(
            get_user_model(),
            {"username": demo.username},
            first_name=demo.fornamn,
            last_name=demo.efternamn,
            email=f"{demo.username}@demo.saminsats.invalid",
            is_staff=demo.roll == Roll.ADMIN,
            is_superuser=demo.roll == Roll.ADMIN,
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
            titel=demo.titel,
        )
        if skapad and demo.lpoer:
            profil.lpo_scope.set(Lokalpolisomrade.objects.filter(kod__in=demo.lpoer))
        return user

    def _objekt(self, index: int) -> Objekt:
        namn, typ = VERKSAMHETER[index % len(VERKSAMHETER)]
        lpo_kod = LPO_KODER[index % len(LPO_KODER)]
        lpo = Lokalpolisomrade.objects.get(kod=lpo_kod)
        rng = random.Random(f"objekt-{index}")
        forslag_av = ["miljoforvaltningen", "akc-vast", "skatteverket", "av"][index % 4]
        objekt, skapad = self._skapa(
            Objekt,
            {"referens": f"DEMO-OBJ-{index + 1:03d}"},
            namn=f"{namn} {index // len(VERKSAMHETER) + 1} {rng.choice(BOLAGSFORMER)}",
            objekttyp=typ,
            organisationsnummer=demo_organisationsnummer(index + 1),
            adress=f"{rng.choice(GATOR)} {rng.randint(1, 80)}",
            postnummer=f"{POSTNUMMER[lpo_kod]} {rng.randint(10, 99)}",
            postort="Göteborg",
            kommun=Kommun.objects.get(kod="goteborg"),
            stadsomrade=Stadsomrade.objects.filter(lpo=lpo).first(),
            lpo=lpo,
            utsatt_omrade=self._utsatt_omrade(lpo_kod, index),
            foreslaget_av_organisation=Myndighet.objects.get(kod=forslag_av),
            foreslaget_datum=datetime(self.ar, 1, 1).date() + timedelta(days=index * 5),
            status=[Objekt.Status.FORESLAGET, Objekt.Status.UNDER_BEREDNING, Objekt.Status.REDO][
                index % 3
            ],
            reserv=index % 7 == 0,
        )
        if skapad:
            kategorier = list(Problemkategori.objects.order_by("kod"))
            objekt.problemkategorier.set(rng.sample(kategorier, k=min(2, len(kategorier))))
        return objekt

    def _utsatt_omrade(self, lpo_kod: str, index: int) -> UtsattOmrade | None:
        if lpo_kod == "nordost" and index % 2 == 0:
            return UtsattOmrade.objects.filter(lpo__kod="nordost").order_by("namn").first()
        if lpo_kod == "syd" and index % 3 == 0:
            return UtsattOmrade.objects.filter(lpo__kod="syd").order_by("namn").first()
        return None

    def _intressen(self) -> None:
        myndigheter = list(
            Myndighet.objects.filter(kod__in=["skatteverket", "av", "migrationsverket"])
        )
        handlaggare = {
            "skatteverket": self.anvandare["handlaggare.skv"],
            "av": self.anvandare["handlaggare.av"],
            "migrationsverket": self.anvandare["handlaggare.mig"],
        }
        for index, objekt in enumerate(self.objekt):
            for steg, myndighet in enumerate(myndigheter):
                if (index + steg) % 3 == 2:
                    continue
                relevant = (index + steg) % 3 == 0
                self._skapa(
                    Myndighetsintresse,
                    {"objekt": objekt, "organisation": myndighet},
                    relevans=Myndighetsintresse.Relevans.RELEVANT
                    if relevant
                    else Myndighetsintresse.Relevans.EJ_RELEVANT,
                    grund="Misstänkt svartarbete" if relevant else "",
                    bedomd_av=handlaggare[myndighet.kod],
                    datum=datetime.combine(objekt.foreslaget_datum, time(10), STOCKHOLM),
                )

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

    def _status(self, nummer: int, start: datetime) -> str:
        if nummer > PASSERADE_INSATSER:
            # Indexed by nummer % 8 so that LPO City (nummer % 4 == 0) gets confirmed
            # operations and every staffing state occurs among the coming ones.
            kommande = [
                InsatsStatus.BEKRAFTAD,
                InsatsStatus.BEMANNING_BEGARD,
                InsatsStatus.PLANERAD,
                InsatsStatus.PLANERAD,
                InsatsStatus.BEKRAFTAD,
                InsatsStatus.BEKRAFTAD,
                InsatsStatus.BEMANNING_BEGARD,
                InsatsStatus.FORESLAGEN,
            ]
            return kommande[nummer % len(kommande)]
        passerade = [
            InsatsStatus.UTVARDERAD,
            InsatsStatus.GENOMFORD,
            InsatsStatus.UTVARDERAD,
            InsatsStatus.INSTALLD,
            InsatsStatus.UTVARDERAD,
            InsatsStatus.OMPLANERAD,
            InsatsStatus.GENOMFORD,
            InsatsStatus.AVSLAGEN,
        ]
        return passerade[nummer % len(passerade)]

    def _insats(self, nummer: int) -> None:
        start = self._datum(nummer)
        status = self._status(nummer, start)
        akc = nummer % 3 != 0
        samordnare = self.anvandare["samordnare.akc" if akc else "samordnare.miljo"]
        lpo = Lokalpolisomrade.objects.get(kod=["city", "nordost", "hisingen", "syd"][nummer % 4])
        insats, skapad = self._skapa(
            Insats,
            {"referens": f"DEMO-{self.ar}-{nummer:03d}"},
            titel=self._titel(nummer, lpo),
            samordnande_organisation=samordnare.profil.organisation,
            samordnande_enhet=samordnare.profil.enhet,
            samverkansform=Samverkansform.objects.get(kod="akc" if akc else "osund-konkurrens"),
            start=start,
            slut=start + timedelta(hours=4),
            samlingsplats=f"Samling vid {lpo.namn}s polisstation, entrén mot gatan",
            status=status,
            installd_orsak=self._orsak(nummer)
            if status in {InsatsStatus.INSTALLD, InsatsStatus.OMPLANERAD}
            else None,
            installd_kommentar="Polisen omprioriterade efter en skjutning."
            if status == InsatsStatus.INSTALLD
            else "",
            avslag_motivering="Objekten är redan kontrollerade i år."
            if status == InsatsStatus.AVSLAGEN
            else "",
            skapad_av=samordnare,
            skapad=start - timedelta(days=42),
        )
        if not skapad:
            return
        insats.lpoer.set([lpo])
        insats.kommuner.set(Kommun.objects.filter(kod="goteborg"))
        self._deltaganden(insats, samordnare, status, nummer)
        self._kontroller(insats, lpo, status, nummer)
        self._bemanning(insats, lpo, status, nummer)
        Insatshandelse.objects.create(
            insats=insats,
            typ="skapad",
            utford_av=samordnare,
            tid=insats.skapad,
            till_status=InsatsStatus.FORESLAGEN,
        )
        if status != InsatsStatus.FORESLAGEN:
            Insatshandelse.objects.create(
                insats=insats,
                typ="demodata",
                utford_av=samordnare,
                tid=insats.skapad + timedelta(days=1),
                fran_status=InsatsStatus.FORESLAGEN,
                till_status=status,
            )
        if status == InsatsStatus.OMPLANERAD:
            self._efterfoljare(insats, nummer)

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

    def _deltaganden(self, insats: Insats, samordnare, status: str, nummer: int) -> None:
        Deltagande.objects.create(
            insats=insats,
            organisation=insats.samordnande_organisation,
            enhet=insats.samordnande_enhet,
            roll=Deltagande.Roll.SAMORDNARE,
            svar=Deltagande.Svar.ACCEPTERAD,
            besvarad=insats.skapad,
        )
        besvarad = status not in {InsatsStatus.FORESLAGEN, InsatsStatus.PLANERAD}
        koder = ["skatteverket", "av", "migrationsverket"]
        if insats.samordnande_organisation.kod != "miljoforvaltningen":
            koder.append("miljoforvaltningen")
        for steg, kod in enumerate(koder):
            if (nummer + steg) % 4 == 3:
                continue
            svar = Deltagande.Svar.INBJUDEN
            if besvarad:
                svar = (
                    Deltagande.Svar.AVBOJD
                    if (nummer + steg) % 5 == 4
                    else Deltagande.Svar.ACCEPTERAD
                )
            Deltagande.objects.create(
                insats=insats,
                organisation=Myndighet.objects.get(kod=kod),
                svar=svar,
                planerat_antal=2 if svar == Deltagande.Svar.ACCEPTERAD else 0,
                besvarad=insats.skapad + timedelta(days=3) if besvarad else None,
            )
        Deltagande.objects.create(
            insats=insats,
            organisation=Myndighet.objects.get(kod="polisen"),
            roll=Deltagande.Roll.POLIS,
            svar=Deltagande.Svar.ACCEPTERAD if besvarad else Deltagande.Svar.INBJUDEN,
        )

    def _kontroller(self, insats: Insats, lpo: Lokalpolisomrade, status: str, nummer: int) -> None:
        kandidater = [o for o in self.objekt if o.lpo_id == lpo.pk]
        valda = random.Random(f"kontroller-{self.ar}-{nummer}").sample(kandidater, k=3)
        genomford = status in {InsatsStatus.GENOMFORD, InsatsStatus.UTVARDERAD}
        for ordning, objekt in enumerate(valda, start=1):
            ej_gjord = genomford and ordning == 3 and nummer % 2 == 0
            kontroll = Kontroll.objects.create(
                insats=insats,
                objekt=objekt,
                ordning=ordning,
                tilltradesgrund="Miljöbalken (tillsyn), tillträde genom miljöförvaltningen",
                status=(Kontroll.Status.EJ_GENOMFORD if ej_gjord else Kontroll.Status.GENOMFORD)
                if genomford
                else Kontroll.Status.PLANERAD,
                ej_genomford_orsak="Verksamheten var stängd." if ej_gjord else "",
            )
            kontroll.deltagande_organisationer.set(
                Myndighet.objects.filter(
                    pk__in=insats.deltaganden.filter(svar=Deltagande.Svar.ACCEPTERAD).values(
                        "organisation"
                    )
                )
            )

    def _bemanning(self, insats: Insats, lpo: Lokalpolisomrade, status: str, nummer: int) -> None:
        bemanningsstatus = self._bemanningsstatus(status, nummer)
        if bemanningsstatus is None:
            return
        opsam = self.anvandare["opsam.city" if lpo.kod == "city" else "opsam.nordost"]
        besvarad = bemanningsstatus not in {BemanningStatus.UTKAST, BemanningStatus.SKICKAD}
        bekraftat = {
            BemanningStatus.BEKRAFTAD: 4,
            BemanningStatus.DELVIS_BEKRAFTAD: 2,
            BemanningStatus.AVBOJD: 0,
            BemanningStatus.ATERKALLAD: 4,
            BemanningStatus.MAKULERAD: None,
        }.get(bemanningsstatus)
        begaran = Bemanningsbegaran.objects.create(
            insats=insats,
            lpo=lpo,
            begarande_enhet=insats.samordnande_enhet,
            begart_antal=4,
            kompetenser=[Bemanningsbegaran.Kompetens.INSATSPOLIS]
            + ([Bemanningsbegaran.Kompetens.GRANSPOLIS] if nummer % 2 else []),
            status=bemanningsstatus,
            svarsfrist=(insats.start - timedelta(days=14)).date(),
            bekraftat_antal=bekraftat,
            besvarad_av=opsam if besvarad and lpo.kod in {"city", "nordost"} else None,
            besvarad=insats.skapad + timedelta(days=7) if besvarad else None,
            aterkallad_orsak=insats.installd_orsak
            if bemanningsstatus == BemanningStatus.ATERKALLAD
            else None,
            intern_anteckning="Resurser omfördelade till ett annat ärende."
            if bemanningsstatus == BemanningStatus.ATERKALLAD
            else "",
            skapad=insats.skapad + timedelta(days=2),
        )
        if bemanningsstatus in {BemanningStatus.BEKRAFTAD, BemanningStatus.DELVIS_BEKRAFTAD} and (
            lpo.kod == "city"
        ):
            Polisbemanning.objects.create(
                begaran=begaran, anvandare=self.anvandare["insatspolis.city"]
            )

    def _bemanningsstatus(self, status: str, nummer: int) -> str | None:
        """Staffing request states consistent with the operation's state; every state occurs."""
        match status:
            case InsatsStatus.FORESLAGEN | InsatsStatus.AVSLAGEN:
                return None
            case InsatsStatus.PLANERAD:
                return BemanningStatus.UTKAST if nummer % 2 else BemanningStatus.AVBOJD
            case InsatsStatus.BEMANNING_BEGARD:
                return BemanningStatus.SKICKAD if nummer % 2 else BemanningStatus.ATERKALLAD
            case InsatsStatus.BEKRAFTAD:
                return BemanningStatus.DELVIS_BEKRAFTAD if nummer % 2 else BemanningStatus.BEKRAFTAD
            case InsatsStatus.INSTALLD | InsatsStatus.OMPLANERAD:
                return BemanningStatus.MAKULERAD
            case _:
                return BemanningStatus.BEKRAFTAD

    def _efterfoljare(self, insats: Insats, nummer: int) -> None:
        """A rescheduled operation gets a successor two weeks later that was carried out."""
        start = insats.start + timedelta(days=14)
        efterfoljare, skapad = self._skapa(
            Insats,
            {"referens": f"DEMO-{self.ar}-{nummer:03d}-B"},
            titel=insats.titel,
            samordnande_organisation=insats.samordnande_organisation,
            samordnande_enhet=insats.samordnande_enhet,
            samverkansform=insats.samverkansform,
            start=start,
            slut=start + timedelta(hours=4),
            samlingsplats=insats.samlingsplats,
            status=InsatsStatus.GENOMFORD if start < timezone.now() else InsatsStatus.BEKRAFTAD,
            omplanerad_fran=insats,
            skapad_av=insats.skapad_av,
            skapad=insats.start,
        )
        if not skapad:
            return
        lpo = insats.lpoer.get()
        efterfoljare.lpoer.set([lpo])
        efterfoljare.kommuner.set(insats.kommuner.all())
        self._deltaganden(efterfoljare, insats.skapad_av, efterfoljare.status, nummer)
        self._kontroller(efterfoljare, lpo, efterfoljare.status, nummer)
        self._bemanning(efterfoljare, lpo, efterfoljare.status, nummer)
        Insatshandelse.objects.create(
            insats=efterfoljare,
            typ="omplanerad_fran",
            utford_av=insats.skapad_av,
            tid=insats.start,
            text=insats.referens,
            till_status=efterfoljare.status,
        )
