from django.db import migrations

ROLLER = [
    "ADMIN",
    "SAMORDNARE",
    "MYNDIGHETSKONTAKT",
    "HANDLAGGARE",
    "OPERATIV_SAMORDNARE",
    "INSATSPOLIS",
    "POLISLEDNING",
    "LEDNINGSGRUPP",
    "API_KLIENT",
]


def skapa_rollgrupper(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for namn in ROLLER:
        Group.objects.get_or_create(name=namn)


def ta_bort_rollgrupper(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLLER).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("myndigheter", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(skapa_rollgrupper, ta_bort_rollgrupper)]
