import logging

from django.tasks import task
from django.utils import timezone

from qualification.models import Recomputation
from qualification.renewal import refresh_office

logger = logging.getLogger(__name__)


@task
def recompute_standing(recomputation_id):
    """Runs in the task worker (`manage.py db_worker`), or at once where no worker is configured."""
    run_recomputation(Recomputation.objects.get(pk=recomputation_id))


def run_recomputation(recomputation):
    """Judges everyone of the office again under the rule in force, noting progress after each chunk."""
    rows = Recomputation.objects.filter(pk=recomputation.pk)
    rows.update(state=Recomputation.State.RUNNING, done=0)

    def progress(done, total):
        rows.update(done=done, total=total)

    try:
        total = refresh_office(recomputation.office_id, progress=progress)
    except Exception:
        # A failure must not leave the rule page showing "being recomputed" for ever; the next daily run
        # (`refresh_offices_with_a_new_rule`) redoes an office whose standing names another rule.
        logger.exception("recomputation %s failed", recomputation.pk)
        rows.update(state=Recomputation.State.FAILED, finished_at=timezone.now())
        return
    rows.update(state=Recomputation.State.DONE, done=total, total=total, finished_at=timezone.now())
