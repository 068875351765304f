"""Attachments: members get clean copies; the originals stay sealed until a chair releases one.

Over real SMTP: a photo with the reporter's name and GPS in its EXIF and a zip archive (never
opened) come in with a report about Sam Rivera (Bo is conflicted). Ana and Chidi receive
the photo without its metadata and a line saying the archive was withheld; `mailrouter
case release` sends the exact original archive to the members on the case, logged.
"""

import io
import subprocess
import sys
import time
import zipfile
from email.message import EmailMessage
from email.policy import SMTP

from PIL import Image

from harness import RunningDaemon, load, write_config

REPORTER, NAME = "noa.fischer@example.net", "Noa Fischer"


def photo_with_exif():
    exif = Image.Exif()
    exif[0x013B] = NAME                               # Artist
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}    # GPS latitude
    out = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def archive():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        # a fixed date: the archive must be the same bytes each time it is built
        package.writestr(zipfile.ZipInfo("screenshots/noa-fischer-1.png", (2026, 11, 2, 9, 0, 0)), b"not really a png")
    return out.getvalue()


def report_with_attachments():
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = f"{NAME} <{REPORTER}>", "conduct@example.org", "Sam Rivera"
    msg.set_content("Sam Rivera shouted at me; photo and screenshots attached.\n")
    msg.add_attachment(photo_with_exif(), maintype="image", subtype="jpeg", filename="photo.jpg")
    msg.add_attachment(archive(), maintype="application", subtype="zip", filename="screens.zip")
    return msg.as_bytes(policy=SMTP)


def forwards(sink):
    return [m for m in sink.all() if "New report" in str(m["Subject"])]


def test_clean_copies_then_a_logged_release_of_the_sealed_original(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        assert running.send(report_with_attachments(), mail_from=REPORTER)[0] == 250
        running.run_until_idle()
        code = running.store.codes()[0]
        sent = forwards(sink)
        assert sorted(m.rcpt_tos[0] for m in sent) == ["ana@example.org", "chidi@example.org"]
        for forward in sent:
            parts = {p.get_filename(): p for p in forward.msg.iter_attachments()}
            assert list(parts) == ["photo.jpg"]                        # the archive is withheld
            image = Image.open(io.BytesIO(parts["photo.jpg"].get_payload(decode=True)))
            assert NAME not in str(dict(image.getexif())) and 0x8825 not in image.getexif()
            assert "Withheld: screens.zip (application/zip" in forward.text()
            assert "archives are never opened" in forward.text() and "attachment 2" in forward.text()
        listed = running.store.get(code)["attachments"]
        assert [(a["number"], a["handling"]) for a in listed] == [(1, "cleaned"), (2, "withheld")]

        result = subprocess.run([sys.executable, "-m", "mailrouter", "case", "release", code, "2",
                                 "--reason", "we need the screenshots", "--chair", "ana@example.org",
                                 "--config", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 10
        while running.state.spool.ids() and time.monotonic() < deadline:
            running.daemon.worker.wake()
            time.sleep(0.02)
        running.run_until_idle()
    finally:
        running.stop()
    released = [m for m in sink.all() if "Original of attachment 2" in str(m["Subject"])]
    assert sorted(m.rcpt_tos[0] for m in released) == ["ana@example.org", "chidi@example.org"]
    for mail in released:
        (original,) = list(mail.msg.iter_attachments())
        assert original.get_payload(decode=True) == archive() and original.get_filename() == "screens.zip"
        assert "we need the screenshots" in mail.text()
    events = running.store.events(code)
    assert any(e["kind"] == "original attachment released" and e["attachment"] == 2 for e in events)


def test_release_refuses_an_unknown_attachment(tmp_path, sink):
    path = write_config(tmp_path, sink.port)
    running = RunningDaemon(load(path)).start()
    try:
        running.send(report_with_attachments(), mail_from=REPORTER)
        running.run_until_idle()
        code = running.store.codes()[0]
    finally:
        running.stop()
    result = subprocess.run([sys.executable, "-m", "mailrouter", "case", "release", code, "9", "--reason",
                             "x", "--chair", "ana@example.org", "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "has no attachment 9" in result.stderr
