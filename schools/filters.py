import django_filters
from django import forms
from django.forms.utils import pretty_name
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import versions
from core.forms import plain
from schools.models import Position, School, StaffMember, Subject


def school_options(user):
    """The reader's schools as (pk, name) options, kept in the shared cache under the office's version (every
    write to a school renews it). A school filter sits on most list pages: reading and building its fifty
    schools cost about a millisecond a page on the district bench."""
    return versions.cached_for(
        user.scope, "school-options", lambda: list(School.objects.for_user(user).values_list("pk", "name"))
    )


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

    def offer_schools(self, name, user):
        """The filter `name` chooses among the reader's schools: it validates against them, and offers them
        from the shared cache (`school_options`)."""
        self.filters[name].queryset = School.objects.for_user(user)
        self._school_filters = {**getattr(self, "_school_filters", {}), name: user}

    @property
    def form(self):
        if hasattr(self, "_form"):
            return self._form
        form = super().form
        for field in form.fields.values():
            field.widget = plain(field.widget)
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        for name, user in getattr(self, "_school_filters", {}).items():
            if name in form.fields:  # the field validates against its queryset; only what is shown is cached
                field = form.fields[name]
                field.widget.choices = [("", field.empty_label), *school_options(user)]
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
            self.offer_schools("school", user)

    def filter_name(self, queryset, name, value):
        return queryset.search(value)
