"""IMAP intake (issue 10) against a real Dovecot on loopback.

Reports are delivered into the mailbox by IMAP APPEND, the real daemon takes them with
`intake: imap`, and the assertions read what its outbound relay (an aiosmtpd sink) received
and what is left on the IMAP server. Nothing under test is mocked; waits poll with a
generous ceiling, never assert on time.
"""

import os
import re
import signal
import subprocess
import sys

import pytest

from dovecot import Dovecot, wait_until
from harness import RunningDaemon, load, report, write_config
from mailrouter.entry_dir import EntryDir

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


@pytest.fixture
def dovecot():
    server = Dovecot().start()
    yield server
    server.cleanup()


def delivered(message_id, subject="Harassment at the meetup", body=None, to="conduct@example.org"):
    """A report as a provider stores it: Return-Path and Delivered-To written on delivery. Reports
    with their own subjects have their own texts too: the same text again from the same sender
    would join the first one's case (issue 11)."""
    trace = f"Return-Path: <{REPORTER}>\r\nDelivered-To: {to}\r\n".encode()
    body = body or ("Someone kept interrupting me.\n" if subject == "Harassment at the meetup"
                    else f"Someone kept interrupting me ({subject.lower()}).\n")
    return trace + report(subject=subject, body=body, message_id=message_id)


def start(tmp_path, sink, dovecot, **intake):
    config_path = write_config(tmp_path, sink.port, intake=dovecot.intake(**intake))
    return RunningDaemon(load(config_path)).start()


def wait_forwarded(running, sink, each, what="forwards"):
    """Until every member got `each` messages and the reporter `each` acknowledgements at most."""
    def done():
        running.daemon.worker.wake()
        running.loop.call_soon_threadsafe(running.daemon.courier.poke)
        return all(len(sink.messages_to(m)) >= each for m in MEMBERS)
    wait_until(done, what=what)


def wait_empty(dovecot, *folders):
    wait_until(lambda: all(not dovecot.messages(f) for f in folders), what=f"{folders} emptied")


def case_dirs(config_path):
    return [d for d in (load(config_path).state_dir / "cases").iterdir() if d.is_dir()]


def test_idle_takes_a_report_spools_it_and_removes_it_without_a_copy_in_trash(tmp_path, sink, dovecot):
    # poll_interval 1h: only IDLE can bring the report in within the wait.
    running = start(tmp_path, sink, dovecot, poll_interval="1h")
    try:
        imap = running.daemon.imap
        wait_until(lambda: imap.counts["idle"] >= 1, what="the intake in IDLE")
        dovecot.append(delivered("<idle-1@example.net>"))
        wait_forwarded(running, sink, 1)
        assert "Someone kept interrupting me." in sink.messages_to("ana@example.org")[0].text()
        wait_until(lambda: sink.messages_to(REPORTER), what="the acknowledgement")
        # Dovecot here copies whatever is expunged into Trash (as Gmail archives): mailrouter
        # must purge those copies too.
        wait_empty(dovecot, "INBOX", "Trash")
        assert imap.counts["poll"] == 0 and imap.counts["errors"] == 0 and imap.counts["spooled"] == 1
    finally:
        running.stop()


def test_a_reply_to_the_plus_address_reaches_its_case_through_the_mailbox(tmp_path, sink, dovecot):
    running = start(tmp_path, sink, dovecot)
    try:
        dovecot.append(delivered("<plus-1@example.net>"))
        wait_forwarded(running, sink, 1)
        wait_until(lambda: sink.messages_to(REPORTER), what="the acknowledgement")
        reply_address = sink.messages_to(REPORTER)[0]["Reply-To"].addresses[0].addr_spec
        assert reply_address.startswith("conduct+")
        dovecot.append(delivered("<plus-2@example.net>", subject="Re: more details",
                                 body="I also have a screenshot.\n", to=reply_address))
        wait_forwarded(running, sink, 2, what="the addition relayed to members")
        running.run_until_idle()
        assert len(running.store.codes()) == 1          # the same case, not a new report
        for member in MEMBERS:
            relays = [m for m in sink.messages_to(member) if "added to the report" in str(m["Subject"])]
            assert len(relays) == 1 and "I also have a screenshot." in relays[0].text()
        assert len(sink.messages_to(REPORTER)) == 1     # no second acknowledgement
    finally:
        running.stop()


def test_without_idle_the_intake_polls(tmp_path, sink):
    server = Dovecot(idle=False).start()
    try:
        running = start(tmp_path, sink, server, poll_interval="1s")
        try:
            imap = running.daemon.imap
            wait_until(lambda: imap.counts["poll"] >= 1, what="a first poll")
            server.append(delivered("<poll-1@example.net>"))
            wait_forwarded(running, sink, 1)
            wait_empty(server, "INBOX", "Trash")
            assert imap.counts["idle"] == 0 and imap.counts["errors"] == 0   # polled, not reconnected
        finally:
            running.stop()
    finally:
        server.cleanup()


def test_after_intake_move_files_the_report_in_another_folder(tmp_path, sink, dovecot):
    dovecot.create_folder("Taken")
    running = start(tmp_path, sink, dovecot, after_intake={"move": "Taken"})
    try:
        dovecot.append(delivered("<move-1@example.net>"))
        wait_forwarded(running, sink, 1)
        wait_empty(dovecot, "INBOX")
        assert [b"<move-1@example.net>" in m for m in dovecot.messages("Taken")] == [True]
    finally:
        running.stop()


# -- crashes ---------------------------------------------------------------------------
def serve_until_killed(config_path, point):
    """`mailrouter serve` with the intake's test hook: it SIGKILLs itself at `point`."""
    env = dict(os.environ, MAILROUTER_TEST_IMAP_KILL=point)
    with open(config_path.parent / "serve.log", "ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "mailrouter", "serve", "--config",
                                    str(config_path)], stderr=log, env=env)
    try:
        process.wait(60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL, (config_path.parent / "serve.log").read_text()


def test_killed_between_spooling_and_removal_loses_nothing_and_duplicates_nothing(tmp_path, sink, dovecot):
    config_path = write_config(tmp_path, sink.port, intake=dovecot.intake())
    dovecot.append(delivered("<kill-1@example.net>"))
    serve_until_killed(config_path, "after-spool")
    # At the kill the report is on disk and still on the server: spooled before touched.
    assert len(EntryDir(load(config_path).state_dir / "spool").ids()) == 1
    assert len(dovecot.messages("INBOX")) == 1
    running = RunningDaemon(load(config_path)).start()
    try:
        wait_forwarded(running, sink, 1)
        wait_empty(dovecot, "INBOX", "Trash")
        running.run_until_idle()
        assert running.daemon.imap.counts["spooled"] == 1     # fetched again after the crash
        assert len(running.store.codes()) == 1
        assert len(sink.messages_to(REPORTER)) == 1
        for member in MEMBERS:
            assert len(sink.messages_to(member)) == 1, member
    finally:
        running.stop()


def test_a_new_uidvalidity_voids_the_record_and_the_folder_is_taken_again(tmp_path, sink, dovecot):
    dovecot.create_folder("Reports")
    config_path = write_config(tmp_path, sink.port, intake=dovecot.intake(folder="Reports"))
    dovecot.append(delivered("<first@example.net>", subject="First report"), folder="Reports")
    serve_until_killed(config_path, "after-record")   # UID 1 recorded as spooled, not removed
    old, new = dovecot.recreate("Reports")
    assert old != new
    # In the new folder, UID 1 is a different report; the first one comes back as UID 2.
    dovecot.append(delivered("<second@example.net>", subject="Second report",
                             body="A different incident.\n"), folder="Reports")
    dovecot.append(delivered("<first@example.net>", subject="First report"), folder="Reports")
    running = RunningDaemon(load(config_path)).start()
    try:
        wait_forwarded(running, sink, 2, what="both reports forwarded")
        wait_empty(dovecot, "Reports", "Trash")
        running.run_until_idle()
        assert running.daemon.imap.counts["rescans"] == 1
        assert len(running.store.codes()) == 2
        for member in MEMBERS:
            texts = [m.text() for m in sink.messages_to(member)]
            assert len(texts) == 2, member
            assert any("A different incident." in t for t in texts)
    finally:
        running.stop()


# -- a server that goes away -----------------------------------------------------------
def test_dropped_connections_and_a_restarted_server_are_reconnected(tmp_path, sink, dovecot):
    running = start(tmp_path, sink, dovecot)
    try:
        imap = running.daemon.imap
        dovecot.append(delivered("<drop-1@example.net>"))
        wait_forwarded(running, sink, 1)
        wait_until(lambda: imap.counts["idle"] >= 1, what="the intake in IDLE")
        assert dovecot.kill_imap_sessions() >= 1
        wait_until(lambda: imap.counts["sessions"] >= 2, what="a new session after the kill")
        dovecot.append(delivered("<drop-2@example.net>", subject="Second report"))
        wait_forwarded(running, sink, 2, what="the report after the kill")
        dovecot.stop()
        wait_until(lambda: imap.counts["errors"] >= 2, what="failed reconnects while the server is down")
        dovecot.start()
        dovecot.append(delivered("<drop-3@example.net>", subject="Third report"))
        wait_forwarded(running, sink, 3, what="the report after the restart")
        wait_empty(dovecot, "INBOX", "Trash")
        assert running.daemon.imap.thread.is_alive()
    finally:
        running.stop()


def test_intake_logs_carry_no_address_or_subject(tmp_path, sink, dovecot, caplog):
    caplog.set_level("INFO")
    running = start(tmp_path, sink, dovecot)
    try:
        dovecot.append(delivered("<log-1@example.net>", subject="Secret subject line"))
        wait_forwarded(running, sink, 1)
        dovecot.kill_imap_sessions()
        wait_until(lambda: running.daemon.imap.counts["sessions"] >= 2, what="a reconnect")
    finally:
        running.stop()
    # The daemon's own loggers and imapclient's (the test's sink, aiosmtpd, logs addresses).
    text = "\n".join(r.getMessage() for r in caplog.records
                     if r.levelno >= 20 and r.name.startswith(("mailrouter", "imapclient")))
    assert re.search(r"spooled as \S+", text)
    for secret in ("reporter@example.net", "Secret subject", "conduct@example.org", "kept interrupting"):
        assert secret not in text


# -- TLS ---------------------------------------------------------------------------------
def test_tls_and_starttls_with_a_private_ca_and_no_login_without_starttls(tmp_path, sink, dovecot):
    secure = Dovecot(tls=True).start()
    try:
        ca_file = str(secure.root / "cert.pem")
        for n, section in enumerate([secure.intake(security="tls", port=secure.tls_port, ca_file=ca_file),
                                     secure.intake(security="starttls", ca_file=ca_file)], start=1):
            running = RunningDaemon(load(write_config(tmp_path / f"run{n}", sink.port, intake=section))).start()
            try:
                secure.append(delivered(f"<tls-{n}@example.net>", subject=f"Report {n}"))
                wait_forwarded(running, sink, n, what=f"the report over {section['security']}")
                wait_empty(secure, "INBOX", "Trash")
            finally:
                running.stop()
    finally:
        secure.cleanup()
    # A server that offers no STARTTLS never sees the password: the intake refuses and retries.
    dovecot.append(delivered("<plain-1@example.net>"))
    logins = dovecot.log(whole=True).count("Login: user=")        # the test's own APPEND
    running = start(tmp_path / "plain", sink, dovecot, security="starttls")
    try:
        wait_until(lambda: running.daemon.imap.counts["errors"] >= 2, what="refused connections")
        assert running.daemon.imap.counts["sessions"] == 0
        assert dovecot.log(whole=True).count("Login: user=") == logins
        assert len(dovecot.messages("INBOX")) == 1
    finally:
        running.stop()


def test_sent_copies_delete_removes_the_providers_copies_of_our_mail_only(tmp_path, sink, dovecot):
    ours = b"X-Mailrouter-Loop: example.org\r\n" + report(subject="[home shelf] a forward",
                                                          message_id="<ours@example.org>")
    theirs = report(subject="The admin's own mail", message_id="<theirs@example.org>")
    dovecot.append(ours, folder="Sent")
    dovecot.append(theirs, folder="Sent")
    running = start(tmp_path, sink, dovecot, sent_copies="delete")
    try:
        dovecot.append(delivered("<sent-1@example.net>"))
        wait_forwarded(running, sink, 1)
        wait_until(lambda: len(dovecot.messages("Sent")) == 1, what="our copy gone from Sent")
        wait_empty(dovecot, "INBOX", "Trash")
        assert b"<theirs@example.org>" in dovecot.messages("Sent")[0]
    finally:
        running.stop()


def test_a_message_over_the_size_limit_stays_in_the_mailbox_and_the_admin_is_told_once(tmp_path, sink, dovecot):
    config_path = write_config(tmp_path, sink.port, intake=dovecot.intake(), limits={"message_size": "4KB"})
    dovecot.append(delivered("<big@example.net>", body=("y" * 70 + "\n") * 80))
    running = RunningDaemon(load(config_path)).start()
    try:
        dovecot.append(delivered("<small@example.net>", subject="A small report"))
        wait_forwarded(running, sink, 1)
        dovecot.kill_imap_sessions()                  # a new session sees the big one again
        wait_until(lambda: running.daemon.imap.counts["sessions"] >= 2, what="a second session")
        running.run_until_idle()
        alerts = [m for m in sink.messages_to("admin@example.org") if "size limit" in str(m["Subject"])]
        assert len(alerts) == 1
        (left,) = dovecot.messages("INBOX")
        assert b"<big@example.net>" in left
        assert all(len(sink.messages_to(member)) == 1 for member in MEMBERS)
    finally:
        running.stop()


def test_headers_nesting_comments_5000_deep_are_read_not_crashed_on(tmp_path, sink, dovecot):
    """The envelope is read from the headers (intake/imap_envelope.py) through the one safe
    parse: a From whose comments nest 5,000 deep (CPython's parser recurses on them) is a
    report like any other, not a RecursionError in the intake loop."""
    running = start(tmp_path, sink, dovecot)
    deep = "(" * 5000 + "x" + ")" * 5000
    # No Return-Path: the sender is read from From, the deep one.
    raw = report(message_id="<deep-comments@example.net>").replace(
        b"From: Jane Reporter <reporter@example.net>",
        f"From: Jane Reporter {deep} <reporter@example.net>\r\nCc: {deep} <conduct@example.org>".encode(), 1)
    try:
        dovecot.append(raw)
        wait_forwarded(running, sink, 1)
        wait_until(lambda: sink.messages_to(REPORTER), what="the acknowledgement")
        wait_empty(dovecot, "INBOX")
        assert running.daemon.imap.counts["errors"] == 0 and running.daemon.imap.counts["spooled"] == 1
        assert running.state.spool.quarantined_ids() == []
    finally:
        running.stop()
