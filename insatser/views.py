"""Operation pages: the list of visible operations and one operation with its timeline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arshjul.services.bygge import forbered_planeringsar
from insatser import access, selectors, selectors_begaran, services, varningar
from insatser.forms import (
    AvslagForm,
    BemanningsbegaranForm,
    InbjudanForm,
    Insatsfilter,
    OmplaneringForm,
    OrsakForm,
    PlaneraForm,
    SakerhetsanteckningForm,
    SvarForm,
    VersionForm,
    kategorival,
    kontroller_med_formular,
)
from insatser.forms_kontakt import kontaktsektion
from insatser.models import Insats, Installningsorsak
from insatser.tidslinje import DOLDA_TYPER
from insatser.tillagg import INSATSSIDANS_AVSNITT
from insatser.workflow import (
    AKTIVA_FORE_GENOMFORANDE,
    AVSLUTADE,
    OPPNA_FOR_PLANERING,
    InsatsStatus,
)
from karna.sidor import TakadPaginator
from karna.tillagg import Avsnitt
from karna.vyer import TJANSTEFEL, formularfel_som_meddelanden, kor_verb, visa_fel

SIDSTORLEK = 50
KOMMANDE_ANTAL = 10


def objektets_kontroller(user, objekt) -> Avsnitt:
    """The object page's history: its controls in operations whose details the user sees."""
    return Avsnitt(
        "insatser/_objektets_kontroller.html",
        {"kontroller": selectors.tidigare_kontroller(user, objekt)},
    )


def kommande_insatser(request) -> Avsnitt:
    """The start page's section with the next operations the user may see."""
    kommande = (
        access.synliga_insatser(request.user)
        .filter(slut__gte=timezone.now())
        .select_related("samordnande_organisation", "samverkansform")
        .order_by("start")[:KOMMANDE_ANTAL]
    )
    return Avsnitt("insatser/_kommande.html", {"kommande": kommande})


def insatser_idag(request) -> Avsnitt | None:
    """The start page's way to the day page of the operations under way today that the user
    takes part in (sees the details of)."""
    idag = selectors.insatser_idag(request.user)
    return Avsnitt("insatser/_idag.html", {"idag": idag}) if idag else None


def insatser_i_siffror(request) -> Avsnitt | None:
    """The start page's counts per status this year, for those who count operations (management)
    rather than see them."""
    if not access.INSATS_POLICY.kan_nagon_gang(request.user, access.Handling.RAKNA):
        return None
    ar = timezone.localdate().year
    antal = selectors.antal_per_status(request.user, ar)
    return Avsnitt(
        "insatser/_i_siffror.html",
        {
            "ar": ar,
            "rader": [(status.label, antal.get(status.value, 0)) for status in InsatsStatus],
            "totalt": sum(antal.values()),
            "hot": selectors.antal_hot(request.user, ar),
            "nekade": selectors.antal_nekade_frislappningar(request.user, ar),
        },
    )


@login_required
@require_GET
def lista(request):
    filter_form = Insatsfilter(request.GET or None)
    insatser = selectors.insatslista(request.user)
    if filter_form.is_bound and filter_form.is_valid():
        insatser = filter_form.filtrera(insatser)
    sida = TakadPaginator(insatser, SIDSTORLEK).get_page(request.GET.get("sida"))
    return render(
        request,
        "insatser/lista.html",
        {"filter": filter_form, "sida": sida, "kan_skapa": access.kan_skapa_insats(request.user)},
    )


def insats_eller_404(user, pk: int) -> Insats:
    try:
        return selectors.insats_for_detalj(user, pk)
    except Insats.DoesNotExist:
        raise Http404 from None


def insats_med_detaljer_eller_404(user, pk: int) -> Insats:
    """The operation whose details the user sees; 404 otherwise, as for any page out of scope."""
    insats = insats_eller_404(user, pk)
    if not insats.visa_detaljer:
        raise Http404
    return insats


def _orsaker():
    return Installningsorsak.objects.order_by("namn")


def underlagssektion(user, insats: Insats) -> dict:
    """What the briefings section shows: the user's briefings and the state of the build."""
    return {
        "underlagen": selectors.underlag_for_insats(user, insats),
        "underlagsbygge": selectors.underlagsbygge(insats),
        "underlag_kan_byggas": insats.status not in AVSLUTADE,
    }


@login_required
@require_GET
def detalj(request, pk: int):
    insats = insats_eller_404(request.user, pk)
    context = {
        "insats": insats,
        "bemanning": selectors.bemanning_for_insats(request.user, insats),
        "kan_andras": insats.status in AKTIVA_FORE_GENOMFORANDE,
        "stall_in_form": OrsakForm(orsaker=_orsaker(), initial={"version": insats.version}),
        "oppen_for_planering": insats.status in OPPNA_FOR_PLANERING,
        "visa_dagen": insats.visa_detaljer and insats.status in services.REGISTRERBARA,
        "efterfoljare": selectors.efterfoljare(request.user, insats)
        if insats.status == InsatsStatus.OMPLANERAD
        else None,
    }
    if insats.kan_samordna:
        okvitterade = varningar.okvitterade(insats, request.user)
        version = {"version": insats.version}
        context.update(
            okvitterade_varningar=okvitterade,
            kvittenser=insats.kvittenser.select_related("kvitterad_av"),
            inbjudan_form=InbjudanForm(),
            bemanning_form=BemanningsbegaranForm(
                lpoer=insats.lpoer.all(),
                insatspoliser=selectors.onskbara_insatspoliser(request.user),
                varningar=okvitterade,
                initial=version,
            ),
            planera_form=PlaneraForm(varningar=okvitterade, initial=version),
            avslag_form=AvslagForm(initial=version),
            genomfor_form=VersionForm(initial=version),
            sakerhet_form=SakerhetsanteckningForm(
                initial={
                    "sakerhetsanteckning": insats.sakerhetsanteckning,
                    "version": insats.version,
                }
            ),
        )
    eget = access.besvarbar_inbjudan(request.user, insats)
    if eget is not None:
        context.update(eget_deltagande=eget, svar_form=SvarForm(initial={"version": eget.version}))
    if insats.visa_detaljer:
        registrering_oppen = insats.kan_registrera and services.registrering_mojlig(insats)
        context.update(
            kontroller=kontroller_med_formular(
                selectors.kontroller_for_insats(request.user, insats),
                kategorival() if registrering_oppen else None,
            ),
            registrering_oppen=registrering_oppen,
            deltaganden=insats.deltaganden.select_related("organisation", "enhet").order_by(
                "roll", "organisation__namn"
            ),
            handelser=insats.handelser.exclude(typ__in=DOLDA_TYPER)
            .select_related("utford_av")
            .order_by("tid", "pk"),
            antal_begaranden=selectors_begaran.antal_begaranden(request.user, insats),
            objektuppgifter=services.las_objektuppgifter(
                request.user, insats, "Insatsens sida: förberedelse och genomförande"
            ),
            **underlagssektion(request.user, insats),
            **kontaktsektion(request.user, insats),
        )
    context["avsnitt"] = INSATSSIDANS_AVSNITT.samla(request.user, insats)
    return render(request, "insatser/detalj.html", context)


@login_required
@require_POST
def stall_in(request, pk: int):
    """Cancel at short notice: a reason code, and the timeline and participants know at once."""
    insats = insats_eller_404(request.user, pk)
    if not insats.kan_stalla_in:
        raise PermissionDenied
    form = OrsakForm(request.POST, orsaker=_orsaker())
    if not form.is_valid():
        if "orsak" in form.errors:
            messages.error(request, _("Välj en orsak till att insatsen ställs in."))
        else:
            formularfel_som_meddelanden(request, form)
        return redirect("insats", pk=pk)
    kor_verb(
        request,
        lambda: services.stall_in_insats(
            request.user,
            insats,
            form.cleaned_data["orsak"],
            kommentar=form.cleaned_data["kommentar"],
            version=form.cleaned_data["version"],
        ),
        _("Insatsen är inställd."),
    )
    return redirect("insats", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def omplanera(request, pk: int):
    """Move the operation to a new date as a successor with objects and participants copied."""
    insats = insats_eller_404(request.user, pk)
    if not insats.kan_samordna:
        raise PermissionDenied
    forbered_planeringsar()
    reserv = selectors.reservdatum(request.user, insats)
    form = OmplaneringForm(
        request.POST or None,
        orsaker=_orsaker(),
        fonster=reserv,
        initial={"version": insats.version, **_reservforslag(insats, reserv, request.GET)},
    )
    nya_varningar = []
    if request.method == "POST" and form.is_valid():
        try:
            efterfoljare = services.omplanera_insats(
                request.user,
                insats,
                form.cleaned_data["ny_start"],
                form.cleaned_data["ny_slut"],
                form.cleaned_data["orsak"],
                version=form.cleaned_data["version"],
                motivering=form.cleaned_data["motivering"],
                kvitterade=form.cleaned_data["kvitterade"],
                insatsfonster=form.cleaned_data["insatsfonster"],
            )
        except TJANSTEFEL as fel:
            nya_varningar = getattr(fel, "varningar", [])
            visa_fel(request, form, fel)
        else:
            messages.success(
                request,
                _("Insatsen är omplanerad till %(referens)s.")
                % {"referens": efterfoljare.referens},
            )
            return redirect("insats", pk=efterfoljare.pk)
    return render(
        request,
        "insatser/omplanera.html",
        {
            "insats": insats,
            "form": form,
            "nya_varningar": nya_varningar,
            "reservdatum": reserv[:5],
        },
    )


def _reservforslag(insats: Insats, reserv, fraga) -> dict:
    """The new date the page proposes: the window the coordinator picked, else the nearest one
    with room, at the operation's own time of day and length."""
    fonster = selectors.valt_fonster(reserv, fraga.get("fonster"), annars_narmaste=True)
    if fonster is None:
        return {}
    ny_start = selectors.forsta_dag_kl(fonster, timezone.localtime(insats.start).time())
    return {
        "insatsfonster": fonster,
        "ny_start": ny_start,
        "ny_slut": ny_start + (insats.slut - insats.start),
    }
