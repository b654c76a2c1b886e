from django.db import migrations


def seed(apps, schema_editor):
    from development.steps import seed as seed_steps

    seed_steps(apps.get_model("development", "RuleSet"), apps.get_model("development", "StepDefinition"))


class Migration(migrations.Migration):
    dependencies = [("development", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
