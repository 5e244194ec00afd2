"""History of changes: services call these functions in the same transaction as the change they record."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.files import File
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.models import AuditEntry

Action = AuditEntry.Action
Source = AuditEntry.Source

# The records whose history the methodist can open (app_label.model_name). The parts of a record (a council's
# members, a meeting's decisions, a league's directions) name their record in `history_parent`, a path of
# foreign keys: their entries, a deletion among them, show in that record's history.
AUDITED = {
    "schools.school",
    "schools.staffmember",
    "qualification.provider",
    "qualification.course",
    "qualification.courserecord",
    "certificates.certificate",
    "certificates.certificatesettings",
    "mentorship.mentorshipsettings",
    "mentorship.track",
    "mentorship.mentorappointment",
    "mentorship.pair",
    "mentorship.activity",
    "mentorship.workplan",
    "methodcouncil.council",
    "methodcouncil.meeting",
    "partners.league",
    "partners.project",
    "partners.adoption",
    "partners.partnerorganisation",
}


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (date, datetime, Decimal)):
        return str(value)
    if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(sorted(str(item) for item in items))
    if isinstance(value, File):  # an upload or a stored file: its name, never its bytes
        return value.name or ""
    return value


def form_changes(form):
    """{field: [old, new]} for the fields a bound, valid ModelForm changed."""
    changes = {}
    for name in form.changed_data:
        if name not in form.fields or name == "version":
            continue
        old = form.initial.get(name)
        field = form.fields[name]
        if hasattr(field, "queryset") and old is not None:
            old = field.queryset.model._default_manager.filter(pk__in=old if isinstance(old, list) else [old])
            old = list(old) if isinstance(form.initial.get(name), list) else old.first()
        changes[name] = [_plain(old), _plain(form.cleaned_data.get(name))]
    return changes


@transaction.atomic
def save_form(form, *, actor):
    """Saves a valid ModelForm and records its entry in the same transaction; returns the saved object."""
    created = form.instance._state.adding
    obj = form.save()
    record_form(form, obj, created=created, actor=actor)
    return obj


@transaction.atomic
def save_formset(formset, *, actor):
    """Saves a valid model formset row by row, each row with its entry: added, changed or removed."""
    for form in formset.deleted_forms:
        if form.instance.pk:
            delete(form.instance, actor=actor)
    return [
        save_form(form, actor=actor)
        for form in formset.forms
        if form not in formset.deleted_forms and form.has_changed()
    ]


def record_form(form, obj, *, created, actor=None, note=""):
    """The entry for a ModelForm that has just saved `obj`: created, or changed with the fields it changed."""
    return record(
        obj, Action.CREATED if created else Action.CHANGED, actor=actor, changes=form_changes(form), note=note
    )


def record(obj, action, *, actor=None, changes=None, source=Source.FORM, note=""):
    about = _about(obj)
    if about["parent_id"] is not None and not note:
        note = str(obj)  # in its record's history, a part is known by its name
    return AuditEntry.objects.create(
        **about,
        action=action,
        source=source,
        changes={name: [_plain(old), _plain(new)] for name, (old, new) in (changes or {}).items()},
        note=note[:300],
        actor=actor,
    )


@transaction.atomic
def delete(obj, *, actor, note=""):
    """Deletes `obj` and leaves its entry, which keeps its name: the row it describes is gone."""
    entry = record(obj, Action.DELETED, actor=actor, note=note or str(obj))
    obj.delete()
    return entry


def parent_of(obj):
    """The record whose history shows `obj`'s entries, following the model's `history_parent`; None for a
    record of its own."""
    path = getattr(type(obj), "history_parent", None)
    if path is None:
        return None
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def _about(obj):
    parent = parent_of(obj)
    return {
        "content_type": ContentType.objects.get_for_model(type(obj)),
        "object_id": obj.pk,
        "parent_type": ContentType.objects.get_for_model(type(parent)) if parent is not None else None,
        "parent_id": parent.pk if parent is not None else None,
    }


def record_many(objects, action, *, actor=None, source=Source.BULK, note="", changes=None):
    """One entry per object, written in one statement: for imports and bulk actions."""
    objects = list(objects)
    if not objects:
        return []
    plain_changes = {name: [_plain(old), _plain(new)] for name, (old, new) in (changes or {}).items()}
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            **_about(obj),
            action=action,
            source=source,
            changes=plain_changes,
            note=note[:300],
            actor=actor,
        )
        for obj in objects
    )


def record_changes(items, *, actor=None, source=Source.IMPORT, action=Action.CHANGED):
    """`items` is [(object, {field: (old, new)})]: one entry each, written in one statement."""
    items = list(items)
    if not items:
        return []
    entries = []
    for obj, changes in items:
        about = _about(obj)
        entries.append(
            AuditEntry(
                **about,
                action=action,
                source=source,
                changes={name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()},
                # in its record's history, a part is known by its name (as `record` does)
                note=str(obj)[:300] if about["parent_id"] is not None else "",
                actor=actor,
            )
        )
    return AuditEntry.objects.bulk_create(entries)


def history_of(obj):
    """The entries of `obj` and of its parts, newest first."""
    content_type = ContentType.objects.get_for_model(type(obj))
    return AuditEntry.objects.filter(
        models.Q(content_type=content_type, object_id=obj.pk) | models.Q(parent_type=content_type, parent_id=obj.pk)
    ).select_related("actor", "content_type")


def _label_and_choices(model, name):
    """A recorded key's label and choices: a field's own, or those the model declares in `history_fields` for
    what it records besides fields (a certificate's status, a protocol's amendment)."""
    extra = getattr(model, "history_fields", {})
    if name in extra:
        return extra[name]
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name, None
    return field.verbose_name, field.flatchoices or None


def _shown(value, choices):
    if value is True or value is False:
        return _("Yes") if value else _("No")
    if choices and value is not None:
        return dict(choices).get(value, value)
    return value


def labelled_changes(model, changes):
    """[(label, old, new)] as the forms show them, in the reader's language: field labels and choice names
    instead of the stored keys."""
    shown = []
    for name, (old, new) in (changes or {}).items():
        label, choices = _label_and_choices(model, name)
        shown.append((capfirst(label), _shown(old, choices), _shown(new, choices)))
    return shown
