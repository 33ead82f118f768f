"""Session lifetime: idle timeout, absolute lifetime, and ending every session of a user.

Django already gives a new session id at login. Here each login is recorded against its session
key, so that deactivating an account, removing it from its organisation or deactivating the
organisation ends all of that user's sessions at once.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext as _

INLOGGAD = "_saminsats_inloggad"
SENAST_AKTIV = "_saminsats_senast_aktiv"
# Refresh the activity time at most this often, so that not every request writes the session.
UPPDATERINGSINTERVALL_SEKUNDER = 30


def _tid(session, nyckel) -> datetime | None:
    varde = session.get(nyckel)
    return datetime.fromisoformat(varde) if varde else None


def starta_session(request, user) -> None:
    """Called at login: stamp the session and remember its key for this user."""
    from myndigheter.models import Inloggning

    nu = timezone.now().isoformat()
    request.session[INLOGGAD] = nu
    request.session[SENAST_AKTIV] = nu
    request.session.save()
    Inloggning.objects.get_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )


def avsluta_sessioner(user_ids) -> int:
    """End every session of the given users; returns how many sessions ended."""
    from myndigheter.models import Inloggning

    inloggningar = Inloggning.objects.filter(user_id__in=list(user_ids))
    nycklar = list(inloggningar.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=nycklar).delete()
    inloggningar.delete()
    return len(nycklar)


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            utgangen = self._utgangen(request)
            if utgangen:
                logout(request)
                messages.info(request, utgangen)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _utgangen(self, request) -> str | None:
        nu = timezone.now()
        inloggad = _tid(request.session, INLOGGAD)
        senast = _tid(request.session, SENAST_AKTIV)
        if inloggad is None or senast is None:
            inloggad = inloggad or nu
            request.session[INLOGGAD] = inloggad.isoformat()
            senast = nu
            request.session[SENAST_AKTIV] = nu.isoformat()
        if nu - inloggad > settings.SESSION_ABSOLUTE_LIFETIME:
            return _("Du har loggats ut eftersom sessionens maximala längd har passerats.")
        if nu - senast > settings.SESSION_IDLE_TIMEOUT:
            return _("Du har loggats ut efter en tids inaktivitet.")
        if (nu - senast).total_seconds() >= UPPDATERINGSINTERVALL_SEKUNDER:
            request.session[SENAST_AKTIV] = nu.isoformat()
        return None
