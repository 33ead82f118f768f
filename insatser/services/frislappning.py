"""Releasing agency information to an operation: release, withdraw, and the logged read.

An information block belongs to the agency that recorded it (``objekt.Objektuppgift``); it
reaches the other participants only through a release to one operation, with the legal basis
stated. Every release and withdrawal, and every read of another agency's information, is written
to the access log.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import INSATSEN_ANDRAD, UNDERLAG_BESTALLDA
from insatser.models import Frislappning, Insats, Mottagarkrets, NekadFrislappning
from insatser.selectors import uppgifter_i_insats
from insatser.services.gemensamt import skriv_tidslinjepost
from insatser.services.underlag import markera_inaktuella
from karna.atkomstlogg import logga
from karna.models import Atkomstlogg
from karna.verb import verb
from myndigheter.models import Delningsgrund, Mottagarslag, Myndighet
from objekt import access as objekt_access
from objekt.models import Objektuppgift


def _synlig_for(user, uppgift: Objektuppgift) -> Objektuppgift:
    """404, not 403, for information the user may not know exists."""
    if not objekt_access.synliga_objektuppgifter(user).filter(pk=uppgift.pk).exists():
        raise Http404
    return uppgift


@verb(UNDERLAG_BESTALLDA)
def frislapp_objektuppgift(
    user,
    uppgift: Objektuppgift,
    insats: Insats,
    delningsgrund: Delningsgrund | None,
    krets: str = Mottagarkrets.ALLA,
    namngivna: Iterable[Myndighet] = (),
) -> Frislappning | NekadFrislappning:
    """Release one information block to a circle of the operation under one of the owner's
    provisions. A provision that does not cover every recipient's kind refuses the release: the
    refusal is recorded with its obstacle (and returned) instead of the release."""
    _synlig_for(user, uppgift)
    if not objekt_access.kan_frislappa(user, uppgift):
        raise PermissionDenied(_("Endast den ägande organisationen kan frisläppa uppgiften."))
    if not access.kan_se_insats(user, insats):
        raise Http404
    namngivna = list(namngivna)
    _kontrollera_frislappning(uppgift, insats, delningsgrund, krets, namngivna)
    mottagare = _mottagare_utom_agaren(uppgift, insats, krets, namngivna)
    hindrade = [m for m in mottagare if not delningsgrund.medger(m)]
    if hindrade:
        return NekadFrislappning.objects.create(
            objektuppgift=uppgift,
            insats=insats,
            krets=krets,
            delningsgrund=delningsgrund,
            hinder=_hinder(delningsgrund, hindrade),
            nekad_av=user,
        )
    frislappning = Frislappning.objects.create(
        objektuppgift=uppgift,
        insats=insats,
        krets=krets,
        delningsgrund=delningsgrund,
        frislappt_av=user,
        grund=delningsgrund.bestammelse,
    )
    if krets == Mottagarkrets.NAMNGIVNA:
        frislappning.mottagare.set(namngivna)
    markera_inaktuella([insats.pk])
    logga(
        user,
        Atkomstlogg.Handling.FRISLAPPA,
        [uppgift],
        f"{insats.referens}: {delningsgrund.bestammelse} ({', '.join(m.namn for m in mottagare)})",
    )
    return frislappning


def _kontrollera_frislappning(uppgift, insats, delningsgrund, krets, namngivna) -> None:
    if delningsgrund is None or delningsgrund.organisation_id != uppgift.organisation_id:
        raise ValidationError({"delningsgrund": _("Välj en av din organisations delningsgrunder.")})
    if not delningsgrund.aktiv:
        raise ValidationError({"delningsgrund": _("Delningsgrunden används inte längre.")})
    if krets not in Mottagarkrets.values:
        raise ValidationError({"krets": _("Välj till vem uppgiften frisläpps.")})
    if krets == Mottagarkrets.NAMNGIVNA:
        deltar = {m.pk for m in access.mottagare(insats, Mottagarkrets.ALLA)}
        if not namngivna:
            raise ValidationError({"namngivna": _("Välj minst en organisation.")})
        if any(m.pk not in deltar for m in namngivna):
            raise ValidationError(
                {"namngivna": _("Uppgifter kan bara frisläppas till organisationer som deltar.")}
            )
    if not insats.kontroller.filter(objekt_id=uppgift.objekt_id).exists():
        raise ValidationError({"insats": _("Objektet ingår inte i den insatsen.")})
    if uppgift.frislappningar.filter(insats=insats, aterkallad__isnull=True).exists():
        raise ValidationError(
            {
                "insats": _(
                    "Uppgiften är redan frisläppt till insatsen. Återkalla den först "
                    "för att frisläppa den till en annan krets."
                )
            }
        )


def _mottagare_utom_agaren(uppgift, insats, krets, namngivna) -> list[Myndighet]:
    mottagare = [
        m for m in access.mottagare(insats, krets, namngivna) if m.pk != uppgift.organisation_id
    ]
    if not mottagare:
        raise ValidationError({"krets": _("Ingen annan organisation nås av den kretsen.")})
    return mottagare


def _hinder(delningsgrund: Delningsgrund, hindrade: list[Myndighet]) -> str:
    return _("%(grund)s medger inte utlämnande till %(mottagare)s.") % {
        "grund": delningsgrund.bestammelse,
        "mottagare": ", ".join(
            f"{m.namn} ({Mottagarslag(m.mottagarslag).label.lower()})" for m in hindrade
        ),
    }


@verb(UNDERLAG_BESTALLDA, INSATSEN_ANDRAD)
def aterkalla_frislappning(user, frislappning: Frislappning, orsak: str) -> Frislappning:
    """Take a release back: the block leaves the briefings, and those it reached are told (an
    entry kept off the timeline, whose readers need not know of releases to others)."""
    frislappning = Frislappning.objects.select_for_update().get(pk=frislappning.pk)
    uppgift = _synlig_for(user, frislappning.objektuppgift)
    if not objekt_access.kan_frislappa(user, uppgift):
        raise PermissionDenied(_("Endast den ägande organisationen kan återkalla frisläppningen."))
    if frislappning.aterkallad is not None:
        raise ValidationError({"frislappning": _("Frisläppningen är redan återkallad.")})
    if not orsak.strip():
        raise ValidationError({"orsak": _("Ange varför frisläppningen återkallas.")})
    frislappning.aterkallad = timezone.now()
    frislappning.aterkallad_av = user
    frislappning.save(update_fields=["aterkallad", "aterkallad_av"])
    markera_inaktuella([frislappning.insats_id])
    logga(
        user,
        Atkomstlogg.Handling.ATERKALLA,
        [uppgift],
        f"{frislappning.insats.referens}: {orsak.strip()}",
    )
    skriv_tidslinjepost(
        frislappning.insats,
        user,
        "frislappning_aterkallad",
        text=uppgift.organisation.namn,
        frislappning=frislappning,
    )
    return frislappning


def las_objektuppgifter(user, insats: Insats, syfte: str) -> list[Objektuppgift]:
    """The information on the operation's objects that the user may read; each read is logged."""
    if not access.kan_se_insats(user, insats):
        raise Http404
    uppgifter = list(
        uppgifter_i_insats(user, insats)
        .select_related("objekt", "organisation", "mall")
        .order_by("objekt__namn", "organisation__namn")
    )
    if uppgifter:
        logga(user, Atkomstlogg.Handling.LASA, uppgifter, f"{insats.referens}: {syfte}")
    return uppgifter
