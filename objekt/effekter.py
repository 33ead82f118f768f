"""The side effects the pool's verbs declare (``karna.effekter``); the apps that care
subscribe in their ``apps.py``."""

from karna.effekter import Effekt

OBJEKT_ANDRAT = Effekt(
    "objekt.objekt_andrat",
    "ett objekts uppgifter ändrades (data: objekt_id)",
)
IMPORT_UPPLADDAD = Effekt(
    "objekt.import_uppladdad",
    "en importfil laddades upp och ska läsas in (data: import_id)",
)
