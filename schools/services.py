from datetime import date

from django.db import transaction

from schools.models import School, StaffTransfer


@transaction.atomic
def staff_member_save(*, form, by):
    """Saves a staff form; a change of school is kept as a transfer so the person's history stays whole."""
    moved_from_id = form.initial.get("school") if form.instance.pk and "school" in form.changed_data else None
    staff_member = form.save()
    if moved_from_id:
        StaffTransfer.objects.create(
            staff_member=staff_member,
            from_school=School.objects.get(pk=moved_from_id),
            to_school=staff_member.school,
            moved_on=date.today(),
            recorded_by=by,
        )
    return staff_member
