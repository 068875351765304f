"""mailrouter behind a real Exim daemon, configured with README.md's "Deploy: behind Exim".

The outside world (SMTP clients on 127.0.0.2) talks only to a private Exim daemon; Exim
routes the alias and its `+` addresses to mailrouter, verifies them with a callout at RCPT,
and carries mailrouter's outbound mail to a real aiosmtpd sink. Needs an Exim binary (see
exim_instance.py) and root; under CI=true their absence fails.
"""

import time

import pytest

from exim_instance import EximInstance, exim_recipe, require_exim
from harness import RunningDaemon, Sink, _free_port, dsns_at, load, member_reply, report, reply_address, \
    write_config
from mailrouter.settings import defaults
from mailrouter.settings.yaml_source import parse_size

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]
TIMEOUT = 120


class EximGateway:
    def __init__(self, tmp_path):
        self.sink = Sink().start()
        self.daemon = self.exim = None
        try:
            exim_port = _free_port()
            self.daemon = RunningDaemon(load(write_config(tmp_path, sink_port=exim_port))).start()
            self.exim = EximInstance(exim_port, exim_recipe(), self.daemon.port, self.sink.port)
            self.exim.start()
        except BaseException:
            self.stop()
            raise

    def stop(self):
        try:
            if self.daemon is not None:
                self.daemon.stop()
        finally:
            try:
                if self.exim is not None:
                    self.exim.stop()
            finally:
                self.sink.stop()

    def wait_for(self, what, condition, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; sink has "
                                     f"{[(m.rcpt_tos, m['Subject']) for m in self.sink.all()]}\n"
                                     f"{self.exim.log()}")
            self.daemon.daemon.worker.wake()
            self.daemon.loop.call_soon_threadsafe(self.daemon.daemon.courier.poke)
            time.sleep(0.05)

    def bounces(self):
        """Delivery status notifications that reached the sink (there must be none)."""
        return dsns_at(self.sink)

    def assert_nothing_left_behind(self):
        self.wait_for("Exim's queue to empty", lambda: self.exim.queue_count() == 0)
        assert self.bounces() == []


@pytest.fixture
def exim_gateway(tmp_path):
    require_exim()
    running = EximGateway(tmp_path)
    yield running
    running.stop()


def test_the_readme_fragment_matches_mailrouters_defaults():
    recipe = exim_recipe()
    assert recipe["main"] == [f"message_size_limit = {parse_size(defaults.MESSAGE_SIZE)}"]
    router = "\n".join(recipe["routers"])
    for line in ["local_part_suffix = +*", "local_part_suffix_optional", "driver = manualroute",
                 f"route_list = * 127.0.0.1::{defaults.LISTEN_PORT}", "self = send"]:
        assert line in router
    transport = "\n".join(recipe["transports"])
    assert "rcpt_include_affixes" in transport
    assert f"max_rcpt = {defaults.RECIPIENTS_PER_TRANSACTION}" in transport
    assert "!verify = recipient/callout" in "\n".join(recipe["acl"])


def test_report_and_member_reply_travel_through_exim(exim_gateway):
    sink, exim = exim_gateway.sink, exim_gateway.exim
    with exim.client() as client:
        assert client.mail(REPORTER)[0] == 250
        assert client.rcpt("conduct@example.org")[0] == 250
        code, text = client.data(report())
        assert code == 250, text
    exim_gateway.wait_for("the acknowledgement and one forward per member",
                          lambda: all(sink.messages_to(who) for who in [REPORTER, *MEMBERS]))
    for member in MEMBERS:
        (forward,) = sink.messages_to(member)
        assert f"by {exim.hostname}" in str(forward["Received"])      # out through Exim

    # Ana's reply goes to her case address. The callout checks it, and Exim delivers it with
    # its suffix (rcpt_include_affixes), so mailrouter files it in the case and relays it.
    case_address = reply_address(sink, "ana@example.org")
    with exim.client() as client:
        assert client.mail("ana@example.org")[0] == 250
        assert client.rcpt(case_address)[0] == 250
        code, text = client.data(member_reply("Ana Lima <ana@example.org>",
                                              "I can take the first conversation with them.\n"))
        assert code == 250, text
    exim_gateway.wait_for("Ana's reply at Bo and Chidi",
                          lambda: all(len(sink.messages_to(who)) == 2 for who in MEMBERS[1:]))
    for member in MEMBERS[1:]:
        assert "I can take the first conversation" in sink.messages_to(member)[-1].text()
    assert f"=> {case_address} R=mailrouter T=mailrouter_smtp" in exim.mainlog.read_text()
    assert len(exim_gateway.daemon.store.codes()) == 1
    exim_gateway.assert_nothing_left_behind()


def test_unknown_case_address_and_declared_oversize_are_refused_by_exim(exim_gateway):
    exim, limit = exim_gateway.exim, parse_size(defaults.MESSAGE_SIZE)
    with exim.client() as client:
        assert client.esmtp_features["size"] == str(limit)
        code, text = client.mail(REPORTER, options=[f"SIZE={limit + 1}"])
        assert code == 552, text
        client.rset()
        assert client.mail(REPORTER)[0] == 250
        for address in ["conduct+unknown@example.org", "conduct+" + "a" * 32 + "@example.org"]:
            code, text = client.rcpt(address)
            assert code == 550, (address, code, text, exim.log())
            assert b"5.1.1 No such recipient here" in text, text       # mailrouter's own answer
        assert client.rcpt("conduct@example.org")[0] == 250
        client.rset()
    assert "rejected RCPT <conduct+unknown@example.org>" in exim.mainlog.read_text()
    assert exim_gateway.daemon.store.codes() == [] and exim_gateway.daemon.state.spool.ids() == []
    exim_gateway.assert_nothing_left_behind()
    assert exim_gateway.sink.all() == []
