"""Demo agency profiles and the information two agencies release to each coming operation.

Fictitious: the provisions name real laws as an agency might, but say nothing about what the
agencies actually may share; the answers are invented.
"""

from __future__ import annotations

from insatser import services
from insatser.models import Frislappning, Insats, Mottagarkrets, Uppgiftsbegaran
from myndigheter.models import Delningsgrund, Mottagarslag, Myndighet
from objekt import services as objekttjanster
from objekt.models import Informationsmall

M = Mottagarslag
ALLA_SLAG = list(M.values)
PROFILER = {
    "skatteverket": (
        "Kontrollerar personalliggare, kassaregister och registrering som arbetsgivare.",
        "Uppgifter om antal personer på plats och vilka verksamheter som samverkar.",
        "Kontrollfunktionen Väst, funktionsnummer 010-574 00 00.",
        [
            ("10 kap. 28 § OSL (uppgiftsskyldighet)", [M.STATLIG, M.POLIS]),
            ("Samtycke från den enskilde", ALLA_SLAG),
        ],
    ),
    "av": (
        "Inspekterar arbetsmiljön och arbetsgivarens ansvar enligt arbetsmiljölagen.",
        "Kända risker på platsen och om arbetstagarna behöver tolk.",
        "Inspektionsavdelningen Väst, funktionsnummer 010-730 90 00.",
        [("7 kap. 13 § arbetsmiljölagen och 10 kap. 2 § OSL", ALLA_SLAG)],
    ),
    "migrationsverket": (
        "Kontrollerar arbetstillstånd och arbetsgivares skyldigheter för arbetstagare från "
        "tredje land.",
        "Namn på arbetsgivaren och hur många som arbetar på plats.",
        "Arbetsgivarkontrollen, funktionsnummer 0771-235 235.",
        [
            ("10 kap. 28 § OSL (uppgiftsskyldighet)", [M.STATLIG, M.POLIS]),
            ("10 kap. 2 § OSL (nödvändigt för verksamheten)", ALLA_SLAG),
        ],
    ),
    "miljoforvaltningen": (
        "Tillsyn över livsmedel, hygienisk verksamhet och miljöfarlig verksamhet.",
        "Tidigare brister och om lokalen är anmäld eller registrerad.",
        "Miljöförvaltningens tillsyn, funktionsnummer 031-365 00 00.",
        [("10 kap. 27 § OSL (generalklausulen)", ALLA_SLAG)],
    ),
}
# Answers to the demo templates of the two agencies that release to every coming operation.
SVAR = {
    "skatteverket": {
        "f_skatt": True,
        "arbetsgivare": True,
        "personalliggare": "Krävs men saknas",
        "anstallda": 3,
        "noteringar": "Arbetsgivardeklarationerna visar färre anställda än verksamheten kräver.",
    },
    "av": {
        "bransch": "Restaurang",
        "arbetstagare": 6,
        "skyddsombud": False,
        "risker": "Tidigare hot mot inspektör vid besök 2024; gå in två och två. Hund på gården.",
    },
    "migrationsverket": {
        "arbetstillstand": True,
        "antal_tillstand": 2,
        "noteringar": "Två arbetstillstånd som kock; lönenivån ska kontrolleras på plats.",
    },
}
UPPGIFTSLAMNARE = {
    "skatteverket": "handlaggare.skv",
    "av": "handlaggare.av",
    "migrationsverket": "handlaggare.mig",
}


def skapa_profiler() -> int:
    """Each demo agency's profile and provisions (filled in once, left alone afterwards)."""
    skapade = 0
    for kod, (mandat, behov, kontakt, grunder) in PROFILER.items():
        organisation = Myndighet.objects.get(kod=kod)
        if not organisation.mandat:
            organisation.mandat, organisation.kontaktvagar = mandat, kontakt
            organisation.informationsbehov = organisation.informationsbehov or behov
            organisation.save(update_fields=["mandat", "kontaktvagar", "informationsbehov"])
        for bestammelse, slag in grunder:
            _, skapad = Delningsgrund.objects.get_or_create(
                organisation=organisation, bestammelse=bestammelse, defaults={"mottagarslag": slag}
            )
            skapade += int(skapad)
    return skapade


def frislapp_till(insats: Insats, anvandare: dict) -> None:
    """The invited agencies among Skatteverket, Arbetsmiljöverket and Migrationsverket (at least
    two of them in every demo operation) record what they know about each object and release it
    to all participants under the first provision that covers every participant. The first
    operation where both Skatteverket and Arbetsmiljöverket take part also gets two requests for
    information between them (``begaranden``)."""
    inbjudna = set(insats.deltaganden.values_list("organisation__kod", flat=True))
    for kod, username in UPPGIFTSLAMNARE.items():
        if kod not in inbjudna:
            continue
        user = anvandare[username]
        for kontroll in insats.kontroller.select_related("objekt"):
            mall = Informationsmall.objects.filter(
                organisation__kod=kod, objekttyp=kontroll.objekt.objekttyp, aktiv=True
            ).first()
            if mall is None:
                continue
            uppgift = objekttjanster.registrera_objektuppgift(
                user, kontroll.objekt, mall, SVAR[kod]
            )
            grund = Delningsgrund.objects.filter(
                organisation__kod=kod, mottagarslag__contains=ALLA_SLAG
            ).first()
            services.frislapp_objektuppgift(user, uppgift, insats, grund, Mottagarkrets.ALLA)
    begaranden(insats, anvandare)


def begaranden(insats: Insats, anvandare: dict) -> None:
    """Skatteverket asks Arbetsmiljöverket about the first object, and is answered with the
    block Arbetsmiljöverket released; Arbetsmiljöverket's question back is still open. Once: a
    demo year holds these two only."""
    inbjudna = set(insats.deltaganden.values_list("organisation__kod", flat=True))
    if Uppgiftsbegaran.objects.exists() or not {"skatteverket", "av"} <= inbjudna:
        return
    skv, av = anvandare[UPPGIFTSLAMNARE["skatteverket"]], anvandare[UPPGIFTSLAMNARE["av"]]
    kontroll = insats.kontroller.select_related("objekt").order_by("pk").first()
    if kontroll is None:
        return
    besvarad = services.begar_uppgifter(
        skv,
        insats,
        Myndighet.objects.get(kod="av"),
        "Har ni haft anmärkningar på skyddsombud eller hot mot inspektörer här tidigare?",
        kontroll.objekt,
    )
    svar = Frislappning.objects.filter(
        insats=insats,
        objektuppgift__organisation__kod="av",
        objektuppgift__objekt=kontroll.objekt,
        aterkallad__isnull=True,
    ).first()
    services.besvara_uppgiftsbegaran(
        av,
        besvarad,
        "Ja, hot mot inspektör 2024. Vår uppgift om objektet är frisläppt till alla deltagare.",
        svar,
        version=besvarad.version,
    )
    services.begar_uppgifter(
        av,
        insats,
        Myndighet.objects.get(kod="skatteverket"),
        "Hur många anställda har arbetsgivaren redovisat de senaste tre månaderna?",
    )
