from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from certificates import badges, signing, sources
from certificates.models import Certificate, CertificateSettings, IssueBatch, Layout, WrongGuesses, normalise_code
from certificates.pdf_check import check_document
from certificates.services import BATCH_SOURCE, CertificateError, create_batch, reissue, replacement_refused, revoke
from certificates.tasks import issue_batch
from core import audit
from core.addresses import client_address
from core.forms import CrispyFormMixin
from core.pagination import paginate
from core.scoping import Role, own_office_id, role_required
from core.search import UnicodeLower, search_text
from core.uploads import FileContentValidator
from schools.models import DistrictOffice

WRONG_GUESS_LIMIT = 10
WRONG_GUESS_WINDOW = 15 * 60


class RevokeForm(CrispyFormMixin, forms.Form):
    submit_label = gettext_lazy("Revoke the certificate")
    reason = forms.CharField(
        label=gettext_lazy("Reason for revoking"),
        max_length=300,
        help_text=gettext_lazy("It stays in the certificate's history; the public page shows only that it is revoked."),
    )


class DocumentCheckForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("The certificate as a PDF file"),
        validators=[FileContentValidator(kinds=("pdf",))],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class IssueForm(forms.Form):
    layout = forms.ChoiceField(label=gettext_lazy("Language layout"), choices=Layout.choices)


class SettingsForm(CrispyFormMixin, forms.ModelForm):
    class Meta:
        model = CertificateSettings
        fields = [
            "signatory_name",
            "signatory_title",
            "signatory_title_ky",
            "signatory_title_kk",
            "signatory_title_ru",
            "default_layout",
        ]


def certificate_list(request):
    certificates = Certificate.objects.for_user(request.user).select_related("holder", "holder__school")
    query = search_text(request.GET)
    if query:
        certificates = certificates.annotate(name_lower=UnicodeLower("holder_name")).filter(
            name_lower__contains=query.lower()
        )
    page = paginate(request, certificates)
    return render(
        request,
        "certificates/list.html",
        {"page": page, "query": query, "credential_offices": _offices_with_credentials(page.object_list)},
    )


def _offices_with_credentials(certificates):
    """The offices among these certificates' that sign credentials (the others' rows offer no credential)."""
    offices = DistrictOffice.objects.filter(pk__in={certificate.office_id for certificate in certificates})
    return {office.pk for office in offices.select_related("certificate_settings") if badges.can_sign(office)}


def certificate_detail(request, pk):
    certificate = get_object_or_404(
        Certificate.objects.for_user(request.user).select_related("holder", "issued_by", "revoked_by", "supersedes"),
        pk=pk,
    )
    can_manage = request.user.is_methodist
    return render(
        request,
        "certificates/detail.html",
        {
            "certificate": certificate,
            "can_manage": can_manage,
            "can_replace": can_manage and not replacement_refused(certificate),
            "has_credential": badges.can_sign(certificate.office),
        },
    )


def certificate_download(request, pk):
    """Serves the PDF made at issue; nothing is rendered again."""
    certificate = get_object_or_404(Certificate.objects.for_user(request.user), pk=pk)
    if not certificate.pdf:
        raise Http404
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=certificate.download_name(),
        content_type="application/pdf",
    )


def certificate_credential(request, pk):
    """The certificate as an Open Badges 3.0 credential (a signed JWT), for the holder's wallet or CV."""
    certificate = get_object_or_404(Certificate.objects.for_user(request.user).select_related("office"), pk=pk)
    return _credential_response(certificate)


def _credential_response(certificate):
    try:
        token = badges.credential_jwt(certificate)
    except (badges.NoSigningKey, signing.SigningError):
        raise Http404 from None
    return HttpResponse(
        token,
        content_type="application/vc+jwt",
        headers={"Content-Disposition": content_disposition_header(True, f"{certificate.serial}.jwt")},
    )


class IssueChoiceForm(forms.Form):
    course = forms.TypedChoiceField(label=gettext_lazy("Course"), coerce=int, required=False)

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", _("Choose a course")), *groups]
        self.fields["course"].widget.attrs["class"] = "form-select"


@role_required(Role.METHODIST)
def issue(request):
    """The methodist chooses a course, then issues certificates for its confirmed records that have none (a
    cohort at once): newest first, a page at a time. The page listed every such record of the office before, up
    to five hundred: 138 ms on the district bench, whose history holds 50,000."""
    source = sources.named(BATCH_SOURCE)
    choice = IssueChoiceForm(request.GET, groups=source.groups(request.user))
    course_id = choice.cleaned_data["course"] if choice.is_valid() else None
    page = paginate(request, source.candidates(request.user, course_id)) if course_id else None
    office_settings = CertificateSettings.objects.for_user(request.user).first()
    form = IssueForm(
        request.POST or None, initial={"layout": office_settings.default_layout if office_settings else Layout.RUSSIAN}
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_ids = [int(value) for value in request.POST.getlist("records")]
            batch = create_batch(record_ids=record_ids, layout=form.cleaned_data["layout"], by=request.user)
        except ValueError:
            messages.error(request, _("Choose course records from the list."))
        except CertificateError as error:
            messages.error(request, error.message)
        else:
            issue_batch.enqueue(batch.pk)
            return redirect("certificates:batch", pk=batch.pk)
    context = {"choice": choice, "page": page, "form": form, "settings_missing": office_settings is None}
    return render(request, "certificates/issue.html", context)


@role_required(Role.METHODIST)
def batch_detail(request, pk):
    batch = get_object_or_404(IssueBatch.objects.for_user(request.user), pk=pk)
    return render(request, "certificates/batch.html", {"batch": batch})


@role_required(Role.METHODIST)
def batch_download(request, pk, kind):
    batch = get_object_or_404(IssueBatch.objects.for_user(request.user), pk=pk)
    files = {"pdf": (batch.merged_pdf, "application/pdf"), "zip": (batch.zip_file, "application/zip")}
    file, content_type = files.get(kind, (None, None))
    if not file:
        raise Http404
    name = _("certificates-%(number)s") % {"number": batch.pk}
    return FileResponse(file.open("rb"), as_attachment=True, filename=f"{name}.{kind}", content_type=content_type)


@role_required(Role.METHODIST)
def certificate_revoke(request, pk):
    """Asks for the reason and says what revoking does before it is done."""
    certificate = get_object_or_404(Certificate.objects.for_user(request.user), pk=pk)
    if certificate.status != "valid":
        messages.error(request, _("Only a valid certificate can be revoked."))
        return redirect(certificate)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
        except CertificateError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The certificate is revoked. Its verification page now says so."))
        return redirect(certificate)
    return render(request, "certificates/revoke.html", {"certificate": certificate, "form": form})


@require_POST
@role_required(Role.METHODIST)
def certificate_reissue(request, pk):
    certificate = get_object_or_404(Certificate.objects.for_user(request.user), pk=pk)
    try:
        new = reissue(certificate=certificate, by=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
        return redirect(certificate)
    messages.success(request, _("A new certificate %(serial)s replaces the old one.") % {"serial": new.serial})
    return redirect(new)


@role_required(Role.METHODIST)
def settings_edit(request):
    instance = CertificateSettings.objects.for_user(request.user).first()
    form = SettingsForm(request.POST or None, instance=instance)
    form.instance.office_id = own_office_id(request.user)
    if request.method == "POST" and form.is_valid():
        audit.save_form(form, actor=request.user)
        messages.success(request, _("Certificate settings saved."))
        return redirect("certificates:list")
    office = get_object_or_404(DistrictOffice.objects.for_user(request.user), pk=own_office_id(request.user))
    return render(request, "certificates/settings.html", {"form": form, "office": office, **_signing_state(office)})


def _signing_state(office):
    """What the settings page says about the office's signing key: whose it is and until when, or what is wrong."""
    try:
        keystore = signing.keystore_for(office)
        identity = signing.identity(keystore) if keystore else None
    except signing.SigningError as error:
        return {"signing_problem": error.message}
    return {"signing_identity": identity, "signs_credentials": identity is not None and badges.can_sign(office)}


# Public verification -----------------------------------------------------------------------------------


def _too_many_wrong_guesses(request):
    return WrongGuesses.objects.filter(
        address=client_address(request), window_ends__gt=timezone.now(), count__gte=WRONG_GUESS_LIMIT
    ).exists()


def _count_wrong_guess(request):
    """One more wrong guess from this address; a window that has ended starts again at one."""
    address, now = client_address(request), timezone.now()
    ends = now + timedelta(seconds=WRONG_GUESS_WINDOW)
    in_window = Q(window_ends__gt=now)

    def count_on_the_row():
        return WrongGuesses.objects.filter(address=address).update(
            count=Case(When(in_window, then=F("count") + 1), default=Value(1)),
            window_ends=Case(When(in_window, then=F("window_ends")), default=Value(ends)),
        )

    if count_on_the_row():
        return
    try:
        with transaction.atomic():
            WrongGuesses.objects.create(address=address, count=1, window_ends=ends)
    except IntegrityError:  # another guess from the address created the row first
        count_on_the_row()
    WrongGuesses.objects.filter(window_ends__lt=now - timedelta(days=1)).delete()


@login_not_required
def verify(request):
    code = request.GET.get("code", "").strip()
    error = ""
    if code:
        normalised = normalise_code(code)
        if normalised:
            return redirect("verify_code", code=normalised)
        error = _("A code has 16 letters and digits, like 7KQ2-M9XD-4HTC-B3RF.")
    return render(
        request, "certificates/verify.html", {"code": code, "error": error, "document_form": DocumentCheckForm()}
    )


@login_not_required
def verify_code(request, code):
    if _too_many_wrong_guesses(request):
        return render(request, "certificates/verify_limited.html", status=429)
    normalised = normalise_code(code)
    certificate = (
        Certificate.objects.filter(code=normalised).select_related("superseded_by", "office").first()
        if normalised
        else None
    )
    if certificate is None:
        _count_wrong_guess(request)
        return render(request, "certificates/verify_unknown.html", {"code": code}, status=404)
    if normalised != code:
        return redirect("verify_code", code=normalised)
    return render(
        request,
        "certificates/verify_result.html",
        {"certificate": certificate, "has_credential": badges.can_sign(certificate.office)},
    )


# Checking a PDF, and the credentials' public documents ---------------------------------------------------


@login_not_required
def verify_document(request):
    """Checks an uploaded PDF: its signature, whether it is the register's file, and the register's state. The
    upload is read in memory (or a temporary file for a large one) and kept nowhere."""
    if request.method != "POST":
        return redirect("verify")
    if _too_many_wrong_guesses(request):
        return render(request, "certificates/verify_limited.html", status=429)
    form = DocumentCheckForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "certificates/verify.html", {"document_form": form}, status=400)
    upload = form.cleaned_data["document"]
    upload.seek(0)
    check = check_document(upload.read())
    if not check.genuine:
        # A check that finds nothing counts as a wrong guess: the page cannot be used to try forged files freely.
        _count_wrong_guess(request)
    return render(request, "certificates/verify_document.html", {"check": check, "certificate": check.certificate})


@login_not_required
def verify_credential(request, code):
    """A certificate's credential for whoever has its code (the verification page links to it)."""
    if _too_many_wrong_guesses(request):
        return render(request, "certificates/verify_limited.html", status=429)
    normalised = normalise_code(code)
    certificate = Certificate.objects.filter(code=normalised).select_related("office").first() if normalised else None
    if certificate is None:
        _count_wrong_guess(request)
        raise Http404
    return _credential_response(certificate)


def _signing_office(pk):
    office = get_object_or_404(DistrictOffice, pk=pk)
    if not badges.can_sign(office):
        raise Http404
    return office


@login_not_required
def credential_issuer(request, pk):
    """The office's DID document (did:web), public: it holds only the office's public key and certificates."""
    document = badges.did_document(_signing_office(pk))
    response = JsonResponse(document, content_type="application/did+json", json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
def credential_status(request, pk):
    """The office's revocation list (a Bitstring Status List credential), public and made anew on every request."""
    token = badges.status_list_jwt(_signing_office(pk))
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response
