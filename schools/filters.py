import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from schools.models import Position, School, StaffMember, Subject


class BootstrapFilterSet(django_filters.FilterSet):
    """Filter forms styled for Bootstrap through widget classes: cheap to render on every list page."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )
        return form


class StaffFilter(BootstrapFilterSet):
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
