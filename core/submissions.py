"""Every form is saved once, however often the same submission arrives.

Each form carries a one-time token (`FIELD`): `CrispyFormMixin` adds it to every form it lays out, and
`{% submission_token %}` to a form written by hand. `OncePerSubmissionMiddleware` claims the token in the
transaction that runs the view. A second arrival waits for the first to finish (PostgreSQL: the unique index;
SQLite: the write lock), finds the claim and is redirected where the first went, with a message instead of a
second row. A submission that did not save (the form came back with errors) gives its token back, so the
corrected form can be sent.
"""

import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Submission

FIELD = "submission"
KEPT_FOR = timedelta(days=2)  # a page resent later than this is a new submission


def new_token():
    return str(uuid.uuid4())


def token_of(data):
    """The token a form was rendered with, kept when it comes back with errors; a new one otherwise."""
    try:
        return str(uuid.UUID(str(data.get(FIELD, ""))))
    except ValueError:
        return new_token()


def _sent_token(request):
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


class OncePerSubmissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _sent_token(request)
        if token is None:
            return self.get_response(request)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = Submission.objects.create(user=request.user, token=token)
            except IntegrityError:
                return self._sent_before(request, token)
            response = self.get_response(request)
            if response.status_code in (301, 302, 303):
                claim.target = response["Location"]
                claim.save(update_fields=["target"])
            else:
                claim.delete()
            Submission.objects.filter(user=request.user, created_at__lt=timezone.now() - KEPT_FOR).delete()
        return response

    def _sent_before(self, request, token):
        target = Submission.objects.filter(user=request.user, token=token).values_list("target", flat=True).first()
        messages.info(request, _("This form had been sent already; it was saved once."))
        return redirect(target or request.get_full_path())
