"""Schools lets go of the history and submission models, which core now owns (see core 0001); tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('schools', '0011_reminder_preferences'),
        ('core', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.RemoveIndex(
            model_name='auditentry',
            name='audit_object_idx',
        ),
        migrations.RemoveIndex(
            model_name='auditentry',
            name='audit_parent_idx',
        ),
        migrations.RemoveIndex(
            model_name='submission',
            name='submission_user_age_idx',
        ),
        migrations.RemoveConstraint(
            model_name='submission',
            name='submission_once_per_user',
        ),
        migrations.RemoveField(
            model_name='submission',
            name='user',
        ),
        migrations.DeleteModel(
            name='AuditEntry',
        ),
        migrations.DeleteModel(
            name='Submission',
        ),
    ], database_operations=[]),
    ]
