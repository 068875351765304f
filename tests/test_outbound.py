"""The outbound queue: on disk before the first attempt, retried with backoff, alerts once."""

from harness import RunningDaemon, load, report, write_config

REPORTER = "reporter@example.net"


def test_4xx_is_retried_after_the_backoff_not_before(daemon, sink):
    sink.answers["ana@example.org"] = ["451 4.2.0 mailbox busy"]
    daemon.send(report())
    daemon.run_until_idle()
    sink.wait_for(3)
    assert sink.messages_to("ana@example.org") == []
    (entry,) = daemon.state.outbox.queue.ids()                 # still queued, on disk
    meta = daemon.state.outbox.meta(entry)
    assert meta["attempts"] == 1 and meta["recipient"] == "ana@example.org"
    daemon.advance(minutes=4)                                  # first retry is at 5 minutes
    daemon.deliver_due()                                       # a courier pass at 4 minutes
    assert sink.messages_to("ana@example.org") == []
    assert daemon.state.outbox.meta(entry)["attempts"] == 1    # not even tried
    daemon.advance(minutes=1, seconds=1)
    daemon.run_until_idle()
    assert len(sink.messages_to("ana@example.org")) == 1
    assert daemon.state.outbox.queue.ids() == []


def test_backoff_doubles_up_to_the_maximum(daemon, sink):
    sink.answers["ana@example.org"] = ["451 4.2.0 busy"] * 20
    daemon.send(report())
    daemon.run_until_idle()
    outbox = daemon.state.outbox
    (entry,) = outbox.queue.ids()
    gaps = []
    for _ in range(6):
        before = daemon.clock.now()
        next_at = outbox.next_due_at()
        gaps.append((next_at - before).total_seconds() / 60)
        daemon.advance(seconds=(next_at - before).total_seconds() + 1)
        daemon.run_until_idle()
    # 5, 10, 20, 40, 70, 70 minutes (each measured from a second after the last attempt)
    assert [round(g) for g in gaps] == [5, 10, 20, 40, 70, 70]


def test_5xx_alerts_the_admin_once_and_keeps_the_record(daemon, sink):
    sink.answers["bo@example.org"] = ["550 5.1.1 bo@example.org: no such user"]
    daemon.send(report())
    daemon.run_until_idle()
    received = sink.wait_for(4)
    alerts = sink.messages_to("admin@example.org")
    assert len(alerts) == 1
    assert "bo@example.org" not in alerts[0].text()           # relay text quoted with addresses masked
    assert "rejected permanently" in alerts[0]["Subject"]
    (failed,) = daemon.state.outbox.failed()
    assert failed["recipient"] == "bo@example.org" and failed["kind"] == "forward"
    assert len([m for m in received if m.rcpt_tos == ["bo@example.org"]]) == 0


def test_giving_up_after_the_configured_time_alerts_once(tmp_path, sink):
    outbound = {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": sink.port},
                "retry": {"first": "1h", "max": "1h", "give_up": "3h", "jitter": 0}}
    running = RunningDaemon(load(write_config(tmp_path, sink.port, outbound=outbound))).start()
    try:
        sink.answers["chidi@example.org"] = ["421 4.3.2 going down"] * 10
        running.send(report())
        running.run_until_idle()
        for _ in range(4):
            running.advance(hours=1, seconds=1)
            running.run_until_idle()
        alerts = sink.messages_to("admin@example.org")
        assert len(alerts) == 1 and "given up" in alerts[0]["Subject"]
        assert running.state.outbox.queue.ids() == []
    finally:
        running.stop()


def test_unreachable_relay_keeps_mail_queued_with_the_attempt_recorded(tmp_path, sink):
    dead_port = sink.port
    sink.stop()                                               # nothing listens there now
    running = RunningDaemon(load(write_config(tmp_path, dead_port))).start()
    try:
        running.send(report())
        running.run_until_idle()
        assert len(running.state.outbox.queue.ids()) == 4
        assert all(running.state.outbox.meta(i)["attempts"] == 1 for i in running.state.outbox.queue.ids())
    finally:
        running.stop()


def test_maildir_delivery_writes_one_file_per_recipient(tmp_path):
    config = load(write_config(tmp_path))                    # the embedded default: maildir
    running = RunningDaemon(config).start()
    try:
        running.send(report())
        running.run_until_idle()
    finally:
        running.stop()
    files = sorted((config.outbound.maildir / "new").iterdir())
    assert len(files) == 4
    delivered_to = sorted(f.read_bytes().split(b"\r\n", 2)[1] for f in files)
    assert delivered_to == sorted([b"Delivered-To: " + a.encode() for a in
                                   ("reporter@example.net", "ana@example.org", "bo@example.org",
                                    "chidi@example.org")])
