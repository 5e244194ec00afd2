"""What the certificate register offers the homes: a teacher's newest certificates, and batches under way."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, IssueBatch
from core.waiting import Item, link

NEW_CERTIFICATE_DAYS = 30


def my_certificates(user):
    return Certificate.objects.for_user(user).order_by("-issued_on")[:5]


def waiting_for_teacher(user, today):
    return [
        Item(
            _("New certificates"),
            Certificate.objects.for_user(user)
            .filter(issued_on__gte=today - timedelta(days=NEW_CERTIFICATE_DAYS))
            .count(),
            link("certificates:list"),
        )
    ]


def waiting_for_methodist(user):
    """Batches queued or running, and those that failed this week: the methodist should know."""
    batches = IssueBatch.objects.for_user(user).filter(
        Q(state__in=[IssueBatch.State.QUEUED, IssueBatch.State.RUNNING])
        | Q(state=IssueBatch.State.FAILED, created_at__gte=timezone.now() - timedelta(days=7))
    )
    return [
        Item(
            _("Certificate batch: %(state)s") % {"state": batch.get_state_display()},
            batch.total,
            link("certificates:batch", batch.pk),
            detail=f"{batch.done} / {batch.total}",
        )
        for batch in batches.order_by("-created_at")[:3]
    ]
