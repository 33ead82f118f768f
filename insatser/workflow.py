"""The allowed state transitions of the operations app, one declared table per status field:
the operation, the police staffing request, an invitation's answer, a control, a briefing version
and a briefing build.

Services ask the table before they change a status (``Workflow.overga``); nothing else writes a
status field. A transition without source statuses creates a row in its target status.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from karna.arbetsflode import Overgang, Workflow


class InsatsStatus(models.TextChoices):
    FORESLAGEN = "FORESLAGEN", _("Föreslagen")
    AVSLAGEN = "AVSLAGEN", _("Avslagen")
    PLANERAD = "PLANERAD", _("Planerad")
    BEMANNING_BEGARD = "BEMANNING_BEGARD", _("Bemanning begärd")
    BEKRAFTAD = "BEKRAFTAD", _("Bekräftad")
    GENOMFORD = "GENOMFORD", _("Genomförd")
    UTVARDERAD = "UTVARDERAD", _("Utvärderad")
    INSTALLD = "INSTALLD", _("Inställd")
    OMPLANERAD = "OMPLANERAD", _("Omplanerad")


class Svar(models.TextChoices):
    INBJUDEN = "INBJUDEN", _("Inbjuden")
    ACCEPTERAD = "ACCEPTERAD", _("Accepterad")
    AVBOJD = "AVBOJD", _("Avböjd")


class KontrollStatus(models.TextChoices):
    PLANERAD = "PLANERAD", _("Planerad")
    GENOMFORD = "GENOMFORD", _("Genomförd")
    EJ_GENOMFORD = "EJ_GENOMFORD", _("Ej genomförd")


class UnderlagStatus(models.TextChoices):
    AKTUELL = "AKTUELL", _("Aktuell")
    INAKTUELL = "INAKTUELL", _("Inaktuell, byggs om")
    OGILTIG = "OGILTIG", _("Ogiltig, ersatt")


class ByggStatus(models.TextChoices):
    VANTAR = "VANTAR", _("Väntar på bygge")
    BYGGER = "BYGGER", _("Byggs")
    KLAR = "KLAR", _("Klar")
    MISSLYCKAD = "MISSLYCKAD", _("Misslyckades")


class BemanningStatus(models.TextChoices):
    UTKAST = "UTKAST", _("Utkast")
    SKICKAD = "SKICKAD", _("Skickad")
    BEKRAFTAD = "BEKRAFTAD", _("Bekräftad")
    DELVIS_BEKRAFTAD = "DELVIS_BEKRAFTAD", _("Delvis bekräftad")
    AVBOJD = "AVBOJD", _("Avböjd")
    ATERKALLAD = "ATERKALLAD", _("Återkallad")
    MAKULERAD = "MAKULERAD", _("Makulerad")


class UppgiftsbegaranStatus(models.TextChoices):
    OPPEN = "OPPEN", _("Obesvarad")
    BESVARAD = "BESVARAD", _("Besvarad")
    AVBOJD = "AVBOJD", _("Avböjd")


S = InsatsStatus
AKTIVA_FORE_GENOMFORANDE = frozenset({S.PLANERAD, S.BEMANNING_BEGARD, S.BEKRAFTAD})
# Objects, invitations and answers can change until the operation is carried out or ended.
OPPNA_FOR_PLANERING = AKTIVA_FORE_GENOMFORANDE | {S.FORESLAGEN}
# Ended without being carried out: nothing more happens in these.
AVSLUTADE = frozenset({S.AVSLAGEN, S.INSTALLD, S.OMPLANERAD})
# Controls are marked and findings recorded in these, from the operation's day.
REGISTRERBARA = frozenset({S.BEKRAFTAD, S.GENOMFORD})

INSATS_WORKFLOW = Workflow(
    _("insatsen"),
    InsatsStatus,
    [
        Overgang("skapad", frozenset(), S.FORESLAGEN, _("föreslå en insats")),
        Overgang(
            "omplanerad_fran",
            frozenset(),
            S.PLANERAD,
            _("skapa en insats genom omplanering av en annan"),
        ),
        Overgang("planera", frozenset({S.FORESLAGEN}), S.PLANERAD, _("planera insatsen")),
        Overgang("avsla", frozenset({S.FORESLAGEN}), S.AVSLAGEN, _("avslå förslaget")),
        Overgang(
            "begar_bemanning",
            frozenset({S.PLANERAD}),
            S.BEMANNING_BEGARD,
            _("begära polisbemanning"),
        ),
        Overgang("bekrafta", frozenset({S.BEMANNING_BEGARD}), S.BEKRAFTAD, _("bekräfta insatsen")),
        Overgang(
            "bemanning_avbojd",
            frozenset({S.BEMANNING_BEGARD}),
            S.PLANERAD,
            _("återgå till planerad efter avböjd bemanning"),
        ),
        Overgang(
            "bemanning_aterkallad",
            frozenset({S.BEKRAFTAD}),
            S.BEMANNING_BEGARD,
            _("återgå till begärd bemanning efter återkallad bemanning"),
        ),
        Overgang(
            "genomfor", frozenset({S.BEKRAFTAD}), S.GENOMFORD, _("markera insatsen genomförd")
        ),
        Overgang(
            "utvardera", frozenset({S.GENOMFORD}), S.UTVARDERAD, _("markera insatsen utvärderad")
        ),
        Overgang("stall_in", AKTIVA_FORE_GENOMFORANDE, S.INSTALLD, _("ställa in insatsen")),
        Overgang("omplanera", AKTIVA_FORE_GENOMFORANDE, S.OMPLANERAD, _("planera om insatsen")),
    ],
)

B = BemanningStatus
BESVARADE = frozenset({B.BEKRAFTAD, B.DELVIS_BEKRAFTAD})

BEMANNING_WORKFLOW = Workflow(
    _("bemanningsbegäran"),
    BemanningStatus,
    [
        Overgang("skapa", frozenset(), B.UTKAST, _("skriva en begäran")),
        Overgang("skicka", frozenset({B.UTKAST}), B.SKICKAD, _("skicka begäran")),
        Overgang("bekrafta", frozenset({B.SKICKAD}), B.BEKRAFTAD, _("bekräfta bemanningen")),
        Overgang(
            "delvis_bekrafta",
            frozenset({B.SKICKAD}),
            B.DELVIS_BEKRAFTAD,
            _("delvis bekräfta bemanningen"),
        ),
        Overgang("avboj", frozenset({B.SKICKAD}), B.AVBOJD, _("avböja begäran")),
        Overgang("aterkalla", BESVARADE, B.ATERKALLAD, _("återkalla bemanningen")),
        # A confirmation raised or lowered afterwards is full or partial by its new head count.
        Overgang(
            "andra_till_bekraftad",
            BESVARADE,
            B.BEKRAFTAD,
            _("ändra bekräftelsen till hela det begärda antalet"),
        ),
        Overgang(
            "andra_till_delvis",
            BESVARADE,
            B.DELVIS_BEKRAFTAD,
            _("ändra bekräftelsen till färre än det begärda antalet"),
        ),
        Overgang(
            "makulera",
            frozenset({B.UTKAST, B.SKICKAD, B.BEKRAFTAD, B.DELVIS_BEKRAFTAD}),
            B.MAKULERAD,
            _("makulera begäran"),
        ),
    ],
)

SV = Svar
# An organisation may change its answer as long as the operation takes answers.
SVAR_WORKFLOW = Workflow(
    _("inbjudan"),
    Svar,
    [
        Overgang("bjud_in", frozenset(), SV.INBJUDEN, _("bjuda in en organisation")),
        Overgang("samordna", frozenset(), SV.ACCEPTERAD, _("delta som samordnande organisation")),
        Overgang("acceptera", frozenset(SV), SV.ACCEPTERAD, _("acceptera inbjudan")),
        Overgang("avboja", frozenset(SV), SV.AVBOJD, _("avböja inbjudan")),
    ],
    falt="svar",
)

K = KontrollStatus
# A control marked by mistake can be marked again while registration is open.
KONTROLL_WORKFLOW = Workflow(
    _("kontrollen"),
    KontrollStatus,
    [
        Overgang("lagg_till", frozenset(), K.PLANERAD, _("lägga till objektet i insatsen")),
        Overgang("genomfor", frozenset(K), K.GENOMFORD, _("markera kontrollen genomförd")),
        Overgang(
            "ej_genomford", frozenset(K), K.EJ_GENOMFORD, _("markera kontrollen ej genomförd")
        ),
    ],
)

U = UnderlagStatus
UNDERLAG_WORKFLOW = Workflow(
    _("underlaget"),
    UnderlagStatus,
    [
        Overgang("bygg", frozenset(), U.AKTUELL, _("bygga en ny version av underlaget")),
        Overgang(
            "bli_inaktuellt",
            frozenset({U.AKTUELL}),
            U.INAKTUELL,
            _("markera underlaget inaktuellt"),
        ),
        Overgang(
            "bekraftas",
            frozenset({U.INAKTUELL}),
            U.AKTUELL,
            _("bekräfta att underlagets innehåll är oförändrat"),
        ),
        Overgang(
            "ersatt",
            frozenset({U.AKTUELL, U.INAKTUELL}),
            U.OGILTIG,
            _("ersätta underlaget med en ny version"),
        ),
    ],
)

BY = ByggStatus
UNDERLAGSBYGGE_WORKFLOW = Workflow(
    _("bygget"),
    ByggStatus,
    [
        Overgang("bestall", frozenset(), BY.VANTAR, _("beställa ett bygge")),
        Overgang("bestall_igen", frozenset(BY), BY.VANTAR, _("beställa ett nytt bygge")),
        Overgang(
            "paborja",
            frozenset({BY.VANTAR, BY.BYGGER}),
            BY.BYGGER,
            _("påbörja bygget"),
        ),
        Overgang("bli_klart", frozenset({BY.BYGGER}), BY.KLAR, _("markera bygget klart")),
        Overgang(
            "misslyckas",
            frozenset({BY.VANTAR, BY.BYGGER}),
            BY.MISSLYCKAD,
            _("markera bygget misslyckat"),
        ),
    ],
)

UB = UppgiftsbegaranStatus
# An answer or a decline is final: a new question is a new request.
UPPGIFTSBEGARAN_WORKFLOW = Workflow(
    _("begäran om uppgifter"),
    UppgiftsbegaranStatus,
    [
        Overgang("begar", frozenset(), UB.OPPEN, _("begära uppgifter av en annan organisation")),
        Overgang("besvara", frozenset({UB.OPPEN}), UB.BESVARAD, _("besvara begäran")),
        Overgang("avboj", frozenset({UB.OPPEN}), UB.AVBOJD, _("avböja begäran")),
    ],
)
