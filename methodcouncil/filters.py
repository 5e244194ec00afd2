import django_filters
from django.utils.translation import gettext_lazy as _

from core import clock
from core.academic import academic_year_label
from methodcouncil.models import Council, Decision, DecisionStatus
from schools.filters import BootstrapFilterSet
from schools.models import School, StaffMember

THIS_WEEK = "week"


class DecisionFilter(BootstrapFilterSet):
    """The decisions board: by school (for the methodist), academic year, responsible person and state."""

    school = django_filters.ModelChoiceFilter(
        label=_("School"), field_name="agenda_item__meeting__council__school", queryset=School.objects.none()
    )
    year = django_filters.ChoiceFilter(
        label=_("Academic year"), field_name="agenda_item__meeting__council__academic_year"
    )
    responsible = django_filters.ModelChoiceFilter(label=_("Responsible"), queryset=StaffMember.objects.none())
    status = django_filters.ChoiceFilter(label=_("State"), choices=DecisionStatus.choices, method="filter_status")
    due = django_filters.ChoiceFilter(label=_("Deadline"), choices=[(THIS_WEEK, _("This week"))], method="filter_due")

    class Meta:
        model = Decision
        fields = ["school", "year", "responsible", "status", "due"]

    def __init__(self, *args, user, responsible_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_director:
            self.filters.pop("school")
        else:
            self.offer_schools("school", user)
        years = Council.objects.for_user(user).order_by("-academic_year").values_list("academic_year", flat=True)
        self.filters["year"].extra["choices"] = [(year, academic_year_label(year)) for year in dict.fromkeys(years)]
        self.filters["responsible"].queryset = responsible_queryset
        if not user.is_director and not self.data.get("school"):
            self.filters["responsible"].extra["empty_label"] = _("Choose a school first")

    def filter_status(self, queryset, name, value):
        return queryset.with_status_filter(value)

    def filter_due(self, queryset, name, value):
        return queryset.due_this_week(clock.today())
