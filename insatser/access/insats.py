"""Who may see and do what with operations and staffing requests. Every rule is written once.

Visibility follows relationships (the coordinating organisation, the participating organisations,
the LPOs of staffing requests, named police assignments, co-planning, explicit per-object grants);
the rules are the tables below. ``docs/behorigheter.md`` is generated from them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Insatsgrupp,
    InsatsUserObjectPermission,
    Polisbemanning,
)
from insatser.workflow import BemanningStatus
from karna.policy import Aktor, Funktion, Policy, Regel, Relation
from myndigheter.models import Anvandarprofil
from myndigheter.roles import LEDNINGSROLLER, Roll

# An organisation that declined keeps seeing that it was invited and what it answered, nothing more.
EJ_AVBOJDA = [Deltagande.Svar.INBJUDEN, Deltagande.Svar.ACCEPTERAD]
AKTIVA_BEMANNINGSSTATUSAR = [
    BemanningStatus.SKICKAD,
    BemanningStatus.BEKRAFTAD,
    BemanningStatus.DELVIS_BEKRAFTAD,
]


class Handling:
    SE = "se"
    SE_DETALJER = "se_detaljer"
    SAMORDNA = "samordna"
    BESVARA_INBJUDAN = "besvara_inbjudan"
    STALLA_IN = "stalla_in"
    REGISTRERA = "registrera"
    RATTA = "ratta"
    SE_POLISDETALJER = "se_polisdetaljer"
    SE_INSTALLNINGSDETALJ = "se_installningsdetalj"
    SE_FRISLAPPT = "se_frislappt"
    SE_SAKERHET = "se_sakerhet"
    BESVARA = "besvara"
    HANTERA = "hantera"
    ANSLUTA = "ansluta"
    LADDA_NED = "ladda_ned"
    RAKNA = "rakna"
    ANGE_KONTAKTFUNKTION = "ange_kontaktfunktion"
    ANGE_BEFAL = "ange_befal"
    NAMNGE_PERSONER = "namnge_personer"
    BEGARA_UPPGIFTER = "begara_uppgifter"


# Each relation has two sides: the operations a user has it to (``aktor`` -> Q on operations) and
# the users who have it to one operation (``insats`` -> Q on users, for Policy.anvandare). The
# second reads the operation by primary key, so a stale instance gives the current answer.


def _i_lpo_med(begaranden) -> Q:
    """Users whose LPO scope holds the LPO of one of ``begaranden``."""
    return Exists(
        Anvandarprofil.lpo_scope.through.objects.filter(
            anvandarprofil__user=OuterRef("pk"), lokalpolisomrade__in=begaranden.values("lpo")
        )
    )


def samordnande(aktor) -> Q:
    return Q(samordnande_organisation_id=aktor.organisation_id)


def _samordnande_anvandare(insats: Insats) -> Q:
    organisation = Insats.objects.filter(pk=insats.pk).values("samordnande_organisation_id")
    return Q(profil__organisation_id__in=organisation)


def _deltagande(aktor, **villkor) -> Q:
    return Exists(
        Deltagande.objects.filter(
            insats=OuterRef("pk"), organisation_id=aktor.organisation_id, **villkor
        )
    )


def _deltagande_anvandare(insats: Insats, **villkor) -> Q:
    organisationer = Deltagande.objects.filter(insats_id=insats.pk, **villkor).values(
        "organisation_id"
    )
    return Q(profil__organisation_id__in=organisationer)


def _ej_avbojt_deltagande(aktor) -> Q:
    return _deltagande(aktor, svar__in=EJ_AVBOJDA)


def _ej_avbojt_deltagande_anvandare(insats: Insats) -> Q:
    return _deltagande_anvandare(insats, svar__in=EJ_AVBOJDA)


def _accepterat_deltagande(aktor) -> Q:
    return _deltagande(aktor, svar=Deltagande.Svar.ACCEPTERAD)


def _accepterat_deltagande_anvandare(insats: Insats) -> Q:
    return _deltagande_anvandare(insats, svar=Deltagande.Svar.ACCEPTERAD)


def begaran_i_lpo(aktor) -> Q:
    return Exists(
        Bemanningsbegaran.objects.filter(insats=OuterRef("pk"), lpo__in=aktor.lpo_ids).exclude(
            status=BemanningStatus.UTKAST
        )
    )


def _begaran_i_lpo_anvandare(insats: Insats) -> Q:
    return _i_lpo_med(
        Bemanningsbegaran.objects.filter(insats_id=insats.pk).exclude(status=BemanningStatus.UTKAST)
    )


def _aktiv_begaran_i_lpo(aktor) -> Q:
    return Exists(
        Bemanningsbegaran.objects.filter(
            insats=OuterRef("pk"), lpo__in=aktor.lpo_ids, status__in=AKTIVA_BEMANNINGSSTATUSAR
        )
    )


def _aktiv_begaran_i_lpo_anvandare(insats: Insats) -> Q:
    return _i_lpo_med(
        Bemanningsbegaran.objects.filter(insats_id=insats.pk, status__in=AKTIVA_BEMANNINGSSTATUSAR)
    )


def tilldelad(aktor) -> Q:
    return Exists(
        Polisbemanning.objects.filter(begaran__insats=OuterRef("pk"), anvandare=aktor.user)
    )


def _samplanerad(aktor) -> Q:
    return Exists(
        Insatsgrupp.organisationer.through.objects.filter(
            insatsgrupp=OuterRef("insatsgrupp"), myndighet_id=aktor.organisation_id
        )
    )


def _samplanerad_anvandare(insats: Insats) -> Q:
    organisationer = Insatsgrupp.organisationer.through.objects.filter(
        insatsgrupp__insatser=insats.pk
    ).values("myndighet_id")
    return Q(profil__organisation_id__in=organisationer)


def _tilldelad_anvandare(insats: Insats) -> Q:
    return Exists(
        Polisbemanning.objects.filter(begaran__insats_id=insats.pk, anvandare=OuterRef("pk"))
    )


def _alla(_) -> Q:
    # Not Q(): an empty condition disappears when the policy ORs the relations together.
    return Q(pk__isnull=False)


def _explicit(aktor) -> Q:
    return Exists(
        InsatsUserObjectPermission.objects.filter(
            content_object=OuterRef("pk"),
            user=aktor.user,
            permission__codename="view_insats",
        )
    )


def _explicit_anvandare(insats: Insats) -> Q:
    return Exists(
        InsatsUserObjectPermission.objects.filter(
            content_object_id=insats.pk,
            user=OuterRef("pk"),
            permission__codename="view_insats",
        )
    )


H = Handling
INSATS_POLICY = Policy(
    Insats,
    handlingar={
        H.SE: "se insatsen (datum, tidsfönster, LPO, status, samverkansform, samordnare)",
        H.SE_DETALJER: "se samlingsplats, exakt tid, objekt, deltagare och tidslinje",
        H.SAMORDNA: "planera, bjuda in, begära bemanning, genomföra",
        H.BESVARA_INBJUDAN: "svara på inbjudan för sin organisation",
        H.STALLA_IN: "ställa in insatsen",
        H.REGISTRERA: "markera kontroller och registrera fynd",
        H.SE_INSTALLNINGSDETALJ: "se polisens kommentar om vad som orsakade en inställning",
        H.SE_FRISLAPPT: "läsa myndighetsuppgifter som frisläppts till insatsen",
        H.SE_SAKERHET: "se säkerhetsanteckningen (kända hot- och säkerhetsrisker)",
        H.BEGARA_UPPGIFTER: "begära uppgifter om ett objekt av en annan deltagande organisation",
        H.RAKNA: "räkna insatsen i sammanställningar (antal per status), utan att se den",
    },
    relationer=[
        Relation(
            "samordnande_organisation",
            "användarens organisation samordnar",
            samordnande,
            _samordnande_anvandare,
        ),
        Relation(
            "deltagande_organisation",
            "användarens organisation är inbjuden",
            _deltagande,
            _deltagande_anvandare,
        ),
        Relation(
            "ej_avbojt_deltagande",
            "användarens organisation är inbjuden och har inte avböjt",
            _ej_avbojt_deltagande,
            _ej_avbojt_deltagande_anvandare,
        ),
        Relation(
            "accepterat_deltagande",
            "användarens organisation har accepterat inbjudan",
            _accepterat_deltagande,
            _accepterat_deltagande_anvandare,
        ),
        Relation(
            "begaran_i_lpo",
            "en skickad bemanningsbegäran gäller ett av användarens LPO",
            begaran_i_lpo,
            _begaran_i_lpo_anvandare,
        ),
        Relation(
            "aktiv_begaran_i_lpo",
            "en aktiv bemanningsbegäran gäller ett av användarens LPO",
            _aktiv_begaran_i_lpo,
            _aktiv_begaran_i_lpo_anvandare,
        ),
        Relation(
            "tilldelad",
            "användaren är namngiven polis i insatsen",
            tilldelad,
            _tilldelad_anvandare,
        ),
        Relation(
            "explicit",
            "användaren har fått läsrätt till just denna insats",
            _explicit,
            _explicit_anvandare,
        ),
        Relation("alla", "varje insats", _alla, _alla),
        Relation(
            "samplanerad",
            "användarens organisation samplanerar insatsens insatsgrupp",
            _samplanerad,
            _samplanerad_anvandare,
        ),
    ],
    regler=[
        Regel(
            Roll.SAMORDNARE,
            "samordnande_organisation",
            [
                H.SE,
                H.SE_DETALJER,
                H.SE_FRISLAPPT,
                H.SAMORDNA,
                H.STALLA_IN,
                H.REGISTRERA,
                H.BESVARA_INBJUDAN,
                H.SE_SAKERHET,
                H.BEGARA_UPPGIFTER,
            ],
        ),
        Regel(Roll.SAMORDNARE, "deltagande_organisation", [H.SE, H.BESVARA_INBJUDAN]),
        Regel(
            Roll.SAMORDNARE,
            "ej_avbojt_deltagande",
            [H.SE_DETALJER, H.SE_FRISLAPPT, H.BEGARA_UPPGIFTER],
        ),
        # Co-planning municipalities see each other's operations in full, but agency
        # information released to one operation stays with that operation's participants.
        Regel(Roll.SAMORDNARE, "samplanerad", [H.SE, H.SE_DETALJER]),
        Regel(Roll.SAMORDNARE, "accepterat_deltagande", [H.REGISTRERA, H.SE_SAKERHET]),
        Regel(Roll.HANDLAGGARE, "deltagande_organisation", [H.SE, H.BESVARA_INBJUDAN]),
        Regel(
            Roll.HANDLAGGARE,
            "ej_avbojt_deltagande",
            [H.SE_DETALJER, H.SE_FRISLAPPT, H.BEGARA_UPPGIFTER],
        ),
        Regel(Roll.HANDLAGGARE, "accepterat_deltagande", [H.REGISTRERA, H.SE_SAKERHET]),
        Regel(Roll.MYNDIGHETSKONTAKT, "deltagande_organisation", [H.SE, H.BESVARA_INBJUDAN]),
        Regel(
            Roll.MYNDIGHETSKONTAKT,
            "ej_avbojt_deltagande",
            [H.SE_DETALJER, H.SE_FRISLAPPT, H.BEGARA_UPPGIFTER],
        ),
        Regel(Roll.MYNDIGHETSKONTAKT, "accepterat_deltagande", [H.SE_SAKERHET]),
        Regel(
            Roll.OPERATIV_SAMORDNARE,
            "begaran_i_lpo",
            [H.SE, H.SE_DETALJER, H.SE_FRISLAPPT, H.SE_INSTALLNINGSDETALJ],
        ),
        Regel(Roll.OPERATIV_SAMORDNARE, "aktiv_begaran_i_lpo", [H.STALLA_IN, H.SE_SAKERHET]),
        Regel(
            Roll.INSATSPOLIS,
            "tilldelad",
            [
                H.SE,
                H.SE_DETALJER,
                H.SE_FRISLAPPT,
                H.REGISTRERA,
                H.SE_INSTALLNINGSDETALJ,
                H.SE_SAKERHET,
            ],
        ),
        # Management follows operations in aggregate only: counts, never one operation.
        Regel(Roll.POLISLEDNING, "begaran_i_lpo", [H.RAKNA]),
        Regel(Roll.LEDNINGSGRUPP, "alla", [H.RAKNA]),
        Regel(Roll.API_KLIENT, "deltagande_organisation", [H.SE]),
        *[
            Regel(roll, "explicit", [H.SE])
            for roll in Roll
            if roll not in {Roll.API_KLIENT, *LEDNINGSROLLER}
        ],
    ],
)


def _i_lpo(aktor) -> Q:
    return Q(lpo__in=aktor.lpo_ids) & ~Q(status=BemanningStatus.UTKAST)


def _aktiv_i_lpo(aktor) -> Q:
    return Q(lpo__in=aktor.lpo_ids, status__in=AKTIVA_BEMANNINGSSTATUSAR)


def _begarande(aktor) -> Q:
    return Q(insats__samordnande_organisation_id=aktor.organisation_id)


def _i_lpo_anvandare(begaran: Bemanningsbegaran) -> Q:
    return _i_lpo_med(
        Bemanningsbegaran.objects.filter(pk=begaran.pk).exclude(status=BemanningStatus.UTKAST)
    )


def _aktiv_i_lpo_anvandare(begaran: Bemanningsbegaran) -> Q:
    return _i_lpo_med(
        Bemanningsbegaran.objects.filter(pk=begaran.pk, status__in=AKTIVA_BEMANNINGSSTATUSAR)
    )


def _begarande_anvandare(begaran: Bemanningsbegaran) -> Q:
    organisation = Insats.objects.filter(bemanningsbegaranden=begaran.pk).values(
        "samordnande_organisation_id"
    )
    return Q(profil__organisation_id__in=organisation)


def _namngiven(aktor) -> Q:
    return Exists(Polisbemanning.objects.filter(begaran=OuterRef("pk"), anvandare=aktor.user))


def _namngiven_anvandare(begaran: Bemanningsbegaran) -> Q:
    return Exists(Polisbemanning.objects.filter(begaran_id=begaran.pk, anvandare=OuterRef("pk")))


BEMANNING_POLICY = Policy(
    Bemanningsbegaran,
    handlingar={
        H.SE: "se begäran, dess status och antal",
        H.BESVARA: "bekräfta, delvis bekräfta, avböja, höja eller sänka bekräftelsen, återkalla",
        H.SE_POLISDETALJER: "se namngivna poliser och polisens interna anteckning",
        H.ANGE_BEFAL: "ange polisens befälsfunktion på plats och dess telefon",
    },
    relationer=[
        Relation(
            "lpo", "begäran gäller ett av användarens LPO och är skickad", _i_lpo, _i_lpo_anvandare
        ),
        Relation(
            "aktiv_i_lpo",
            "begäran gäller ett av användarens LPO och är aktiv (skickad eller bekräftad)",
            _aktiv_i_lpo,
            _aktiv_i_lpo_anvandare,
        ),
        Relation(
            "begarande_organisation",
            "användarens organisation samordnar insatsen",
            _begarande,
            _begarande_anvandare,
        ),
        Relation(
            "namngiven",
            "användaren är namngiven polis i bemanningen",
            _namngiven,
            _namngiven_anvandare,
        ),
    ],
    regler=[
        Regel(Roll.OPERATIV_SAMORDNARE, "lpo", [H.SE, H.BESVARA, H.SE_POLISDETALJER]),
        Regel(Roll.OPERATIV_SAMORDNARE, "aktiv_i_lpo", [H.ANGE_BEFAL]),
        Regel(Roll.SAMORDNARE, "begarande_organisation", [H.SE]),
        # A named officer reads the staffing they are part of, with the police's internal detail
        # (and so their LPO's police briefing), but answers nothing.
        Regel(Roll.INSATSPOLIS, "namngiven", [H.SE, H.SE_POLISDETALJER]),
    ],
)


def synliga_insatser(user):
    return INSATS_POLICY.filtrera(user, H.SE)


def kan_se_insats(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.SE, insats)


def kan_samordna(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.SAMORDNA, insats)


SKAPA_INSATS = Funktion(
    "skapa_insats", "föreslå nya insatser och leda insatsgrupper", [Roll.SAMORDNARE]
)


def kan_skapa_insats(user) -> bool:
    return SKAPA_INSATS.tillater(user)


def ser_bemanningsinkorgen(user) -> bool:
    """Answers staffing requests: the inbox lists the requests it may answer."""
    return BEMANNING_POLICY.kan_nagon_gang(user, H.BESVARA)


def kan_besvara_inbjudan(user, deltagande: Deltagande) -> bool:
    """Only for one's own organisation, on an operation one may answer invitations of."""
    egen = Aktor.for_user(user).organisation_id == deltagande.organisation_id
    return egen and INSATS_POLICY.tillater(user, H.BESVARA_INBJUDAN, deltagande.insats)


def far_besvara_inbjudan(deltagande: Deltagande):
    """The users ``kan_besvara_inbjudan`` allows for this invitation, as one query."""
    return INSATS_POLICY.anvandare(H.BESVARA_INBJUDAN, deltagande.insats).filter(
        profil__organisation_id=deltagande.organisation_id
    )


def besvarbara_inbjudningar(user):
    """Invitations to the user's organisation that ``kan_besvara_inbjudan`` allows, as a list
    filter."""
    return Deltagande.objects.filter(
        organisation_id=Aktor.for_user(user).organisation_id,
        insats__in=INSATS_POLICY.filtrera(user, H.BESVARA_INBJUDAN).values("pk"),
    ).exclude(roll=Deltagande.Roll.SAMORDNARE)


def besvarbar_inbjudan(user, insats: Insats) -> Deltagande | None:
    """The user's organisation's invitation to the operation, if the user may answer it."""
    deltagande = (
        insats.deltaganden.filter(organisation_id=Aktor.for_user(user).organisation_id)
        .exclude(roll=Deltagande.Roll.SAMORDNARE)
        .first()
    )
    if deltagande is None or not kan_besvara_inbjudan(user, deltagande):
        return None
    return deltagande


def kan_besvara_bemanning(user, begaran: Bemanningsbegaran) -> bool:
    return BEMANNING_POLICY.tillater(user, H.BESVARA, begaran)


def kan_stalla_in(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.STALLA_IN, insats)


def kan_registrera_i_kontroll(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.REGISTRERA, insats)
