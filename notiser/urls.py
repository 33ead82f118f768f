"""What waits for the user, the notification list, marking read, the e-mail preferences."""

from django.urls import path

from notiser import views

urlpatterns = [
    path("mina-uppgifter/", views.mina_uppgifter, name="mina_uppgifter"),
    path("notiser/", views.lista, name="notiser"),
    path("notiser/lasta/", views.markera_alla, name="markera_alla_notiser"),
    path("notiser/<int:pk>/last/", views.markera, name="markera_notis"),
    path("notiser/<int:pk>/oppna/", views.oppna, name="oppna_notis"),
    path("notiser/installningar/", views.installningar, name="notisinstallningar"),
]
