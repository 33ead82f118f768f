"""Business verbs of the objekt app. One function per verb."""

from objekt.services.importera import avbryt_import, kor_import, skapa_import
from objekt.services.pool import (
    MojligDubblett,
    andra_objekt,
    andra_objektstatus,
    andra_reserv,
    foresla_objekt,
    markera_relevans,
    mojliga_dubbletter,
    objekt_kontrollerat,
    objekt_planerat,
)
from objekt.services.uppgifter import (
    las_egna_objektuppgifter,
    logga_lasta_objektuppgifter,
    registrera_objektuppgift,
)

__all__ = [
    "MojligDubblett",
    "andra_objekt",
    "andra_objektstatus",
    "andra_reserv",
    "avbryt_import",
    "foresla_objekt",
    "kor_import",
    "las_egna_objektuppgifter",
    "logga_lasta_objektuppgifter",
    "markera_relevans",
    "mojliga_dubbletter",
    "objekt_kontrollerat",
    "objekt_planerat",
    "registrera_objektuppgift",
    "skapa_import",
]
