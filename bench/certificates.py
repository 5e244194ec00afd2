"""The certificate figures of `make bench`: one certificate on demand, one signature, and 200 certificates issued by
Ustat, signed and unsigned, against the same 200 converted to PDF by LibreOffice, side by side in the same run.

Both sides print the same text, in the same font (DejaVu Serif) with the same QR image. LibreOffice gets
the best case: its 200 flat documents (.fodt) are written before the clock starts, one `soffice` converts
them all, its profile is made before the first round, and it writes only the 200 files. Ustat's time is the
whole batch as a methodist starts it: numbering, 200 stored PDFs, the merged print file and the ZIP. The two
take turns starting a round so that a machine that slows down slows each alike. LibreOffice does not sign, so the
≤ 0.5× goal of #14 is read without signing; the signature's cost is read from the signed and unsigned batches.
"""

import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

COUNT = 200


def _cpu_of(pid):
    """User + system seconds of a running process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_of(pid):
    """The process's peak resident memory so far, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _workers():
    from certificates import pdf

    return list(pdf._pool._processes) if pdf._pool is not None else []


def _self_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def ensure_libreoffice():
    """soffice, installed from the distribution's packages when missing and this is root (as `make test` does
    for Chromium); None when it cannot be."""
    if shutil.which("soffice"):
        return shutil.which("soffice")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "libreoffice-writer-nogui"], check=False)
    return shutil.which("soffice")


def _fodt(item):
    """One certificate as a flat OpenDocument text: the certificate template's lines, fonts and QR image."""
    certificate, words = item["certificate"], item["wording"]
    qr = item["qr"].split(",", 1)[1]

    def paragraph(style, text):
        return f'<text:p text:style-name="{style}">{escape(str(text))}</text:p>'

    lines = [paragraph("Office", name.upper()) for _code, name in words["office_names"]]
    lines.append(paragraph("Heading", " / ".join(str(heading) for _code, heading in words["headings"])))
    lines.append(paragraph("Serial", f"№ {certificate.serial}"))
    for number, block in enumerate(words["blocks"]):
        lines.append(paragraph("Lead", block.certifies))
        if number == 0:
            lines.append(paragraph("Holder", certificate.holder_name))
        lines += [paragraph("Lead", block.what), paragraph("Title", f"«{block.title}»")]
        lines.append(paragraph("Details", block.details))
    signature = [paragraph("Signatory", title) for _code, title in words["signatory_titles"]]
    signature.append(paragraph("Left", f"______________________ {certificate.signatory_name}"))
    signature += [paragraph("Issued", issued) for _code, issued in words["issued"]]
    verification = (
        '<text:p text:style-name="Code"><draw:frame draw:name="qr" text:anchor-type="as-char" '
        'svg:width="26mm" svg:height="26mm"><draw:image><office:binary-data>'
        f"{qr}</office:binary-data></draw:image></draw:frame></text:p>"
        + paragraph("Code", certificate.code)
        + paragraph("Url", item["verify_url"])
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0mm" fo:margin-bottom="1mm"/>
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="12pt" fo:color="#1b2a41"/>
 </style:default-style>
 <style:style style:name="Office" style:family="paragraph"><style:text-properties fo:font-size="10.5pt"/></style:style>
 <style:style style:name="Heading" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="6mm"/>
  <style:text-properties fo:font-size="26pt" fo:font-weight="bold" fo:color="#1f4e8c"/></style:style>
 <style:style style:name="Serial" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="5mm"/><style:text-properties fo:font-size="10pt"/></style:style>
 <style:style style:name="Lead" style:family="paragraph"><style:text-properties fo:color="#43536b"/></style:style>
 <style:style style:name="Holder" style:family="paragraph">
  <style:text-properties fo:font-size="24pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Details" style:family="paragraph"/>
 <style:style style:name="Left" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/></style:style>
 <style:style style:name="Signatory" style:family="paragraph" style:parent-style-name="Left">
  <style:paragraph-properties fo:margin-top="10mm"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Issued" style:family="paragraph" style:parent-style-name="Left">
  <style:text-properties fo:font-size="10pt"/></style:style>
 <style:style style:name="Code" style:family="paragraph">
  <style:text-properties fo:font-size="10.5pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Url" style:family="paragraph"><style:text-properties fo:font-size="6pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4Landscape">
  <style:page-layout-properties fo:page-width="297mm" fo:page-height="210mm" style:print-orientation="landscape"
   fo:margin="12mm" fo:padding="8mm" fo:border="3pt double #1f4e8c"/>
 </style:page-layout>
 <style:style style:name="Footer" style:family="table"><style:table-properties style:width="240mm"/></style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4Landscape"/>
</office:master-styles>
<office:body><office:text>
{"".join(lines)}
<table:table table:name="footer" table:style-name="Footer"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell>{"".join(signature)}</table:table-cell>
<table:table-cell>{verification}</table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document>
"""


def write_documents(items, folder):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, item in enumerate(items, start=1):
        path = folder / f"{number:03d}.fodt"
        path.write_text(_fodt(item), encoding="utf-8")
        paths.append(path)
    return paths


def convert_with_libreoffice(soffice, profile, paths, out):
    """Converts the documents to PDF in one soffice; returns (wall s, CPU s, peak MiB) of it and its children."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, paths),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    written = len(list(out.glob("*.pdf")))
    if process.returncode or written != len(paths):
        raise RuntimeError(f"soffice exited with {process.returncode} and wrote {written} of {len(paths)} PDFs")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def issue_with_ustat(record_ids, methodist):
    """One batch as the methodist starts it; returns (wall s, CPU s of this process and the workers, peak MiB,
    the batch)."""
    from certificates.models import IssueBatch
    from certificates.services import create_batch, run_batch

    workers_before = {pid: _cpu_of(pid) for pid in _workers()}
    cpu_before = _self_cpu()
    started = time.perf_counter()
    batch = run_batch(create_batch(record_ids=record_ids, layout="ky+ru", by=methodist))
    wall = time.perf_counter() - started
    batch.refresh_from_db()
    if batch.state != IssueBatch.State.DONE:
        raise RuntimeError(f"the batch failed: {batch.error}")
    workers = _workers()
    cpu = _self_cpu() - cpu_before + sum(_cpu_of(pid) - workers_before.get(pid, 0.0) for pid in workers)
    peak = max([resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, *map(_peak_of, workers)])
    return wall, cpu, peak, batch


def withdraw(batch):
    """Removes a bench batch's certificates, files and audit rows, so that the next round issues them anew."""
    from django.contrib.contenttypes.models import ContentType

    from certificates.models import Certificate
    from core.models import AuditEntry

    certificates = list(batch.certificates.all())
    for certificate in certificates:
        certificate.pdf.delete(save=False)
    batch.merged_pdf.delete(save=False)
    batch.zip_file.delete(save=False)
    batch.delete()
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Certificate), object_id__in=[c.pk for c in certificates]
    ).delete()
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).delete()


def _timed_ms(function):
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def signing_switch(office, folder):
    """Settings under which the office signs (a demo key in `folder`) and under which it does not."""
    from django.test import override_settings

    from certificates.demo_keys import ensure_demo_keys

    ensure_demo_keys(folder, [(office.code, office.name_ru, office.country)])
    return {
        True: lambda: override_settings(USTAT_SIGNING_DIR=folder),
        False: lambda: override_settings(USTAT_SIGNING_DIR=folder / "no-keys"),
    }


def certificate_figures(report, rounds=4, count=COUNT):
    from django.test import Client

    from certificates import signing
    from certificates.models import CertificateSettings
    from certificates.pdf import split_pages
    from certificates.services import print_items, render_certificates_pdf
    from qualification.certificates import issue_for_records
    from qualification.models import CourseRecord, RecordState
    from schools.models import DistrictOffice, User

    report.note("Certificates (in-process)")
    office = DistrictOffice.objects.order_by("pk").first()
    CertificateSettings.objects.get_or_create(
        office=office,
        defaults={"signatory_name": "Э. К. Токтосунов", "signatory_title": "Бөлүм башчысы", "default_layout": "ky+ru"},
    )
    methodist = User.objects.get(username="bench-methodist-0")
    record_ids = list(
        CourseRecord.objects.filter(staff_member__school__office=office, state=RecordState.CONFIRMED)
        .order_by("pk")
        .values_list("pk", flat=True)[: count + 1]
    )
    keys = Path(tempfile.mkdtemp(prefix="ustat-bench-keys-"))
    signing_on = signing_switch(office, keys)
    with signing_on[False]():
        _pdf, first, _existing = issue_for_records(record_ids=record_ids[:1], layout=None, by=methodist)
    render_certificates_pdf(first)
    times = [_timed_ms(lambda: render_certificates_pdf(first)) for _ in range(30)]
    report.add(
        "one certificate laid out and written on demand: median of 30", statistics.median(times), "ms", "aim ≤ 60 ms"
    )
    with signing_on[True]():
        keystore = signing.keystore_for(office)
        page = split_pages(render_certificates_pdf(first))[0]
        url = first[0].get_verification_url()
        signing.sign_certificate(page, first[0], keystore, url)  # opens the key once, as each worker does
        times = [_timed_ms(lambda: signing.sign_certificate(page, first[0], keystore, url)) for _ in range(30)]
    report.add(
        "signing one certificate's page (PAdES, RSA-2048): median of 30",
        statistics.median(times),
        "ms",
        f"{len(page) // 1024} KB page; pyHanko with the container reused (certificates.signing._Signer)",
    )

    for signed in (False, True):
        issued = []
        with signing_on[signed]():
            for _ in range(11):
                wall, _cpu, _peak, batch = issue_with_ustat(record_ids[1:2], methodist)
                issued.append(wall * 1000)
                withdraw(batch)
        report.add(
            f"one certificate issued as the methodist does (a batch of one), {'signed' if signed else 'unsigned'}: "
            "median of 10",
            statistics.median(issued[1:]),
            "ms",
            "numbering, layout, signature, stored PDF, print PDF and ZIP" if signed else "without a signing key",
        )

    client = Client()
    client.force_login(methodist)
    url = f"/certificates/{first[0].pk}/pdf/"
    times = [_timed_ms(lambda: b"".join(client.get(url).streaming_content)) for _ in range(20)]
    report.add("serving an issued PDF: median of 20", statistics.median(times), "ms", "stored file, no rendering")

    batch_ids = record_ids[1:]
    report.note(
        f"{len(batch_ids)} certificates: Ustat with signing and without it against LibreOffice, side by side, "
        f"{rounds} rounds each"
    )
    soffice = ensure_libreoffice()
    # The warm-up: Ustat starts its workers (which open the key) and gives the certificates LibreOffice prints.
    with signing_on[True]():
        _wall, _cpu, _peak, batch = issue_with_ustat(batch_ids, methodist)
    items = print_items(batch.certificates.order_by("pk"))
    withdraw(batch)
    if soffice is None:
        report.add("LibreOffice", "", "", "soffice is missing and cannot be installed here: no comparison")
        return
    sides = ["LibreOffice", "Ustat signed", "Ustat unsigned"]
    measured = {side: [] for side in sides}
    with tempfile.TemporaryDirectory(prefix="ustat-bench-") as folder:
        folder = Path(folder)
        paths = write_documents(items, folder / "documents")
        profile = folder / "profile"
        convert_with_libreoffice(soffice, profile, paths[:1], folder / "warm-up")
        load_before = os.getloadavg()[0]
        for number in range(1, rounds + 1):
            # Each round starts with another side, so that a machine that slows down slows each side alike.
            order = sides[number % 3 :] + sides[: number % 3]
            for side in order:
                if side == "LibreOffice":
                    measured[side].append(convert_with_libreoffice(soffice, profile, paths, folder / "pdf"))
                else:
                    with signing_on[side == "Ustat signed"]():
                        wall, cpu, peak, batch = issue_with_ustat(batch_ids, methodist)
                    measured[side].append((wall, cpu, peak))
                    withdraw(batch)
            (office_wall, office_cpu, _), (signed_wall, signed_cpu, peak), (plain_wall, plain_cpu, _) = (
                measured[side][-1] for side in sides
            )
            report.add(
                f"round {number} ({' then '.join(order)}): Ustat signed ÷ LibreOffice",
                signed_wall / office_wall,
                "×",
                f"unsigned {plain_wall / office_wall:.2f}×; Ustat signed {signed_wall:.2f} s wall, {signed_cpu:.2f} s "
                f"CPU, unsigned {plain_wall:.2f} s, {plain_cpu:.2f} s CPU, peak {peak:.0f} MiB per process; "
                f"LibreOffice {office_wall:.2f} s wall, {office_cpu:.2f} s CPU",
            )
    load_after = os.getloadavg()[0]

    def median(side, field=0):
        return statistics.median(row[field] for row in measured[side])

    def per_round(function):
        return statistics.median(function(*(measured[side][n] for side in sides)) for n in range(rounds))

    count = len(batch_ids)
    report.add(f"LibreOffice, {count} documents to PDF: median", median("LibreOffice"), "s", "one soffice")
    report.add(f"Ustat, {count} certificates issued and signed: median", median("Ustat signed"), "s", "")
    report.add(f"Ustat, {count} certificates issued unsigned: median", median("Ustat unsigned"), "s", "")
    report.add(
        "Ustat ÷ LibreOffice without signing: median of the rounds",
        per_round(lambda office, signed, plain: plain[0] / office[0]),
        "×",
        "wall; aim ≤ 0.5× (LibreOffice does not sign)",
    )
    report.add(
        "Ustat ÷ LibreOffice with signing: median of the rounds",
        per_round(lambda office, signed, plain: signed[0] / office[0]),
        "×",
        "wall",
    )
    report.add(
        "signing's share of the batch: median of the rounds",
        100 * per_round(lambda office, signed, plain: signed[0] / plain[0] - 1),
        "%",
        "wall, signed ÷ unsigned − 1; aim ≤ 20 %",
    )
    report.add(
        "signing cost per certificate in the batch: median of the rounds",
        1000 * per_round(lambda office, signed, plain: (signed[1] - plain[1]) / count),
        "ms",
        f"CPU seconds of this process and the workers, signed − unsigned, ÷ {count}; "
        f"wall: {1000 * per_round(lambda office, signed, plain: (signed[0] - plain[0]) / count):.1f} ms",
    )
    report.add(
        "Ustat unsigned ÷ LibreOffice, CPU seconds: median of the rounds",
        per_round(lambda office, signed, plain: plain[1] / office[1]),
        "×",
        f"{os.cpu_count()} cores; load average {load_before:.1f} before the rounds, {load_after:.1f} after "
        "(above the cores, other work took the second core from Ustat's workers)",
    )
