from django import forms
from django.utils.translation import gettext_lazy as _

from karna.formular import Formular

PERSONLIGT, MYNDIGHET = "personligt", "myndighet"
NY_ADRESS, ATERKALLA = "ny_adress", "aterkalla"


class Flodeshandling(Formular):
    """A button on the subscription page: which feed, and a new address or revoking it."""

    flode = forms.ChoiceField(
        label=_("Flöde"),
        choices=[(PERSONLIGT, _("Ditt eget flöde")), (MYNDIGHET, _("Organisationens flöde"))],
    )
    handling = forms.ChoiceField(
        label=_("Handling"),
        choices=[(NY_ADRESS, _("Ny adress")), (ATERKALLA, _("Återkalla"))],
    )
