"""Invariants 1 and 2 as properties over the shapes a real report takes (issue 8).

Random committees, conflicts and reports (tests/test_properties.py), each delivered in a
random shape: direct, through a Google Group or a Mailman list that rewrites From, from a
shared mailbox, or forwarded by a volunteer inline or as an attached message, or by a
delegate (members.yaml `delegates:`) who does not say for whom, or sent `Anonymous: yes`
(after which the case keeps no identity at all: issue 14); with random
attachments (a text file in UTF-8 or UTF-16 under a wrong declared type, a photo whose EXIF
names the reporter). Whatever the shape: exactly the eligible members receive it, the
acknowledgement reaches the person who will read it, and no member-bound byte (headers,
decoded parts, attachment names and metadata) carries the reporter.
"""

import io
import re
from email.message import EmailMessage
from email.policy import SMTP

from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from harness import RunningDaemon, Sink, load, write_config
from mailrouter.settings.committee import fold
from readable import readable_text
from test_properties import contains_address, expected_excluded, interim_for, scenarios

VOLUNTEER = ("Vic Volunteer", "vic.volunteer@events.example")
SHAPES = ("direct", "google-group", "mailman", "shared-mailbox", "forward-inline", "forward-attached",
          "forward-by-delegate", "anonymous")


def photo(artist):
    exif = Image.Exif()
    exif[0x013B] = artist
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def reporters_message(reporter, body, attachments):
    msg = EmailMessage()
    msg["From"] = f'"{reporter[0]}" <{reporter[1]}>'
    msg["To"], msg["Subject"] = "conduct@example.org", "What happened"
    msg.set_content(body)
    for kind, encoding in attachments:
        if kind == "text":
            data = f"Notes by {reporter[0]} <{reporter[1]}>\n{body}".encode(encoding)
            msg.add_attachment(data, maintype="application", subtype="octet-stream", filename="notes.txt")
        else:
            msg.add_attachment(photo(reporter[0]), maintype="image", subtype="jpeg", filename="photo.jpg")
    return msg


def delivered(shape, reporter, body, attachments):
    """(raw bytes, envelope sender, who must get the acknowledgement)."""
    msg = reporters_message(reporter, body, attachments)
    if shape == "google-group":
        del msg["From"]
        msg["From"] = f"'{reporter[0]}' via Orga <orga@googlegroups.example>"
        msg["X-Original-From"] = f'"{reporter[0]}" <{reporter[1]}>'
        msg["List-Id"] = "<orga.googlegroups.example>"
        return msg.as_bytes(policy=SMTP), "orga+bncXYZ@googlegroups.example", reporter[1]
    if shape == "mailman":
        del msg["From"]
        msg["From"] = f'"{reporter[0]} via Orga" <orga@lists.example>'
        msg["Reply-To"] = f'"{reporter[0]}" <{reporter[1]}>'
        msg["List-Post"] = "<mailto:orga@lists.example>"
        return msg.as_bytes(policy=SMTP), "orga-bounces@lists.example", reporter[1]
    if shape == "shared-mailbox":
        msg["Sender"] = "Helpdesk <helpdesk@desk.example>"
        return msg.as_bytes(policy=SMTP), "helpdesk@desk.example", reporter[1]
    if shape.startswith("forward"):
        return _forwarded(shape, msg, reporter), VOLUNTEER[1], VOLUNTEER[1]
    return msg.as_bytes(policy=SMTP), reporter[1], reporter[1]


def _forwarded(shape, original, reporter):
    outer = EmailMessage()
    outer["From"], outer["To"] = f"{VOLUNTEER[0]} <{VOLUNTEER[1]}>", "conduct@example.org"
    outer["Subject"] = "Fwd: What happened"
    intro = "Hi,\n\nAn attendee asked me to forward this on their behalf.\n\nVic\n"
    if shape == "forward-by-delegate":      # a delegate forwards by their role, saying nothing of it
        intro = "From the meetup, see below.\n\nActions taken: none yet.\n"
    if shape == "forward-attached":
        outer.set_content(intro)
        outer.add_attachment(original, filename="report.eml")
        return outer.as_bytes(policy=SMTP)
    quoted = (f"\n---------- Forwarded message ---------\nFrom: {reporter[0]} <{reporter[1]}>\n"
              f"Date: Mon, 2 Nov 2026 at 10:00\nSubject: What happened\nTo: {VOLUNTEER[0]} <{VOLUNTEER[1]}>\n\n"
              f"{original.get_body(('plain',)).get_content()}")
    outer.set_content(intro + quoted)
    parts = list(original.iter_attachments())
    if parts:
        outer.make_mixed()
        for part in parts:
            outer.attach(part)
    return outer.as_bytes(policy=SMTP)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(SHAPES),
       st.lists(st.tuples(st.sampled_from(["text", "photo"]), st.sampled_from(["utf-8", "utf-16"])), max_size=2))
def test_every_shape_reaches_exactly_the_eligible_without_the_reporter(tmp_path_factory, scenario, shape,
                                                                       attachments):
    members, conflicts, reporter, named, mentions, _, _ = scenario
    if shape.startswith("forward") and any(m["email"] == reporter[1] for m in members):
        shape = "direct"          # a member's own report forwarded by a volunteer is the direct case
    folder = tmp_path_factory.mktemp("shape")
    sink = Sink().start()
    running = None
    try:
        path = write_config(folder, sink.port, members=members, conflicts=conflicts)
        if shape == "forward-by-delegate":
            with open(folder / "members.yaml", "a") as members_file:
                members_file.write(f"delegates:\n  - name: {VOLUNTEER[0]}\n    email: {VOLUNTEER[1]}\n")
        running = RunningDaemon(load(path)).start()
        # Joined as the model reads them: in "Ana Lima, Bo Chen", "Lima, Bo" names member Bo Lima.
        body = (f"This concerns {' and '.join(mentions) or 'someone'}.\nWrite to me at {reporter[1]}.\n\n"
                f"Thanks,\n{reporter[0]}\n" + ("\nAnonymous: yes\n" if shape == "anonymous" else ""))
        raw, envelope, ack_to = delivered(shape, reporter, body, attachments)
        assert running.send(raw, mail_from=envelope)[0] == 250
        running.run_until_idle()
        excluded = expected_excluded(members, conflicts, reporter, named)
        eligible = [m["email"] for m in members if m["email"] not in excluded]
        eligible = sorted(eligible + interim_for(eligible))     # below min_readers, the escalation body too
        forwards = [m for m in sink.all() if "New report" in str(m["Subject"])]
        assert sorted(r for m in forwards for r in m.rcpt_tos) == eligible, shape
        acks = [m.rcpt_tos for m in sink.all() if "Your report was received" in str(m["Subject"])]
        assert acks == [[ack_to]], shape
        shares_name = any(fold(w) in fold(m).split() for m in mentions for w in reporter[0].split())
        for forward in forwards:
            seen = readable_text(forward.msg)
            assert not contains_address(seen, reporter[1]), shape
            assert not contains_address(forward.data.decode("utf-8", "replace"), reporter[1]), shape
            if not shares_name:
                folded = " ".join(fold(seen).split())
                assert not re.search(rf"(?<!\w){re.escape(fold(reporter[0]))}(?!\w)", folded), shape
        if shape == "anonymous":
            (code,) = running.store.codes()
            assert not running.daemon.ctx.reporters.known(code)
    finally:
        if running:
            running.stop()
        sink.stop()
