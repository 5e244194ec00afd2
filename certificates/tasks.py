from django.tasks import task

from certificates.models import IssueBatch
from certificates.services import run_batch


@task
def issue_batch(batch_id):
    """Runs in the task worker (`manage.py db_worker`), or at once where no worker is configured."""
    run_batch(IssueBatch.objects.get(pk=batch_id))
