import django_filters
from django.utils.translation import gettext_lazy as _

from core import clock
from core.search import UnicodeLower
from qualification.models import Course, CourseKind, Provider, RenewalState
from qualification.renewal import due_without_plan, state_filter
from schools.filters import BootstrapFilterSet, OrderingFilter, StaffFilter

UNPLANNED = "unplanned"


class RenewalStatusFilter(StaffFilter):
    """The staff filters plus the renewal state, and sorting by name, date or state."""

    state = django_filters.ChoiceFilter(label=_("State"), choices=RenewalState.choices, method="filter_state")
    attention = django_filters.ChoiceFilter(
        label=_("Needs"),
        choices=[(UNPLANNED, _("Overdue or due within 90 days, no course planned"))],
        method="filter_attention",
    )
    order = OrderingFilter(
        label=_("Sort by"),
        fields=(("surname", "name"), ("renewal__valid_until", "due"), ("renewal_rank", "state")),
        field_labels={"surname": _("Name"), "renewal__valid_until": _("Valid until"), "renewal_rank": _("State")},
    )

    class Meta(StaffFilter.Meta):
        fields = ["q", "school", "position", "subject", "state", "attention"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("is_active")  # only active staff have a renewal standing to show

    def qs_without(self, names):
        """What the filters other than `names` keep: the state counts are of everyone but the chosen state."""
        queryset = self.queryset.all()
        if self.is_bound:
            self.form.is_valid()  # cleaned_data then holds the fields that are valid, as for `qs`
            for name, value in self.form.cleaned_data.items():
                if name not in names:
                    queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_state(self, queryset, name, value):
        return queryset.filter(state_filter(value, clock.today()))

    def filter_attention(self, queryset, name, value):
        return due_without_plan(queryset, clock.today())


class CourseFilter(BootstrapFilterSet):
    title = django_filters.CharFilter(label=_("Title"), method="filter_title")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CourseKind.choices)

    class Meta:
        model = Course
        fields = ["title", "kind", "provider"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["provider"].queryset = Provider.objects.for_user(user)

    def filter_title(self, queryset, name, value):
        return queryset.annotate(title_lower=UnicodeLower("title")).filter(title_lower__contains=value.lower())
