"""`core.forms.PlainSelect` writes its options in Python: what it offers must be what Django's own select offers."""

from html.parser import HTMLParser

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from core.forms import PlainSelect, PlainSelectMultiple

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)


class Options(HTMLParser):
    """The select's attributes and its options as (group, value, label, selected)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.attributes = None
        self.options = []
        self._group = None
        self._option = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.attributes = attrs
        elif tag == "optgroup":
            self._group = attrs["label"]
        elif tag == "option":
            self._option = [self._group, attrs["value"], "", "selected" in attrs]

    def handle_data(self, data):
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.options.append(tuple(self._option))
            self._option = None
        elif tag == "optgroup":
            self._group = None


def drawn(widget, value):
    return Options(widget.render("person", value, attrs={"id": "id_person", "required": True}))


@st.composite
def choices(draw):
    """Unique values (None among them, as a model choice's empty one), some of them in named groups."""
    values = draw(st.lists(st.one_of(st.none(), TEXT, st.integers()), unique_by=str, max_size=8))
    flat = [(value, draw(TEXT)) for value in values]
    cut = draw(st.integers(min_value=0, max_value=len(flat)))
    groups = [(draw(TEXT.filter(bool)), flat[cut:])] if flat[cut:] else []
    return flat[:cut] + groups


@given(choices=choices(), pick=st.integers(min_value=0, max_value=9))
def test_a_plain_select_offers_and_selects_what_djangos_select_does(choices, pick):
    values = [value for value, label in choices if not isinstance(label, list)]
    value = values[pick % len(values)] if values and pick < 8 else None
    django, plain = drawn(forms.Select(choices=choices), value), drawn(PlainSelect(choices=choices), value)
    assert plain.options == django.options
    assert plain.attributes == django.attributes


@given(choices=choices(), picks=st.lists(st.integers(min_value=0, max_value=9), max_size=4))
def test_a_plain_choice_of_several_offers_and_selects_what_djangos_does(choices, picks):
    values = [value for value, label in choices if not isinstance(label, list)]
    for _group, label in choices:
        if isinstance(label, list):
            values += [value for value, _label in label]
    value = [values[pick % len(values)] for pick in picks] if values else []
    django = drawn(forms.SelectMultiple(choices=choices), value)
    plain = drawn(PlainSelectMultiple(choices=choices), value)
    assert plain.options == django.options
    assert plain.attributes == django.attributes and "multiple" in plain.attributes


def test_a_plain_select_escapes_what_it_writes():
    html = PlainSelect(choices=[('"><script>', "<b>Өмүрова</b>")]).render("x", None)
    assert "<script>" not in html and "<b>" not in html
    assert Options(html).options == [(None, '"><script>', "<b>Өмүрова</b>", False)]
