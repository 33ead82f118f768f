"""Tokens of the service accounts: issued and revoked by an administrator. The secret is shown
once, when the token is created; only its hash is kept."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from api import services
from api.models import ApiToken
from karna.formular import Modellformular


class NyTokenForm(Modellformular):
    dagar = forms.IntegerField(
        label=_("giltig antal dagar"), min_value=1, max_value=1095, initial=services.STANDARD_DAGAR
    )

    class Meta:
        model = ApiToken
        fields = ["anvandare", "namn", "omfang"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "prefix",
        "namn",
        "anvandare",
        "omfang",
        "skapad",
        "giltig_till",
        "aterkallad",
        "senast_anvand",
    ]
    list_filter = ["omfang", ("aterkallad", admin.EmptyFieldListFilter)]
    list_select_related = ["anvandare"]
    search_fields = ["prefix", "namn", "anvandare__username"]
    readonly_fields = ["prefix", "skapad", "giltig_till", "aterkallad", "senast_anvand"]
    actions = ["aterkalla"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NyTokenForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["anvandare", "namn", "omfang", "dagar"]
        return ["anvandare", "namn", "omfang", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["anvandare", "namn", "omfang", *self.readonly_fields]

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, hemlighet = services.skapa_api_token(
            form.cleaned_data["anvandare"],
            form.cleaned_data["namn"],
            form.cleaned_data["omfang"],
            form.cleaned_data["dagar"],
        )
        obj.pk = token.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            _("Kopiera token nu; den visas inte igen: %(token)s") % {"token": hemlighet},
        )

    @admin.action(description=_("Återkalla valda token"))
    def aterkalla(self, request, queryset):
        for token in queryset.filter(aterkallad__isnull=True):
            services.aterkalla_api_token(token)
        self.message_user(request, _("Token är återkallade."), messages.SUCCESS)
