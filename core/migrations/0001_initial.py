"""The history and submission tables move from schools to the kernel: the tables stay as they are.

Only Django's picture of the models changes hands (`SeparateDatabaseAndState`); no row and no column moves.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('schools', '0011_reminder_preferences'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField()),
                ('parent_id', models.PositiveBigIntegerField(blank=True, help_text='The record this one is part of', null=True)),
                ('action', models.CharField(choices=[('created', 'Created'), ('changed', 'Changed'), ('deleted', 'Deleted')], max_length=10)),
                ('source', models.CharField(choices=[('form', 'Form'), ('import', 'Import'), ('bulk', 'Bulk action'), ('system', 'System')], default='form', max_length=10)),
                ('changes', models.JSONField(default=dict, help_text='{field: [old, new]}')),
                ('note', models.CharField(blank=True, max_length=300)),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('parent_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'history entry',
                'verbose_name_plural': 'history',
                'db_table': 'schools_auditentry',
                'ordering': ['-at', '-pk'],
                'indexes': [models.Index(fields=['content_type', 'object_id', 'at'], name='audit_object_idx'), models.Index(fields=['parent_type', 'parent_id', 'at'], name='audit_parent_idx')],
            },
        ),
        migrations.CreateModel(
            name='Submission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.UUIDField()),
                ('target', models.CharField(blank=True, max_length=1000)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'db_table': 'schools_submission',
                'indexes': [models.Index(fields=['user', 'created_at'], name='submission_user_age_idx')],
                'constraints': [models.UniqueConstraint(fields=('user', 'token'), name='submission_once_per_user')],
            },
        ),
    ], database_operations=[]),
    ]
