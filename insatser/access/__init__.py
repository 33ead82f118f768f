"""Who may see and do what in the insatser app. Every rule is written here once, one module per
kind of object: operations and staffing requests (``insats``), co-planned groups (``grupper``),
findings (``fynd``) and briefings (``underlag``). ``docs/behorigheter.md`` is generated from them.
"""

from insatser.access.frislappning import (
    deltagande_organisationer,
    frislappta_till,
    i_mottagarkretsen,
    lasare_av,
    mottagare,
)
from insatser.access.fynd import FYND_POLICY, kan_ratta_fynd, synliga_fynd
from insatser.access.grupper import (
    INSATSGRUPP_POLICY,
    kan_ansluta_till_grupp,
    kan_hantera_grupp,
    synliga_insatsgrupper,
)
from insatser.access.insats import (
    AKTIVA_BEMANNINGSSTATUSAR,
    BEMANNING_POLICY,
    INSATS_POLICY,
    Handling,
    besvarbar_inbjudan,
    besvarbara_inbjudningar,
    far_besvara_inbjudan,
    kan_besvara_bemanning,
    kan_besvara_inbjudan,
    kan_registrera_i_kontroll,
    kan_samordna,
    kan_se_insats,
    kan_skapa_insats,
    kan_stalla_in,
    ser_bemanningsinkorgen,
    synliga_insatser,
)
from insatser.access.kontakt import (
    DELTAGANDE_POLICY,
    befalsbegaranden,
    egna_deltaganden,
    personaldeltaganden,
)
from insatser.access.personer import (
    PERSON_POLICY,
    namngivbara_personer,
    personer_med_synlig_belastning,
)
from insatser.access.poliser import INSATSPOLIS_POLICY, namngivbara_poliser, onskbara_poliser
from insatser.access.underlag import (
    LASARROLLER,
    OMFANG,
    UNDERLAG_POLICY,
    VECKANS_UNDERLAG,
    alla_far,
    for_alla,
    nedladdningsbara_underlag,
    underlagets_malgrupper,
)
from insatser.access.uppgiftsbegaran import (
    UPPGIFTSBEGARAN_POLICY,
    kan_begara_uppgifter,
    kan_besvara_uppgiftsbegaran,
    synliga_uppgiftsbegaranden,
)

POLICYER = {
    "Insats": INSATS_POLICY,
    "Bemanningsbegäran": BEMANNING_POLICY,
    "Deltagande": DELTAGANDE_POLICY,
    "Insatsgrupp": INSATSGRUPP_POLICY,
    "Fynd": FYND_POLICY,
    "Informationsunderlag": UNDERLAG_POLICY,
    "Insatspolis": INSATSPOLIS_POLICY,
    "Person": PERSON_POLICY,
    "Uppgiftsbegäran": UPPGIFTSBEGARAN_POLICY,
}

__all__ = [
    "AKTIVA_BEMANNINGSSTATUSAR",
    "BEMANNING_POLICY",
    "DELTAGANDE_POLICY",
    "FYND_POLICY",
    "INSATSGRUPP_POLICY",
    "INSATSPOLIS_POLICY",
    "INSATS_POLICY",
    "LASARROLLER",
    "OMFANG",
    "PERSON_POLICY",
    "POLICYER",
    "UNDERLAG_POLICY",
    "UPPGIFTSBEGARAN_POLICY",
    "VECKANS_UNDERLAG",
    "Handling",
    "alla_far",
    "befalsbegaranden",
    "besvarbar_inbjudan",
    "besvarbara_inbjudningar",
    "deltagande_organisationer",
    "egna_deltaganden",
    "far_besvara_inbjudan",
    "for_alla",
    "frislappta_till",
    "i_mottagarkretsen",
    "kan_ansluta_till_grupp",
    "kan_begara_uppgifter",
    "kan_besvara_bemanning",
    "kan_besvara_inbjudan",
    "kan_besvara_uppgiftsbegaran",
    "kan_hantera_grupp",
    "kan_ratta_fynd",
    "kan_registrera_i_kontroll",
    "kan_samordna",
    "kan_se_insats",
    "kan_skapa_insats",
    "kan_stalla_in",
    "lasare_av",
    "mottagare",
    "namngivbara_personer",
    "namngivbara_poliser",
    "nedladdningsbara_underlag",
    "onskbara_poliser",
    "personaldeltaganden",
    "personer_med_synlig_belastning",
    "ser_bemanningsinkorgen",
    "synliga_fynd",
    "synliga_insatser",
    "synliga_insatsgrupper",
    "synliga_uppgiftsbegaranden",
    "underlagets_malgrupper",
]
