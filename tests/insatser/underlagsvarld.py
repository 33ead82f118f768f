"""A world for the briefing tests: one operation with every audience and every kind of secret.

EGEN (coordinated by AKC-väst, confirmed) inspects two objects. Skatteverket and
Arbetsmiljöverket accepted, Migrationsverket is invited, Tullverket declined, the police take part
with a contact function; LPO City confirmed staffing (officer Petra Polis, internal note) and LPO
Nordost partly (officer Nils Nordost, its own note). Each secret below is a unique word, so a
leak shows in the PDF text.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from insatser.models import (
    Deltagande,
    Frislappning,
    Informationsunderlag,
    Insats,
    Kontroll,
    Malgrupp,
    Malgruppstyp,
    Polisbemanning,
    Underlagsbygge,
)
from insatser.services.underlag import bygg_underlag, markera_inaktuella
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Enhet, Myndighet, UtsattOmrade
from myndigheter.roles import Roll
from objekt.models import Informationsmall, Objekt, Objekttyp, Objektuppgift
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)
from utvardering.models import Forbattringsomrade

ARTEFAKTER = Path(__file__).resolve().parents[2] / "test-artifacts" / "underlag"


def ny_insats(referens, samordnare="akc-vast", dagar=6, status=InsatsStatus.BEKRAFTAD, **extra):
    return InsatsFabrik(
        referens=referens,
        titel=f"Titel {referens}",
        samordnande_organisation=org(samordnare),
        start=(timezone.now() + timedelta(days=dagar)).replace(hour=18, minute=30),
        timmar=3,
        status=status,
        **extra,
    )


def delta(insats, kod, svar=Deltagande.Svar.ACCEPTERAD, **extra):
    return DeltagandeFabrik(insats=insats, organisation=org(kod), svar=svar, **extra)


def nytt_objekt(referens, namn, **extra):
    return ObjektFabrik(referens=referens, namn=namn, adress=f"{namn}gatan 1", **extra)


def uppgift(objekt, agare, innehall, frislappt_till=None, av=None, grund="OSL 10 kap. 28 §"):
    block = Objektuppgift.objects.create(objekt=objekt, organisation=org(agare), innehall=innehall)
    if frislappt_till is not None:
        Frislappning.objects.create(
            objektuppgift=block, insats=frislappt_till, frislappt_av=av, grund=grund
        )
    return block


@dataclass
class Varld:
    egen: Insats
    annan: Insats
    tidigare: Insats
    hemlig: Insats
    alfa: Objekt
    beta: Objekt
    anvandare: dict = field(default_factory=dict)


def bygg_varld(skapa_anvandare) -> Varld:
    def anvandare(namn, roll, kod, **extra):
        user = skapa_anvandare(namn, roll, kod, **extra)
        fornamn, _, efternamn = namn.partition(" ")
        if efternamn:
            user.first_name, user.last_name = fornamn, efternamn
            user.save()
        return user

    u = {
        "samordnare": anvandare("samordnare", Roll.SAMORDNARE, "akc-vast"),
        "skv": anvandare("skv", Roll.HANDLAGGARE, "skatteverket"),
        "skv_kontakt": anvandare("skvkontakt", Roll.MYNDIGHETSKONTAKT, "skatteverket"),
        "av": anvandare("av", Roll.HANDLAGGARE, "av"),
        "mig": anvandare("mig", Roll.HANDLAGGARE, "migrationsverket"),
        "tull": anvandare("tull", Roll.HANDLAGGARE, "tullverket"),
        "miljo": anvandare("miljo", Roll.SAMORDNARE, "miljoforvaltningen"),
        "opsam_city": anvandare("opsamcity", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("city",)),
        "opsam_nordost": anvandare(
            "opsamnordost", Roll.OPERATIV_SAMORDNARE, "polisen", lpoer=("nordost",)
        ),
        "petra": anvandare(
            "Petra Polis", Roll.INSATSPOLIS, "polisen", lpoer=("city",), insatspolis=True
        ),
        "nils": anvandare(
            "Nils Nordost", Roll.INSATSPOLIS, "polisen", lpoer=("nordost",), insatspolis=True
        ),
        "polisledning": anvandare(
            "polisledning", Roll.POLISLEDNING, "polisen", lpoer=("city", "nordost")
        ),
        "ledningsgrupp": anvandare("ledningsgrupp", Roll.LEDNINGSGRUPP, "goteborgs-stad"),
        "api": anvandare("api", Roll.API_KLIENT, "skatteverket"),
    }
    alfa = nytt_objekt(
        "U-ALFA",
        "Alfapizzerian AB",
        organisationsnummer="556016-0680",
        utsatt_omrade=UtsattOmrade.objects.get(kod="gardsten"),
    )
    beta = nytt_objekt("U-BETA", "Betabilvården AB")
    egen = ny_insats(
        "EGEN",
        samordnande_enhet=Enhet.objects.get(kod="akc-vast-samordning"),
        samlingsplats="Samlingsplatskajen",
        sakerhetsanteckning="Hundvarningen",
        lpoer=[lpo("city"), lpo("nordost")],
    )
    delta(egen, "akc-vast", roll=Deltagande.Roll.SAMORDNARE)
    delta(egen, "skatteverket", kontaktfunktion="SKV-funktionsbrevlådan")
    delta(egen, "av")
    delta(egen, "migrationsverket", svar=Deltagande.Svar.INBJUDEN)
    delta(egen, "tullverket", svar=Deltagande.Svar.AVBOJD)
    delta(egen, "polisen", roll=Deltagande.Roll.POLIS, kontaktfunktion="Polisfunktionen City")
    for ordning, objekt in enumerate((alfa, beta), start=1):
        kontroll = KontrollFabrik(
            insats=egen, objekt=objekt, ordning=ordning, tilltradesgrund="Tillträdesgrunden SFL"
        )
        kontroll.deltagande_organisationer.set([org("skatteverket"), org("av")])
    for kod, status, antal, polis, anteckning in [
        ("city", BemanningStatus.BEKRAFTAD, 2, u["petra"], "Citynoteringen"),
        ("nordost", BemanningStatus.DELVIS_BEKRAFTAD, 1, u["nils"], "Nordostnoteringen"),
    ]:
        begaran = BemanningsbegaranFabrik(
            insats=egen,
            lpo=lpo(kod),
            bekraftat_antal=antal,
            status=status,
            intern_anteckning=anteckning,
        )
        Polisbemanning.objects.create(begaran=begaran, anvandare=polis)

    annan = ny_insats("ANNAN", dagar=9, status=InsatsStatus.PLANERAD)
    delta(annan, "akc-vast", roll=Deltagande.Roll.SAMORDNARE)
    delta(annan, "av")
    KontrollFabrik(insats=annan, objekt=beta)

    uppgift(alfa, "skatteverket", {"skulder": "Skatteskuldfrisläppt"}, egen, u["skv"])
    uppgift(alfa, "av", {"brister": "Arbetsmiljöhemligheten"})
    uppgift(beta, "migrationsverket", {"tillstand": "Migrationsegenuppgiften"})
    uppgift(beta, "av", {"annat": "Annaninsatsuppgiften"}, annan, u["av"])
    Informationsmall.objects.create(
        organisation=org("skatteverket"),
        objekttyp=Objekttyp.FORETAG,
        version=2,
        faltdefinition=[
            {"namn": "skulder", "etikett": "Skatteskulder", "obligatoriskt": True},
            {"namn": "personalliggare", "etikett": "Personalliggaren förd"},
        ],
    )
    Myndighet.objects.filter(kod="skatteverket").update(informationsbehov="Skatteverketbehovet")

    tidigare = ny_insats("TIDIGARE", dagar=-60, status=InsatsStatus.GENOMFORD)
    delta(tidigare, "akc-vast", roll=Deltagande.Roll.SAMORDNARE)
    delta(tidigare, "skatteverket")
    KontrollFabrik(insats=tidigare, objekt=alfa, status=Kontroll.Status.GENOMFORD)
    Forbattringsomrade.objects.create(insats=tidigare, objekt=alfa, text="Tolkbehovet")

    hemlig = ny_insats(
        "HEMLIG", samordnare="miljoforvaltningen", dagar=-30, status=InsatsStatus.GENOMFORD
    )
    delta(hemlig, "miljoforvaltningen", roll=Deltagande.Roll.SAMORDNARE)
    delta(hemlig, "av")
    KontrollFabrik(insats=hemlig, objekt=alfa, status=Kontroll.Status.GENOMFORD)
    return Varld(egen, annan, tidigare, hemlig, alfa, beta, u)


def malgrupper(varld: Varld) -> dict[str, Malgrupp]:
    return {
        "gemensam": Malgrupp(Malgruppstyp.GEMENSAM),
        "akc": Malgrupp(Malgruppstyp.MYNDIGHET, organisation_id=org("akc-vast").pk),
        "skv": Malgrupp(Malgruppstyp.MYNDIGHET, organisation_id=org("skatteverket").pk),
        "av": Malgrupp(Malgruppstyp.MYNDIGHET, organisation_id=org("av").pk),
        "mig": Malgrupp(Malgruppstyp.MYNDIGHET, organisation_id=org("migrationsverket").pk),
        "polis_city": Malgrupp(Malgruppstyp.POLIS, lpo_id=lpo("city").pk),
        "polis_nordost": Malgrupp(Malgruppstyp.POLIS, lpo_id=lpo("nordost").pk),
    }


def bygg(insats: Insats, uppgift_id: str = "test") -> str:
    """Mark stale and build in this process, as the worker would (the tests' transaction never
    commits, so nothing is enqueued)."""
    markera_inaktuella([insats.pk])
    nummer = Underlagsbygge.objects.get(insats=insats).nummer
    return bygg_underlag(insats.pk, nummer, uppgift_id, 180)


def aktuella(insats: Insats) -> dict[Malgrupp, Informationsunderlag]:
    return {
        Malgrupp.av(u): u
        for u in Informationsunderlag.objects.filter(
            insats=insats, status=Informationsunderlag.Status.AKTUELL
        )
    }


def pdftext(underlag: Informationsunderlag) -> str:
    """The PDF's text as pdftotext reads it, with all whitespace runs made single spaces."""
    with underlag.fil.open("rb") as fil:
        innehall = fil.read()
    resultat = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=innehall,
        capture_output=True,
        check=True,
    )
    return " ".join(resultat.stdout.decode().split())


def spara_sidbild(underlag: Informationsunderlag, namn: str) -> Path:
    """The first page as PNG under test-artifacts/ for a person to look at."""
    ARTEFAKTER.mkdir(parents=True, exist_ok=True)
    with underlag.fil.open("rb") as fil:
        innehall = fil.read()
    prefix = ARTEFAKTER / namn
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", "-", str(prefix)],
        input=innehall,
        check=True,
    )
    return prefix.with_suffix(".png")


def ny_version(
    insats, malgrupp, version=1, status=Informationsunderlag.Status.AKTUELL, uppgifter=()
):
    """A version with a small stand-in file, for page tests that need no rendering."""
    innehall = f"%PDF-1.7 {insats.referens} {malgrupp} v{version}".encode()
    underlag = Informationsunderlag(
        insats=insats,
        **malgrupp.falt,
        version=version,
        status=status,
        kontrollsumma=hashlib.sha256(innehall).hexdigest(),
        dataversion="0" * 64,
        sidantal=1,
    )
    scope = malgrupp.organisation_id or malgrupp.lpo_id or ""
    underlag.fil.save(
        f"{malgrupp.typ.lower()}{scope}-v{version}.pdf", ContentFile(innehall), save=False
    )
    underlag.save()
    underlag.objektuppgifter.set(uppgifter)
    return underlag
