"""The annual planning wheel: wheels, bodies, rules, events, blackout periods, versions, and
the priorities of the joint situation picture."""

from arshjul.models.handelser import Arshjulshandelse, Begransningsperiod
from arshjul.models.hjul import Arshjul, Aterkommanderegel, Rotationsplats, Samverkansorgan
from arshjul.models.lagesbild import Atgardspunkt, Lagesbildsperiod, Prioritering
from arshjul.models.moten import Atgard, Motesprotokoll
from arshjul.models.resurser import Resurslofte
from arshjul.models.val import Handelsetyp, Niva, Organniva, Regeltyp, Rotationsslag
from arshjul.models.versioner import (
    Arshjulsar,
    Arshjulsinsats,
    Arshjulsversion,
    Kalenderprenumeration,
)

__all__ = [
    "Arshjul",
    "Arshjulsar",
    "Arshjulshandelse",
    "Arshjulsinsats",
    "Arshjulsversion",
    "Aterkommanderegel",
    "Atgard",
    "Atgardspunkt",
    "Begransningsperiod",
    "Handelsetyp",
    "Kalenderprenumeration",
    "Lagesbildsperiod",
    "Motesprotokoll",
    "Niva",
    "Organniva",
    "Prioritering",
    "Regeltyp",
    "Resurslofte",
    "Rotationsplats",
    "Rotationsslag",
    "Samverkansorgan",
]
