"""The side effects the follow-up's verbs declare (``karna.effekter``); subscribers are
registered in ``uppfoljning/apps.py``."""

from karna.effekter import Effekt

ARSRAPPORT_BESTALLD = Effekt(
    "uppfoljning.arsrapport_bestalld",
    "årsrapporten ska byggas för en målgrupp (data: bygge_id, nummer)",
)

EXPORT_BESTALLD = Effekt(
    "uppfoljning.export_bestalld",
    "en stor export ska byggas i bakgrunden (data: jobb_id)",
)

UPPFOLJNINGSPAKET_BESTALLT = Effekt(
    "uppfoljning.uppfoljningspaket_bestallt",
    "ett uppföljningspaket ska byggas inför en ledningsgrupps möte (data: bygge_id, nummer)",
)
