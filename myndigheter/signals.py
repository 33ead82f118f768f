"""Sessions follow the account: login stamps the session, deactivation ends every session."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from myndigheter.models import Anvandarprofil, Myndighet
from myndigheter.sessioner import avsluta_sessioner, starta_session


@receiver(user_logged_in)
def _inloggad(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        starta_session(request, user)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _konto_sparat(sender, instance, **kwargs):
    if not instance.is_active:
        avsluta_sessioner([instance.pk])


@receiver(post_save, sender=Myndighet)
def _organisation_sparad(sender, instance, **kwargs):
    if not instance.aktiv:
        avsluta_sessioner(instance.profiler.values_list("user_id", flat=True))


@receiver(pre_save, sender=Anvandarprofil)
def _profil_byter_organisation(sender, instance, **kwargs):
    if instance.pk is None:
        return
    tidigare = Anvandarprofil.objects.filter(pk=instance.pk).values_list(
        "organisation_id", flat=True
    )
    if tidigare and tidigare[0] != instance.organisation_id:
        avsluta_sessioner([instance.user_id])


@receiver(post_delete, sender=Anvandarprofil)
def _profil_borttagen(sender, instance, **kwargs):
    avsluta_sessioner([instance.user_id])
