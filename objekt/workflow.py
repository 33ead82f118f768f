"""The allowed state transitions of an object in the pool, and of an import, as tables.

FORESLAGET -> UNDER_BEREDNING -> REDO -> PLANERAT -> KONTROLLERAT -> {REDO, AVSLUTAT};
AVFORT from the first three. An object is planned when a control of it is added to an operation,
also straight from the earlier states and for a revisit after a control; it is controlled when a
control of it is marked done. Those two the operation verbs make; coordinators make the others.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from karna.arbetsflode import Overgang, Workflow
from objekt.models import Objekt, Objektimport

S = Objekt.Status
FORE_PLANERING = frozenset({S.FORESLAGET, S.UNDER_BEREDNING, S.REDO})

OBJEKT_WORKFLOW = Workflow(
    _("objektet"),
    Objekt.Status,
    [
        Overgang("foresla", frozenset(), S.FORESLAGET, _("föreslå ett objekt")),
        Overgang(
            "bereda",
            frozenset({S.FORESLAGET}),
            S.UNDER_BEREDNING,
            _("ta upp objektet för beredning"),
        ),
        Overgang(
            "markera_redo",
            frozenset({S.UNDER_BEREDNING}),
            S.REDO,
            _("markera objektet som redo för en insats"),
        ),
        Overgang(
            "planera",
            FORE_PLANERING | {S.KONTROLLERAT},
            S.PLANERAT,
            _("planera objektet i en insats"),
        ),
        Overgang(
            "kontrollera",
            frozenset({S.PLANERAT}),
            S.KONTROLLERAT,
            _("markera objektet som kontrollerat"),
        ),
        Overgang(
            "ater_redo",
            frozenset({S.KONTROLLERAT}),
            S.REDO,
            _("göra objektet redo för en ny kontroll"),
        ),
        Overgang("avsluta", frozenset({S.KONTROLLERAT}), S.AVSLUTAT, _("avsluta objektet")),
        Overgang("avfora", FORE_PLANERING, S.AVFORT, _("avföra objektet")),
    ],
)

# Made by the operation verbs when controls are added or carried out, never chosen by hand.
SYSTEMOVERGANGAR = frozenset({"planera", "kontrollera"})


def manuella_overgangar(status: str) -> list[Overgang]:
    """The transitions a coordinator may choose from ``status``, in declaration order."""
    return [o for o in OBJEKT_WORKFLOW.tillatna(status) if o.namn not in SYSTEMOVERGANGAR]


IS = Objektimport.Status
# A task that gives up, after its retries or on an unexpected error, fails the import, so that
# its page stops showing it as running.
IMPORT_WORKFLOW = Workflow(
    _("importen"),
    Objektimport.Status,
    [
        Overgang("ladda_upp", frozenset(), IS.VANTAR, _("ladda upp en fil")),
        Overgang("borja", frozenset({IS.VANTAR, IS.PAGAR}), IS.PAGAR, _("börja läsa in filen")),
        Overgang("bli_klar", frozenset({IS.PAGAR}), IS.KLAR, _("markera importen klar")),
        Overgang(
            "misslyckas",
            frozenset({IS.VANTAR, IS.PAGAR}),
            IS.MISSLYCKAD,
            _("markera importen misslyckad"),
        ),
    ],
)
