"""The extension points of the operations app, filled by the apps above it in their ``apps.py``
(``karna.tillagg``)."""

from karna.tillagg import Plats

# Open improvement areas per object in a briefing: each contribution takes the objects' ids and
# the briefing's readers (``karna.policy.Aktor``) and returns {objekt_id: [row, ...]} with only
# what every reader may see; a row has "text", "fran", "datum" and "ansvarig".
UNDERLAGETS_FORBATTRINGAR = Plats(
    "insatser.underlagets_forbattringar",
    "öppna förbättringsområden per objekt i ett underlag (objekt_ids, läsare -> rader)",
)

# Open improvement areas in the ranking of the add-object picker (``insatser.rangordning``): each
# contribution takes the user and returns an integer database expression counting, for the
# object at ``OuterRef("pk")``, the open improvement areas that user may see.
RANGORDNINGENS_FORBATTRINGAR = Plats(
    "insatser.rangordningens_forbattringar",
    "öppna förbättringsområden per objekt i objektväljarens rangordning (användare -> uttryck)",
)

# Sections of an operation's page from the apps above (its outcomes and feedback, once carried
# out): each contribution takes the user and the operation (with its flags) and returns a
# ``karna.tillagg.Avsnitt``, or None when it has nothing to show that user.
INSATSSIDANS_AVSNITT = Plats(
    "insatser.insatssidans_avsnitt",
    "avsnitt på insatsens sida från apparna ovanför (user, insats -> Avsnitt eller None)",
)

# Demo data of the apps above, made after the operations (``manage.py demodata``): each
# contribution takes the demo year and the demo users by username, creates its rows through the
# verbs, looked up by a stable key first, and returns how many it created.
DEMODATA = Plats(
    "insatser.demodata",
    "demodata från apparna ovanför, efter insatserna (år, användare -> antal nya rader)",
)
