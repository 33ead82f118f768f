from django.db import migrations, models
import pgtrigger.compiler
import pgtrigger.migrations


class Migration(migrations.Migration):
    dependencies = [
        ("insatser", "0014_frislappning"),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name="deltagande",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="deltagande",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="deltagande",
            name="delete_delete",
        ),
        migrations.AddField(
            model_name="deltagande",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="deltagandeevent",
            name="version",
            field=models.PositiveIntegerField(default=1, verbose_name="version"),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="deltagande",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "insatser_deltagandeevent" ("besvarad", "enhet_id", "id", "insats_id", "kontaktfunktion", "organisation_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "planerat_antal", "roll", "svar", "version") VALUES (NEW."besvarad", NEW."enhet_id", NEW."id", NEW."insats_id", NEW."kontaktfunktion", NEW."organisation_id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."planerat_antal", NEW."roll", NEW."svar", NEW."version"); RETURN NULL;',
                    hash="c878db541789803ec316fcd22804249f5347b56a",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_4668c",
                    table="insatser_deltagande",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="deltagande",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "insatser_deltagandeevent" ("besvarad", "enhet_id", "id", "insats_id", "kontaktfunktion", "organisation_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "planerat_antal", "roll", "svar", "version") VALUES (NEW."besvarad", NEW."enhet_id", NEW."id", NEW."insats_id", NEW."kontaktfunktion", NEW."organisation_id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."planerat_antal", NEW."roll", NEW."svar", NEW."version"); RETURN NULL;',
                    hash="bb7b762200fc5115e692107a1f97b80643bb43a4",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_23b2c",
                    table="insatser_deltagande",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="deltagande",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "insatser_deltagandeevent" ("besvarad", "enhet_id", "id", "insats_id", "kontaktfunktion", "organisation_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "planerat_antal", "roll", "svar", "version") VALUES (OLD."besvarad", OLD."enhet_id", OLD."id", OLD."insats_id", OLD."kontaktfunktion", OLD."organisation_id", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."planerat_antal", OLD."roll", OLD."svar", OLD."version"); RETURN NULL;',
                    hash="b3119788bf0554e159cbd0388f9da6a5bdbb1491",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_6398e",
                    table="insatser_deltagande",
                    when="AFTER",
                ),
            ),
        ),
    ]
