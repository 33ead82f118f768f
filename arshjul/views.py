"""The wheel's pages: the wheels one may see, the wheel itself, build status, report, files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arshjul import access, lagring, ritning, selectors
from arshjul.access import ARSHJUL_POLICY, Handling
from arshjul.forms import FORSTA_AR, SISTA_AR, VyForm
from arshjul.innehall import RINGORDNING, Ring
from arshjul.models import Arshjul
from arshjul.tillagg import INSATSKALLA
from arshjul.workflow import FARDIGA
from karna.atkomstlogg import logga
from karna.models import Atkomstlogg

VERSIONER_PER_SIDA = 20


def _markerade(user):
    return ARSHJUL_POLICY.markera(
        access.synliga_arshjul(user),
        user,
        visa_hela=Handling.SE_HELA,
        kan_redigera=Handling.REDIGERA,
    ).select_related("agare")


def arshjul_eller_404(user, kod: str) -> Arshjul:
    """A wheel the user may see, with its flags; 404 for any other."""
    try:
        return _markerade(user).get(kod=kod)
    except Arshjul.DoesNotExist:
        raise Http404 from None


def hela_arshjulet_eller_404(user, kod: str, ar: int) -> Arshjul:
    """A wheel whose versions and report the user may see: 404 unseen, 403 seen in part."""
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404
    arshjul = arshjul_eller_404(user, kod)
    if not arshjul.visa_hela:
        raise PermissionDenied
    return arshjul


@login_required
@require_GET
def index(request):
    arshjul = _markerade(request.user).prefetch_related("lpoer").order_by("namn")
    return render(
        request,
        "arshjul/index.html",
        {
            "arshjul": arshjul,
            "form": VyForm(arshjul=access.synliga_arshjul(request.user)),
            "kan_se_prioriteringar": access.PRIORITERINGAR.tillater(request.user),
        },
    )


def _lankar(request):
    """The addresses of the month segments: the page with the month open, or its panel."""
    fraga = request.GET.copy()

    def lank(manad: int) -> dict:
        fraga["manad"] = manad
        adress = f"{reverse('arshjul_vy')}?{fraga.urlencode()}"
        return {"href": f"{adress}#manadspanel", "hx_get": adress}

    return lank


@login_required
@require_GET
def vy(request):
    """One or several wheels overlaid, as a circle or a timeline, with the same as text."""
    synliga = access.synliga_arshjul(request.user).select_related("agare").order_by("namn")
    form = VyForm(request.GET, arshjul=synliga)
    if not form.is_valid():
        return render(
            request,
            "arshjul/index.html",
            {"arshjul": _markerade(request.user).prefetch_related("lpoer"), "form": form},
        )
    hjul = list(form.cleaned_data["hjul"])
    ar = form.cleaned_data["ar"]
    manad = form.cleaned_data["manad"]
    innehall = selectors.innehall_for_anvandare(request.user, hjul, ar)
    oppen = innehall.manad(manad) if manad else None
    if request.htmx and not request.htmx.history_restore_request and oppen is not None:
        return render(
            request,
            "arshjul/_manadspanel.html",
            {
                "manad": oppen,
                "innehall": innehall,
                "visa_hjul": len(hjul) > 1,
                "stang": _utan_manad(request),
                "kan_planera": INSATSKALLA().kan_planera(request.user),
            },
        )
    tidslinje = form.cleaned_data["vy"] == "tidslinje"
    ritad = (ritning.tidslinje if tidslinje else ritning.cirkel)(innehall, _lankar(request))
    return render(
        request,
        "arshjul/vy.html",
        {
            "form": form,
            "innehall": innehall,
            "ritning": ritad,
            "tidslinje": tidslinje,
            "manad": oppen,
            "manader": innehall.manader(),
            # Build status and versions belong to those who see the whole wheel.
            "status": selectors.byggstatus(
                list(_markerade(request.user).filter(pk__in=[h.pk for h in hjul], visa_hela=True)),
                ar,
            ),
            "ringar": [(ring, Ring(ring).label) for ring in RINGORDNING if ring in innehall.ringar],
            "stang": _utan_manad(request),
            "visa_hjul": len(hjul) > 1,
            "kan_planera": INSATSKALLA().kan_planera(request.user),
            "manadslank": _utan_manad(request) + "&manad=",
            "andra_vyn": _andra(request, "vy", "cirkel" if tidslinje else "tidslinje"),
            "forra_aret": _andra(request, "ar", ar - 1) if ar > FORSTA_AR else "",
            "nasta_aret": _andra(request, "ar", ar + 1) if ar < SISTA_AR else "",
        },
    )


def _andra(request, namn: str, varde) -> str:
    fraga = request.GET.copy()
    fraga[namn] = varde
    fraga.pop("manad", None)
    return f"{reverse('arshjul_vy')}?{fraga.urlencode()}"


def _utan_manad(request) -> str:
    fraga = request.GET.copy()
    fraga.pop("manad", None)
    return f"{reverse('arshjul_vy')}?{fraga.urlencode()}"


@login_required
@require_GET
def framsteg(request, kod: str, ar: int):
    """The build status of one wheel's year; htmx polls it while a build runs."""
    arshjul = hela_arshjulet_eller_404(request.user, kod, ar)
    [status] = selectors.byggstatus([arshjul], ar)
    mall = "arshjul/_status.html" if request.htmx else "arshjul/framsteg.html"
    return render(request, mall, {"s": status})


@login_required
@require_GET
def ar(request, kod: str, ar: int):
    """A wheel's year: build status, versions with their files, and the coordinator's tools."""
    arshjul = hela_arshjulet_eller_404(request.user, kod, ar)
    [status] = selectors.byggstatus([arshjul], ar)
    sida = Paginator(selectors.versioner(arshjul, ar), VERSIONER_PER_SIDA).get_page(
        request.GET.get("sida")
    )
    return render(
        request,
        "arshjul/ar.html",
        {"arshjul": arshjul, "ar": ar, "s": status, "sida": sida},
    )


@login_required
@require_GET
def rapport(request, kod: str, ar: int):
    """The build report of the latest version (or ?version=n): minimums, order, collisions."""
    arshjul = hela_arshjulet_eller_404(request.user, kod, ar)
    versioner = selectors.versioner(arshjul, ar).filter(status__in=FARDIGA)
    nummer = request.GET.get("version", "")
    if nummer:
        versioner = versioner.filter(nummer=int(nummer)) if nummer.isdigit() else versioner.none()
    version = versioner.first()
    if nummer and version is None:
        fel = _("Det finns ingen färdig version %(nummer)s.") % {"nummer": nummer}
        messages.error(request, fel)
    return render(
        request,
        "arshjul/rapport.html",
        {
            "arshjul": arshjul,
            "ar": ar,
            "version": version,
            "rapport": selectors.synlig_rapport(request.user, version.rapport) if version else None,
        },
    )


@login_required
@require_GET
def fil(request, kod: str, ar: int, nummer: int, format: str):
    """A version's SVG, PDF or ICS, for those who may see the whole wheel; logged."""
    if format not in lagring.FORMAT:
        raise Http404
    arshjul = hela_arshjulet_eller_404(request.user, kod, ar)
    version = (
        selectors.versioner(arshjul, ar)
        .select_related("arshjulsar__arshjul")
        .filter(nummer=nummer)
        .first()
    )
    if version is None or not getattr(version, format) or not lagring.finns(version, format):
        raise Http404
    logga(
        request.user,
        Atkomstlogg.Handling.LADDA_NED,
        [version],
        _("Nedladdning av årshjul (%(format)s)") % {"format": format.upper()},
    )
    return FileResponse(
        getattr(version, format).open("rb"),
        as_attachment=True,
        filename=f"{arshjul.kod}-{ar}-v{nummer}.{format}",
        content_type=lagring.INNEHALLSTYP[format],
    )
