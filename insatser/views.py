"""Operation pages: the list of visible operations and one operation with its timeline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insatser import access, selectors, services, varningar
from insatser.forms import (
    AvslagForm,
    BemanningsbegaranForm,
    InbjudanForm,
    Insatsfilter,
    ObjektvalForm,
    OmplaneringForm,
    OrsakForm,
    PlaneraForm,
    SakerhetsanteckningForm,
    SvarForm,
    VersionForm,
    kategorival,
    kontroller_med_formular,
)
from insatser.models import Insats, Installningsorsak
from insatser.workflow import (
    AKTIVA_FORE_GENOMFORANDE,
    AVSLUTADE,
    OPPNA_FOR_PLANERING,
    InsatsStatus,
    OgiltigOvergang,
)
from objekt.selectors import objektpool
from objekt.services import las_objektuppgifter

SIDSTORLEK = 50
# What a business verb may refuse with; each carries a message for the user. A PermissionDenied
# is not among them: it answers 403, since the pages offer only what the user may do.
SERVICEFEL = (ValidationError, OgiltigOvergang, services.Konflikt)


def feltext(fel) -> str:
    """A refused verb's reason as one message."""
    if isinstance(fel, ValidationError):
        return " ".join(fel.messages)
    if isinstance(fel, OgiltigOvergang):
        return str(fel.message)
    return str(fel)


def visa_fel(request, form, fel) -> None:
    """Show a refused verb's reasons: on the form's fields where they belong, else as a message."""
    if isinstance(fel, ValidationError) and form is not None and hasattr(fel, "error_dict"):
        fel_till_formular(form, fel)
        return
    messages.error(request, feltext(fel))


def fel_till_formular(form, fel) -> None:
    """A refused verb's reasons on the form: on their fields, or above the form."""
    if isinstance(fel, ValidationError) and hasattr(fel, "error_dict"):
        for falt, fel_lista in fel.error_dict.items():
            form.add_error(falt if falt in form.fields else None, fel_lista)
    else:
        form.add_error(None, feltext(fel))


def delvis(request) -> bool:
    """An htmx request for part of a page; a history restore asks for the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def sida_eller_del(request, sida: str, del_: str, context: dict):
    """Render the whole page, or for htmx only its part."""
    return htmx_svar(request, del_ if delvis(request) else sida, context)


def htmx_svar(request, mall: str, context: dict):
    """Render a page or a part of one; caches must tell htmx requests from the others apart."""
    svar = render(request, mall, context)
    patch_vary_headers(svar, ("HX-Request",))
    return svar


def kor_verb(request, verb, lyckat: str) -> bool:
    """Run a business verb for a form post; show its refusal or the success message."""
    try:
        verb()
    except SERVICEFEL as fel:
        visa_fel(request, None, fel)
        return False
    messages.success(request, lyckat)
    return True


@login_required
@require_GET
def lista(request):
    filter_form = Insatsfilter(request.GET or None)
    insatser = selectors.insatslista(request.user)
    if filter_form.is_bound and filter_form.is_valid():
        insatser = filter_form.filtrera(insatser)
    sida = Paginator(insatser, SIDSTORLEK).get_page(request.GET.get("sida"))
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
        "efterfoljare": Insats.objects.filter(omplanerad_fran=insats).only("pk", "referens").first()
        if insats.status == InsatsStatus.OMPLANERAD and insats.visa_detaljer
        else None,
    }
    if insats.kan_samordna:
        okvitterade = varningar.okvitterade(insats)
        version = {"version": insats.version}
        context.update(
            okvitterade_varningar=okvitterade,
            kvittenser=insats.kvittenser.select_related("kvitterad_av"),
            inbjudan_form=InbjudanForm(),
            objekt_form=ObjektvalForm(objekt=objektpool(request.user)),
            bemanning_form=BemanningsbegaranForm(
                lpoer=insats.lpoer.all(),
                insatspoliser=selectors.onskbara_insatspoliser(),
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
        context.update(eget_deltagande=eget, svar_form=SvarForm())
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
            handelser=insats.handelser.select_related("utford_av").order_by("tid", "pk"),
            objektuppgifter=las_objektuppgifter(
                request.user, insats, "Insatsens sida: förberedelse och genomförande"
            ),
            **underlagssektion(request.user, insats),
        )
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
        messages.error(request, _("Välj en orsak till att insatsen ställs in."))
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
        except SERVICEFEL as fel:
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
