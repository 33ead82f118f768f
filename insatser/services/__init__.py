"""Business verbs for operations. One function per verb.

Each verb checks access, checks the transition against ``workflow``, runs in a transaction with
the row locked, writes the operation's timeline and leaves side effects to ``on_commit``.
"""

from insatser.services.bemanning import aterkalla_bemanning, begar_bemanning, besvara_bemanning
from insatser.services.gemensamt import Konflikt
from insatser.services.planering import (
    andra_sakerhetsanteckning,
    avsla_insats,
    begar_nya_underlag,
    besvara_inbjudan,
    bjud_in,
    genomfor_insats,
    lagg_till_kontroll,
    markera_kontroll,
    markera_utvarderad,
    omplanera_insats,
    planera_insats,
    skapa_insats,
    stall_in_insats,
)

__all__ = [
    "Konflikt",
    "andra_sakerhetsanteckning",
    "aterkalla_bemanning",
    "avsla_insats",
    "begar_bemanning",
    "begar_nya_underlag",
    "besvara_bemanning",
    "besvara_inbjudan",
    "bjud_in",
    "genomfor_insats",
    "lagg_till_kontroll",
    "markera_kontroll",
    "markera_utvarderad",
    "omplanera_insats",
    "planera_insats",
    "skapa_insats",
    "stall_in_insats",
]
