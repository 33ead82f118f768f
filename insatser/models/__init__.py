"""Joint operations, their participants, controls, findings and police staffing."""

from insatser.models.bemanning import Bemanningsbegaran, Polisbemanning
from insatser.models.frislappning import Frislappning, Mottagarkrets, NekadFrislappning
from insatser.models.insats import (
    Deltagande,
    Fynd,
    Insats,
    InsatsGroupObjectPermission,
    Insatsgrupp,
    Insatshandelse,
    InsatsUserObjectPermission,
    Installningsorsak,
    Kontroll,
)
from insatser.models.kontakt import Polisbefal
from insatser.models.personer import Utsandperson
from insatser.models.underlag import (
    Informationsunderlag,
    Malgrupp,
    Malgruppstyp,
    Underlagsbygge,
)
from insatser.models.uppgiftsbegaran import Uppgiftsbegaran
from insatser.models.varning import Varningskvittens, Varningstyp

__all__ = [
    "Bemanningsbegaran",
    "Deltagande",
    "Frislappning",
    "Fynd",
    "Informationsunderlag",
    "Insats",
    "InsatsGroupObjectPermission",
    "InsatsUserObjectPermission",
    "Insatsgrupp",
    "Insatshandelse",
    "Installningsorsak",
    "Kontroll",
    "Malgrupp",
    "Malgruppstyp",
    "Mottagarkrets",
    "NekadFrislappning",
    "Polisbefal",
    "Polisbemanning",
    "Underlagsbygge",
    "Uppgiftsbegaran",
    "Utsandperson",
    "Varningskvittens",
    "Varningstyp",
]
