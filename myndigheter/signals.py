"""Sessions follow the account: login stamps the session, deactivation ends every session. A
change that may narrow what a user sees (another organisation, a role or an LPO taken away)
keeps the scope the user had (``synlighet``), however the change is made."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from myndigheter.models import Anvandarprofil, Myndighet
from myndigheter.sessioner import avsluta_sessioner, starta_session
from myndigheter.synlighet import spara_tidigare_omfang


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
        spara_tidigare_omfang(instance.user)
        avsluta_sessioner([instance.user_id])


@receiver(post_delete, sender=Anvandarprofil)
def _profil_borttagen(sender, instance, **kwargs):
    avsluta_sessioner([instance.user_id])


@receiver(m2m_changed, sender=Group.user_set.through)
def _roller_tas_bort(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"pre_remove", "pre_clear"}:
        return
    if not reverse:
        roller = None
        if pk_set is not None:
            roller = list(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        spara_tidigare_omfang(instance, roller=roller)
        return
    anvandare = instance.user_set.all()
    if pk_set is not None:
        anvandare = anvandare.filter(pk__in=pk_set)
    for user in anvandare:
        spara_tidigare_omfang(user, roller=[instance.name])


@receiver(m2m_changed, sender=Anvandarprofil.lpo_scope.through)
def _lpoer_tas_bort(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"pre_remove", "pre_clear"}:
        return
    if not reverse:
        spara_tidigare_omfang(instance.user, lpoer=pk_set)
        return
    profiler = instance.anvandarprofil_set.select_related("user")
    if pk_set is not None:
        profiler = profiler.filter(pk__in=pk_set)
    for profil in profiler:
        spara_tidigare_omfang(profil.user, lpoer=[instance.pk])
