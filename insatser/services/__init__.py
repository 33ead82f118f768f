"""Business verbs for operations. One function per verb.

Each verb (``karna.verb.verb``) runs in a transaction, checks access, locks the row and checks
the version the user saw, checks the transition against ``workflow``, writes the operation's
timeline (``skriv_tidslinjepost``) and declares the side effects that follow
(``insatser.effekter``); background work starts only after commit.
"""

from insatser.services.bemanning import (
    andra_bemanning,
    aterkalla_bemanning,
    begar_bemanning,
    besvara_bemanning,
)
from insatser.services.frislappning import (
    aterkalla_frislappning,
    frislapp_objektuppgift,
    las_objektuppgifter,
)
from insatser.services.gemensamt import (
    ObekraftadeVarningar,
    las_for_tillagg,
    las_insats,
    skriv_tidslinjepost,
)
from insatser.services.genomforande import (
    REGISTRERBARA,
    genomfor_insats,
    markera_kontroll,
    markera_utvarderad,
    ratta_fynd,
    registrera_fynd,
    registrering_mojlig,
    ta_bort_fynd,
)
from insatser.services.grupper import (
    anslut_till_grupp,
    bjud_in_till_grupp,
    inom_fonster,
    lamna_grupp,
    skapa_insatsgrupp,
)
from insatser.services.installning import omplanera_insats, stall_in_insats
from insatser.services.kontakt import ange_kontaktfunktion, ange_polisbefal
from insatser.services.personer import namnge_person, ta_bort_person
from insatser.services.planering import (
    ANDRINGSBARA,
    andra_insats,
    andra_sakerhetsanteckning,
    avsla_insats,
    begar_nya_underlag,
    besvara_inbjudan,
    bjud_in,
    lagg_till_kontroll,
    planera_insats,
    skapa_insats,
)
from insatser.services.uppgiftsbegaran import (
    avbo_uppgiftsbegaran,
    begar_uppgifter,
    besvara_uppgiftsbegaran,
)

__all__ = [
    "ANDRINGSBARA",
    "REGISTRERBARA",
    "ObekraftadeVarningar",
    "andra_bemanning",
    "andra_insats",
    "andra_sakerhetsanteckning",
    "ange_kontaktfunktion",
    "ange_polisbefal",
    "anslut_till_grupp",
    "aterkalla_bemanning",
    "aterkalla_frislappning",
    "avbo_uppgiftsbegaran",
    "avsla_insats",
    "begar_bemanning",
    "begar_nya_underlag",
    "begar_uppgifter",
    "besvara_bemanning",
    "besvara_inbjudan",
    "besvara_uppgiftsbegaran",
    "bjud_in",
    "bjud_in_till_grupp",
    "frislapp_objektuppgift",
    "genomfor_insats",
    "inom_fonster",
    "lagg_till_kontroll",
    "lamna_grupp",
    "las_for_tillagg",
    "las_insats",
    "las_objektuppgifter",
    "markera_kontroll",
    "markera_utvarderad",
    "namnge_person",
    "omplanera_insats",
    "planera_insats",
    "ratta_fynd",
    "registrera_fynd",
    "registrering_mojlig",
    "skapa_insats",
    "skapa_insatsgrupp",
    "skriv_tidslinjepost",
    "stall_in_insats",
    "ta_bort_fynd",
    "ta_bort_person",
]
