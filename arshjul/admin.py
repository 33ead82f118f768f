from django.contrib import admin
from django.utils import timezone

from arshjul import models
from arshjul.services.ombyggnad import begar_ombyggnad, planerade_ar
from myndigheter.admin import KallaAdmin


class ByggerOmAdmin(admin.ModelAdmin):
    """A change in the admin rebuilds the wheel years it touches, as a change on the pages does.

    Each subclass says which in ``paverkar(obj)``: a list of (wheel, year).
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for arshjul, ar in self.paverkar(form.instance):
            begar_ombyggnad(arshjul.pk, ar)

    def delete_model(self, request, obj):
        paverkade = self.paverkar(obj)
        super().delete_model(request, obj)
        for arshjul, ar in paverkade:
            begar_ombyggnad(arshjul.pk, ar)


def _planerade(arshjul) -> list[tuple]:
    return [(arshjul, ar) for ar in planerade_ar(arshjul)]


@admin.register(models.Arshjul)
class ArshjulAdmin(ByggerOmAdmin, KallaAdmin):
    list_display = ["namn", "kod", "agare", "aktiv", "ej_i_kallorna"]
    list_filter = ["aktiv", "ej_i_kallorna"]
    list_select_related = ["agare"]
    filter_horizontal = ["lpoer"]

    def paverkar(self, obj):
        return _planerade(obj)


class RotationsplatsInline(admin.TabularInline):
    model = models.Rotationsplats
    extra = 0


@admin.register(models.Samverkansorgan)
class SamverkansorganAdmin(ByggerOmAdmin, KallaAdmin):
    list_display = ["namn", "kod", "niva", "lpo", "ej_i_kallorna"]
    list_filter = ["niva", "ej_i_kallorna"]
    filter_horizontal = ["medlemmar", "enheter"]
    inlines = [RotationsplatsInline]

    def paverkar(self, obj):
        hjul = models.Arshjul.objects.filter(aktiv=True, regler__organ=obj).distinct()
        return [par for arshjul in hjul for par in _planerade(arshjul)]


@admin.register(models.Aterkommanderegel)
class AterkommanderegelAdmin(ByggerOmAdmin, KallaAdmin):
    list_display = ["namn", "arshjul", "typ", "regeltyp", "aktiv", "ej_i_kallorna"]
    list_filter = ["arshjul", "typ", "regeltyp", "aktiv", "ej_i_kallorna"]
    list_select_related = ["arshjul"]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def paverkar(self, obj):
        return _planerade(obj.arshjul)


class HandredigeradAdmin(ByggerOmAdmin):
    """Saved in the admin, a row is the coordinators' own: no build changes it again."""

    readonly_fields = ["regel", "forekomst", "handredigerad", "version", "andrad"]

    def save_model(self, request, obj, form, change):
        obj.handredigerad = True
        obj.andrad = timezone.now()
        if change:
            obj.version += 1
        self.satt_ar(obj)
        super().save_model(request, obj, form, change)


@admin.register(models.Arshjulshandelse)
class ArshjulshandelseAdmin(HandredigeradAdmin):
    list_display = ["titel", "arshjul", "typ", "start", "organ", "lpo", "handredigerad"]
    list_filter = ["arshjul", "typ", "handredigerad", "installd"]
    list_select_related = ["arshjul", "organ", "lpo"]
    search_fields = ["titel"]
    date_hierarchy = "start"
    filter_horizontal = ["deltagande_enheter", "deltagare"]
    readonly_fields = [*HandredigeradAdmin.readonly_fields, "ar"]

    def satt_ar(self, obj):
        obj.ar = timezone.localtime(obj.start).year

    def paverkar(self, obj):
        return [(obj.arshjul, obj.ar)]


@admin.register(models.Begransningsperiod)
class BegransningsperiodAdmin(HandredigeradAdmin):
    list_display = ["namn", "arshjul", "fran", "till", "niva", "lpo", "polisregion"]
    list_filter = ["arshjul", "niva", "handredigerad"]
    list_select_related = ["arshjul", "lpo", "polisregion"]
    readonly_fields = [*HandredigeradAdmin.readonly_fields, "ar"]

    def satt_ar(self, obj):
        obj.ar = obj.fran.year

    def paverkar(self, obj):
        return [(obj.arshjul, ar) for ar in range(obj.fran.year, obj.till.year + 1)]


@admin.register(models.Arshjulsversion)
class ArshjulsversionAdmin(admin.ModelAdmin):
    """Versions are made by builds and published on the wheel's page; here they are read."""

    list_display = ["arshjulsar", "nummer", "status", "byggd", "publicerad"]
    list_filter = ["status"]
    list_select_related = ["arshjulsar__arshjul"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Kalenderprenumeration)
class KalenderprenumerationAdmin(admin.ModelAdmin):
    """Who has a calendar address; deleting one revokes it. The token itself is never stored."""

    list_display = ["user", "skapad"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PrioriteringInline(admin.TabularInline):
    model = models.Prioritering
    fields = ["ordning", "kod", "namn", "beskrivning", "kalla", "ej_i_kallorna"]
    extra = 0


@admin.register(models.Lagesbildsperiod)
class LagesbildsperiodAdmin(KallaAdmin):
    list_display = ["namn", "kod", "fran", "till", "samverkansorgan", "ej_i_kallorna"]
    list_select_related = ["samverkansorgan"]
    filter_horizontal = ["organisationer"]
    inlines = [PrioriteringInline]


@admin.register(models.Prioritering)
class PrioriteringAdmin(KallaAdmin):
    list_display = ["namn", "kod", "period", "ordning", "ej_i_kallorna"]
    list_filter = ["period", "ej_i_kallorna"]
    list_select_related = ["period"]


@admin.register(models.Atgardspunkt)
class AtgardspunktAdmin(KallaAdmin):
    list_display = ["namn", "kod", "period", "prioritering", "ordning", "ej_i_kallorna"]
    list_filter = ["period", "ej_i_kallorna"]
    list_select_related = ["period", "prioritering"]
