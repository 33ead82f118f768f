"""The evaluation app's business verbs, one module per part; every verb is importable from here."""

from utvardering.services.forbattring import (
    UTFORDA,
    atgarda_forbattringsomrade,
    paborja_forbattringsomrade,
    registrera_forbattringsomrade,
    registrering_mojlig,
)
from utvardering.services.utvardering import (
    PAMINNELSE_DAGAR_FORE,
    avsluta_utvardering,
    frist_for,
    oppna_efter_genomforande,
    oppna_utvardering,
    paminn_myndighet,
    paminn_om_forbattring,
    paminn_om_forsenad,
    paminn_om_utvarderingar,
    saknade,
    spara_myndighetsutvardering,
)

__all__ = [
    "PAMINNELSE_DAGAR_FORE",
    "UTFORDA",
    "atgarda_forbattringsomrade",
    "avsluta_utvardering",
    "frist_for",
    "oppna_efter_genomforande",
    "oppna_utvardering",
    "paborja_forbattringsomrade",
    "paminn_myndighet",
    "paminn_om_forbattring",
    "paminn_om_forsenad",
    "paminn_om_utvarderingar",
    "registrera_forbattringsomrade",
    "registrering_mojlig",
    "saknade",
    "spara_myndighetsutvardering",
]
