import pgtrigger.migrations
from django.db import migrations


class Migration(migrations.Migration):
    """The access log moved to the shared machinery (``karna``): its rows come along."""

    dependencies = [
        ("myndigheter", "0006_rollhistorik"),
        ("karna", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                """
                INSERT INTO karna_atkomstlogg
                    (id, tid, anvandare_id, anvandarnamn, organisation, roller, objekttyp,
                     objekt_id, handling, syfte, request_id)
                SELECT id, tid, anvandare_id, anvandarnamn, organisation, roller, objekttyp,
                       objekt_id, handling, syfte, request_id
                FROM myndigheter_atkomstlogg
                """,
                """
                SELECT setval(pg_get_serial_sequence('karna_atkomstlogg', 'id'),
                              COALESCE((SELECT MAX(id) FROM karna_atkomstlogg), 1),
                              (SELECT COUNT(*) > 0 FROM karna_atkomstlogg))
                """,
            ],
            reverse_sql=migrations.RunSQL.noop,
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="atkomstlogg",
            name="atkomstlogg_append_only",
        ),
        migrations.DeleteModel(
            name="Atkomstlogg",
        ),
        # Removing a trigger leaves its function behind.
        migrations.RunSQL(
            sql="DROP FUNCTION IF EXISTS pgtrigger_atkomstlogg_append_only_07840()",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
