from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import F


class UserBackend(ModelBackend):
    """Django's own, loading with the user row what every page asks of it.

    The scope (`User.scope`) needs the office and its time zone: a methodist's office, a director's school and
    its office. The navigation asks whether the user has a staff record: its id is enough (`staff_record_id`).
    One query with joins on primary keys, instead of two more on a director's every page. The teacher's staff
    record, school and office are not joined: a hundred more columns on every user's page cost more than
    the teacher's one query for them.
    """

    RELATED = ("office", "school__office")

    def get_user(self, user_id):
        model = get_user_model()
        users = model._default_manager.select_related(*self.RELATED).annotate(staff_record_id=F("staff_member__id"))
        try:  # get(), not first(): no ORDER BY for a primary key
            user = users.get(pk=user_id)
        except model.DoesNotExist:
            return None
        if user.staff_record_id is None:  # known absent: `user.staff_member` asks the database no more
            model.staff_member.related.set_cached_value(user, None)
        return user if self.user_can_authenticate(user) else None
