import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import clock
from mentorship.evidence import CadenceState
from mentorship.models import (
    Activity,
    ActivityKind,
    AppointmentState,
    MentorAppointment,
    Pair,
    PairState,
    Track,
    appointment_state_filter,
)
from schools.filters import BootstrapFilterSet
from schools.models import School, StaffMember

IN_OFFICE = "in_office"


class AppointmentFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    track = django_filters.ModelChoiceFilter(label=_("Track"), queryset=Track.objects.none())
    school = django_filters.ModelChoiceFilter(
        label=_("School"), field_name="staff_member__school", queryset=School.objects.none()
    )
    # "In office" is active or ending soon: what the track cards count and link to.
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=[(IN_OFFICE, _("In office today")), *AppointmentState.choices], method="filter_state"
    )

    class Meta:
        model = MentorAppointment
        fields = ["q", "track", "school", "state"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["track"].queryset = Track.objects.for_user(user)
        self.offer_schools("school", user)

    def filter_name(self, queryset, name, value):
        return queryset.filter(staff_member__in=StaffMember.objects.search(value).values("pk"))

    def filter_state(self, queryset, name, value):
        if value == IN_OFFICE:
            return queryset.holding(clock.today())
        return queryset.filter(appointment_state_filter(value, clock.today()))


class PairFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Mentor or mentee"), method="filter_name")
    track = django_filters.ModelChoiceFilter(label=_("Track"), queryset=Track.objects.none())
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=School.objects.none(), method="filter_school")
    state = django_filters.ChoiceFilter(label=_("State"), choices=PairState.choices)

    class Meta:
        model = Pair
        fields = ["q", "track", "school", "state"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["track"].queryset = Track.objects.for_user(user)
        self.offer_schools("school", user)

    def filter_name(self, queryset, name, value):
        people = StaffMember.objects.search(value).values("pk")
        return queryset.filter(Q(mentee__in=people) | Q(appointment__staff_member__in=people))

    def filter_school(self, queryset, name, value):
        return queryset.filter(Q(mentee__school=value) | Q(appointment__staff_member__school=value))


class CalendarFilter(BootstrapFilterSet):
    track = django_filters.ModelChoiceFilter(label=_("Track"), queryset=Track.objects.none())
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices)
    host_school = django_filters.ModelChoiceFilter(label=_("Host school"), queryset=School.objects.none())
    logs = django_filters.BooleanFilter(
        label=_("Mentors' meetings with mentees"),
        method="filter_logs",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Activity
        fields = ["track", "kind", "host_school", "logs"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["track"].queryset = Track.objects.for_user(user)
        self.offer_schools("host_school", user)

    def filter_logs(self, queryset, name, value):
        # The calendar shows the programme's events; mentors' own meetings only when asked for.
        return queryset if value else queryset.filter(pair__isnull=True)


class CadenceFilter(PairFilter):
    """The cadence board's filters: the pairs' own, and their state against the meeting cadence."""

    state = django_filters.ChoiceFilter(
        label=_("Meeting cadence"), choices=CadenceState.choices, field_name="cadence_state"
    )
