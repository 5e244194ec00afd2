import django_filters
from django import forms
from django.forms.utils import pretty_name
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import plain
from schools.models import Position, School, StaffMember, Subject


class OrderingFilter(django_filters.OrderingFilter):
    """Sorting whose "(descending)" labels follow the reader's language.

    django-filter glues "%s (descending)" when the filter class is defined, at import, in whatever language
    is active then: Kyrgyz and Kazakh pages showed "ФИО (по убыванию)".
    """

    def build_choices(self, fields, labels):
        choices = []
        for field, param in fields.items():
            label = labels.get(field, pretty_name(param))
            choices.append((param, label))
            choices.append((f"-{param}", format_lazy(_("{label} (descending)"), label=label)))
        return choices


class BootstrapFilterSet(django_filters.FilterSet):
    """Filter forms styled for Bootstrap through widget classes: cheap to render on every list page."""

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            field.widget = plain(field.widget)
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
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
        if user.scope.school_id and not user.scope.everything:
            self.filters.pop("school")  # a director sees one school: a select of one is no choice
        else:
            self.filters["school"].queryset = School.objects.for_user(user)

    def filter_name(self, queryset, name, value):
        return queryset.search(value)
