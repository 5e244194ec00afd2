"""Form pieces every app uses: the crispy layout with its one-time token, the stale-edit guard, a date input,
a select drawn without a template per option."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Hidden, Submit
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core import submissions


class CrispyFormMixin:
    """Lays a form out with its submit button and its one-time token (`core.submissions`)."""

    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = plain(field.widget)
        self.helper = FormHelper()
        # Ustat's own messages, in the reader's language, instead of the browser's bubble in the browser's.
        self.helper.attrs = {"novalidate": ""}
        self.helper.add_input(Hidden(submissions.FIELD, submissions.token_of(self.data)))
        self.helper.add_input(Submit("submit", self.submit_label))


class StaleEditGuard(forms.ModelForm):
    """Refuses to overwrite a record that someone else saved after this form was opened.

    The form carries the record's `updated_at` as it was when the page was shown; if the stored one has
    moved on by the time the form comes back, the second editor is told instead of silently winning.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.is_bound:
            stored = (
                type(self.instance).objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
            )
            if stored and cleaned.get("version") != stored.isoformat():
                raise forms.ValidationError(
                    _(
                        "Someone else saved this record after you opened it. Copy what you typed, reload the page "
                        "to see their changes, then make yours again."
                    ),
                    code="stale",
                )
        return cleaned


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlainSelect(forms.Select):
    """A select whose options are written in Python, not with a template each.

    Filter forms sit on every list page and their subject and school lists run to a hundred options; at
    about 0.1 ms per option template, the form cost more than the table under it. The minutes' formsets
    draw a select of the school's staff on every row: 40 ms a page on the district bench.
    """

    def render(self, name, value, attrs=None, renderer=None):
        # As Django's Select.optgroups: a None value is "" (outside groups), and only the first match is selected
        # unless several may be.
        chosen = set(self.format_value(value))
        parts, has_selected = [], False
        for group, label in self.choices:
            grouped = isinstance(label, (list, tuple))
            options = []
            for option, option_label in label if grouped else [("" if group is None else group, label)]:
                selected = (not has_selected or self.allow_multiple_selected) and str(option) in chosen
                has_selected |= selected
                options.append((option, " selected" if selected else "", option_label))
            drawn = format_html_join("", '<option value="{}"{}>{}</option>', options)
            parts.append(format_html('<optgroup label="{}">{}</optgroup>', group, drawn) if grouped else drawn)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), mark_safe("".join(parts)))


class PlainSelectMultiple(PlainSelect, forms.SelectMultiple):
    """`PlainSelect` for a choice of several (a log entry's participants: a district's mentors and mentees)."""


def plain(widget):
    """Django's own Select or SelectMultiple as its `PlainSelect` equivalent; any other widget as it is."""
    kind = {forms.Select: PlainSelect, forms.SelectMultiple: PlainSelectMultiple}.get(type(widget))
    return kind(attrs=widget.attrs, choices=widget.choices) if kind else widget
