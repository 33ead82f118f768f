"""The side effects the wheel's verbs declare (``karna.effekter``); ``arshjul/apps.py``
subscribes to them."""

from karna.effekter import Effekt

ARSHJUL_BESTALLT = Effekt(
    "arshjul.arshjul_bestallt",
    "ett årshjuls år ska byggas om (data: arshjulsar_id, begaran; inkrementell när en ändrad "
    "insats kan tas in direkt)",
)
