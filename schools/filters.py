import django_filters
from django.utils.translation import gettext_lazy as _

from schools.models import Position, School, StaffMember, Subject


class StaffFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="filter_name")
    school = django_filters.ModelChoiceFilter(label=_("School"), queryset=School.objects.none())
    position = django_filters.ChoiceFilter(label=_("Position"), choices=Position.choices)
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), field_name="subjects", queryset=Subject.objects.all()
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = StaffMember
        fields = ["q", "school", "position", "subject", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = School.objects.for_user(user)

    def filter_name(self, queryset, name, value):
        return queryset.search(value)
