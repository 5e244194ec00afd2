from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    """Django's own, loading a methodist's office with the user row: every page needs its time zone."""

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("office").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
