"""The kernel's two tables: the history of every change, and the one-time tokens of submitted forms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One change to a record: who, when, how (form, import, bulk action) and which fields moved from what to what.

    Written by the services that change records (see `core.audit`), never edited afterwards.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        CHANGED = "changed", _("Changed")
        DELETED = "deleted", _("Deleted")

    class Source(models.TextChoices):
        FORM = "form", _("Form")
        IMPORT = "import", _("Import")
        BULK = "bulk", _("Bulk action")
        SYSTEM = "system", _("System")

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    parent_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    parent_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="The record this one is part of")
    action = models.CharField(max_length=10, choices=Action.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    changes = models.JSONField(default=dict, help_text="{field: [old, new]}")
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "schools_auditentry"  # kept from when the kernel lived in schools
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="audit_object_idx"),
            models.Index(fields=["parent_type", "parent_id", "at"], name="audit_parent_idx"),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class Submission(models.Model):
    """A form's one-time token, claimed by the first arrival of its POST (see `core.submissions`).

    The second arrival of the same submission (a double click, a resent page) finds the claim and is sent where
    the first went, so nothing is saved twice.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    target = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "schools_submission"
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="submission_once_per_user")]
        indexes = [models.Index(fields=["user", "created_at"], name="submission_user_age_idx")]

    def __str__(self):
        return f"{self.user_id}:{self.token}"
