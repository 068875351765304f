"""The reading process (pipeline/reading.py) is sent the committee only when it changed: a
reload puts a new committee in force, and the people a report names are found with it."""

from harness import MEMBERS, RunningDaemon, load, report, write_config

EVE = {"name": "Eve Novak", "email": "eve@example.org"}


def forwards(sink, member, word):
    return [m for m in sink.messages_to(member) if word in m.text()]


def test_after_a_reload_adds_a_member_a_report_naming_her_is_kept_from_her(tmp_path, sink):
    running = RunningDaemon(load(write_config(tmp_path, sink.port))).start()
    try:
        running.send(report(body="Apricot jar.\n"))        # the reading process holds the committee
        running.run_until_idle()
        assert forwards(sink, "bo@example.org", "Apricot")
        write_config(tmp_path, sink.port, members=MEMBERS + [EVE])
        assert running._call(running.daemon.reloader.reload("test")) is True
        running.send(report(body="Eve Novak took my mango jar.\n", sender="Ines Duarte <ines@example.net>"),
                     mail_from="ines@example.net")
        running.run_until_idle()
        # Named in the report, the new member is one of its parties: it is never forwarded to her.
        assert forwards(sink, "bo@example.org", "mango")
        assert not forwards(sink, EVE["email"], "mango")
    finally:
        running.stop()
