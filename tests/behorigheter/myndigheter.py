"""The start page and the focal point's member management."""

from myndigheter.roles import Roll
from tests.behorigheter import LOGIN, alla

MATRIS = {
    "start": {"GET": alla(200, ANONYM=LOGIN), "POST": alla(405, ANONYM=LOGIN)},
    "medlemmar": {
        "GET": alla(403, ANONYM=LOGIN, MYNDIGHETSKONTAKT=200),
        "POST": alla(405, ANONYM=LOGIN),
    },
    "andra_medlem": {
        "POST": alla(404, ANONYM=LOGIN, MYNDIGHETSKONTAKT=302),
        "GET": alla(405, ANONYM=LOGIN),
    },
}
# Profiles are read by the roles that plan or take part in operations; Skatteverket's is kept by
# its focal point (an empty profile post saves, an empty provision post shows the form's errors).
DELTAR = dict.fromkeys(
    ["SAMORDNARE", "MYNDIGHETSKONTAKT", "HANDLAGGARE", "OPERATIV_SAMORDNARE", "INSATSPOLIS"]
)
MATRIS.update(
    {
        "organisationer": {
            "GET": alla(403, ANONYM=LOGIN, **dict.fromkeys(DELTAR, 200)),
            "POST": alla(405, ANONYM=LOGIN),
        },
        "organisationsprofil": {
            "GET": alla(404, ANONYM=LOGIN, **dict.fromkeys(DELTAR, 200)),
            "POST": alla(405, ANONYM=LOGIN),
        },
        "andra_profil": {
            "GET": alla(
                404, ANONYM=LOGIN, **{**dict.fromkeys(DELTAR, 403), "MYNDIGHETSKONTAKT": 200}
            ),
            "POST": alla(
                404, ANONYM=LOGIN, **{**dict.fromkeys(DELTAR, 403), "MYNDIGHETSKONTAKT": 302}
            ),
        },
        "lagg_till_delningsgrund": {
            "POST": alla(
                404, ANONYM=LOGIN, **{**dict.fromkeys(DELTAR, 403), "MYNDIGHETSKONTAKT": 400}
            ),
            "GET": alla(405, ANONYM=LOGIN),
        },
        "avveckla_delningsgrund": {
            "POST": alla(
                404, ANONYM=LOGIN, **{**dict.fromkeys(DELTAR, 403), "MYNDIGHETSKONTAKT": 302}
            ),
            "GET": alla(405, ANONYM=LOGIN),
        },
    }
)
URLER = {
    "start": "/",
    "medlemmar": "/organisation/medlemmar/",
    # A member of Skatteverket, the focal point's organisation: {HANDLAGGARE} is its pk.
    "andra_medlem": "/organisation/medlemmar/{HANDLAGGARE}/",
    "organisationer": "/organisationer/",
    "organisationsprofil": "/organisationer/{SKATTEVERKET}/",
    "andra_profil": "/organisationer/{SKATTEVERKET}/andra/",
    "lagg_till_delningsgrund": "/organisationer/{SKATTEVERKET}/delningsgrunder/",
    "avveckla_delningsgrund": "/delningsgrunder/{GRUND}/avveckla/",
}


def platshallare(aktorer) -> dict:
    from myndigheter.models import Delningsgrund, Mottagarslag, Myndighet

    skatteverket = Myndighet.objects.get(kod="skatteverket")
    grund = Delningsgrund.objects.create(
        organisation=skatteverket, bestammelse="Matrisgrund", mottagarslag=[Mottagarslag.STATLIG]
    )
    return {
        "HANDLAGGARE": aktorer[Roll.HANDLAGGARE].pk,
        "SKATTEVERKET": skatteverket.pk,
        "GRUND": grund.pk,
    }
