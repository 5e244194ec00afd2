from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UserBackend(ModelBackend):
    """Django's own, loading with the user row what every page asks of it.

    The scope (`User.scope`) needs the office and its time zone: a methodist's office, a director's school and
    its office, a teacher's staff record, its school and office. The navigation asks whether the user has a
    staff record. One query with joins on primary keys, instead of one to three more on every page.
    """

    RELATED = ("office", "school__office", "staff_member__school__office")

    def get_user(self, user_id):
        model = get_user_model()
        try:  # get(), not first(): no ORDER BY for a primary key
            user = model._default_manager.select_related(*self.RELATED).get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
