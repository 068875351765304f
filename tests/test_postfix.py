"""mailrouter behind a real Postfix, configured exactly as README.md's "Deploy: behind Postfix".

The outside world (SMTP clients on 127.0.0.2) talks only to a private Postfix instance.
Postfix relays the alias and its `+` addresses to mailrouter on 127.0.0.1, verifying each
recipient with mailrouter at RCPT time; mailrouter's outbound goes back to the same Postfix,
which delivers to a real aiosmtpd sink standing in for the members' and reporters' mail
servers. Needs Debian's postfix package and root; under CI=true their absence fails.
"""

import re
import threading
import time

import pytest
from ruamel.yaml import YAML

from harness import RunningDaemon, Sink, _free_port, dsns_at, load, member_reply, message_of, report, reply_address, \
    write_config
from mailrouter.settings import defaults
from mailrouter.settings.config import load_config
from mailrouter.settings.yaml_source import parse_size
from postfix_instance import PostfixInstance, main_cf_settings, postfix_recipe, require_postfix

REPORTER = "reporter@example.net"
MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]   # Dana is inactive
TIMEOUT = 120        # generous, for a shared machine; Postfix's own retry would come after 300 s


class Gateway:
    """sink <- Postfix <-> mailrouter, wired as the README says. `message_size` replaces the
    recipe's 25 MB on both sides (the same number in both, as the recipe has it)."""

    def __init__(self, tmp_path, message_size=None):
        self.sink = Sink().start()
        self.daemon = self.postfix = None
        try:
            recipe = postfix_recipe()
            overrides = {}
            if message_size:
                recipe["main.cf"] = [re.sub(r"^message_size_limit = \d+$",
                                            f"message_size_limit = {message_size}", line)
                                     for line in recipe["main.cf"]]
                overrides["limits"] = {"message_size": str(message_size)}
            postfix_port = _free_port()
            # mailrouter's outbound is Postfix; everything else is mailrouter's defaults.
            config = write_config(tmp_path, sink_port=postfix_port, **overrides)
            self.daemon = RunningDaemon(load(config)).start()
            self.daemon_port = self.daemon.port
            recipe_port = f"[127.0.0.1]:{defaults.LISTEN_PORT}"
            assert all(recipe_port in line for line in recipe["transport"]), recipe["transport"]
            recipe["transport"] = [line.replace(recipe_port, f"[127.0.0.1]:{self.daemon.port}")
                                   for line in recipe["transport"]]
            self.postfix = PostfixInstance(
                postfix_port, recipe,
                instance_main_cf=["mynetworks = 127.0.0.1/32",
                                  f"relayhost = [127.0.0.1]:{self.sink.port}"],
                # The rest of example.org (the members' mailboxes) lives at the sink.
                instance_transport=[f"example.org    smtp:[127.0.0.1]:{self.sink.port}"])
            self.postfix.start()
        except BaseException:
            self.stop()
            raise

    def stop_mailrouter(self):
        if self.daemon is not None:
            daemon, self.daemon = self.daemon, None
            daemon.stop()

    def stop(self):
        try:
            self.stop_mailrouter()
        finally:
            try:
                if self.postfix is not None:
                    self.postfix.stop()
            finally:
                self.sink.stop()

    def send(self, mail_from, rcpt_tos, message):
        """One SMTP transaction to Postfix from the outside; the final (code, text)."""
        with self.postfix.client() as client:
            assert client.mail(mail_from)[0] == 250
            for address in rcpt_tos:
                code, text = rcpt(client, address)
                assert code == 250, (address, code, text)
            return client.data(message)

    def wait_for(self, what, condition, timeout=TIMEOUT):
        """Poll until condition() is true; keep mailrouter's worker and courier awake."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; sink has "
                                     f"{[(m.rcpt_tos, m['Subject']) for m in self.sink.all()]}\n"
                                     f"{self.postfix.log()}")
            if self.daemon is not None:
                self.daemon.daemon.worker.wake()
                self.daemon.loop.call_soon_threadsafe(self.daemon.daemon.courier.poke)
            time.sleep(0.05)

    def bounces(self):
        """Delivery status notifications that reached the sink (there must be none)."""
        return dsns_at(self.sink)

    def log(self):
        return self.postfix.maillog.read_text(errors="replace")

    def to_mailrouter(self):
        """Postfix's delivery lines for mail it handed to mailrouter (not the probes)."""
        return [line for line in self.log().splitlines()
                if f"relay=127.0.0.1[127.0.0.1]:{self.daemon_port}," in line and "status=" in line
                and "status=deliverable" not in line and "status=undeliverable" not in line]

    def assert_nothing_left_behind(self):
        """Postfix holds no mail (nothing deferred, no bounce queued) and sent no bounce."""
        if self.daemon is not None:
            # mailrouter's mail goes out through this Postfix: its queue is only "empty" once
            # mailrouter has nothing more to send (the forwards may follow the ack).
            self.daemon.run_until_idle(TIMEOUT)
        self.postfix.wait_until_queue_empty(TIMEOUT)
        assert self.postfix.queued() == []
        assert "status=deferred" not in self.log(), self.postfix.log()
        assert self.bounces() == []


@pytest.fixture
def gateway(tmp_path):
    require_postfix()
    running = Gateway(tmp_path)
    yield running
    running.stop()


def rcpt(client, address):
    """RCPT, answered once Postfix has asked mailrouter. While a first probe runs Postfix says
    450 'verification in progress'; a sending server asks again later, and so do we."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        code, text = client.rcpt(address)
        if not (code == 450 and b"in progress" in text) or time.monotonic() > deadline:
            return code, text
        time.sleep(0.5)


def test_the_readme_recipe_matches_mailrouters_defaults():
    recipe = postfix_recipe()
    settings = main_cf_settings(recipe["main.cf"])
    assert settings["recipient_delimiter"] == "+"
    assert settings["smtpd_recipient_restrictions"].split(", ")[-1] == "reject_unverified_recipient"
    assert settings["unverified_recipient_reject_code"] == "550"
    assert int(settings["message_size_limit"]) == parse_size(defaults.MESSAGE_SIZE)
    # The transport that reaches mailrouter opens no more connections than mailrouter takes
    # from one client, and sends no more recipients per transaction than it takes.
    assert recipe["master.cf"] == ["mailrouter unix  -       -       n       -       -       smtp"]
    example = load_config()                 # the bundled example: the alias the README shows
    assert recipe["transport"] == [f"{example.alias}    mailrouter:[127.0.0.1]:{defaults.LISTEN_PORT}"]
    assert int(settings["mailrouter_destination_concurrency_limit"]) <= defaults.CONNECTIONS_PER_CLIENT
    assert int(settings["mailrouter_destination_recipient_limit"]) == defaults.RECIPIENTS_PER_TRANSACTION
    keys = YAML(typ="safe", pure=True).load("\n".join(recipe["mailrouter.yaml"]))
    assert keys["listen"] == {"host": "127.0.0.1", "port": defaults.LISTEN_PORT}
    assert keys["outbound"] == {"method": "smtp", "smtp": {"host": "127.0.0.1", "port": 25}}
    assert keys["limits"] == {"message_size": defaults.MESSAGE_SIZE,
                              "connections_per_client": defaults.CONNECTIONS_PER_CLIENT,
                              "recipients_per_transaction": defaults.RECIPIENTS_PER_TRANSACTION}


def test_report_and_member_reply_travel_through_postfix(gateway):
    sink, postfix = gateway.sink, gateway.postfix
    code, text = gateway.send(REPORTER, ["conduct@example.org"], report())
    assert code == 250, text
    gateway.wait_for("the acknowledgement and one forward per member",
                     lambda: all(sink.messages_to(who) for who in [REPORTER, *MEMBERS]))
    assert len(gateway.daemon.store.codes()) == 1
    for member in MEMBERS:
        (forward,) = sink.messages_to(member)
        # Came out of mailrouter and through Postfix, not around it.
        assert f"by {postfix.hostname} (Postfix)" in str(forward["Received"])
    assert [line for line in gateway.to_mailrouter() if "status=sent" in line]   # Postfix -> mailrouter

    # Ana answers the case address she was given; Postfix verifies it with mailrouter and
    # relays it; mailrouter passes it to the other eligible members, again through Postfix.
    case_address = reply_address(sink, "ana@example.org")
    assert case_address.startswith("conduct+")
    code, text = gateway.send("ana@example.org", [case_address], member_reply(
        "Ana Lima <ana@example.org>", "I can take the first conversation with them.\n"))
    assert code == 250, text
    gateway.wait_for("Ana's reply at Bo and Chidi",
                     lambda: all(len(sink.messages_to(who)) == 2 for who in MEMBERS[1:]))
    for member in MEMBERS[1:]:
        assert "I can take the first conversation" in sink.messages_to(member)[-1].text()
    assert len(sink.messages_to("ana@example.org")) == 1      # not echoed back to Ana
    gateway.assert_nothing_left_behind()


def test_unknown_case_address_is_refused_by_postfix_at_rcpt_without_a_bounce(gateway):
    postfix = gateway.postfix
    with postfix.client() as client:
        client.mail(REPORTER)
        for address in ["conduct+unknown@example.org", "conduct+" + "a" * 32 + "@example.org"]:
            code, text = rcpt(client, address)
            assert code == 550, (address, code, text, postfix.log())
            assert b"5.1.1" in text and b"undeliverable address" in text, text
        assert rcpt(client, "conduct@example.org")[0] == 250     # the same session, the alias: yes
        client.rset()
    log = gateway.log()
    assert re.search(r"NOQUEUE: reject: RCPT from .*<conduct\+unknown@example\.org>", log), log
    assert "said: 550 5.1.1 No such recipient here" in log        # mailrouter's answer to the probe
    # mailrouter was asked (the probes) but was never given a message.
    assert gateway.to_mailrouter() == []
    assert gateway.daemon.store.codes() == [] and gateway.daemon.state.spool.ids() == []
    gateway.assert_nothing_left_behind()
    assert gateway.sink.all() == []


def test_while_mailrouter_is_down_postfix_says_try_again_later(gateway):
    gateway.stop_mailrouter()
    with gateway.postfix.client() as client:
        client.mail(REPORTER)
        code, text = rcpt(client, "conduct+" + "b" * 32 + "@example.org")
    assert code == 450 and b"unverified address" in text, text
    gateway.postfix.wait_until_queue_empty(TIMEOUT)       # the probe is done with
    assert gateway.bounces() == []


def test_too_big_is_refused_by_postfix_at_the_door(gateway):
    postfix, limit = gateway.postfix, parse_size(defaults.MESSAGE_SIZE)
    assert gateway.daemon.config.limits.message_size == limit
    too_big = message_of(limit + 1, b"x" * 76 + b"\r\n")
    with postfix.client() as client:
        assert client.esmtp_features["size"] == str(limit)          # advertised in EHLO
        # A sender that declares the size is refused at MAIL ...
        code, text = client.mail(REPORTER, options=[f"SIZE={len(too_big)}"])
        assert (code, text[:5]) == (552, b"5.3.4"), text
        client.rset()
        # ... and one that does not is refused at the end of DATA, before Postfix queues it.
        assert client.mail(REPORTER)[0] == 250
        assert rcpt(client, "conduct@example.org")[0] == 250
        code, text = client.data(too_big)
        assert (code, text[:5]) == (552, b"5.3.4"), text
    assert gateway.to_mailrouter() == []
    assert gateway.daemon.store.codes() == [] and gateway.daemon.state.spool.ids() == []
    gateway.assert_nothing_left_behind()
    assert gateway.sink.all() == []


@pytest.mark.parametrize("line", [b"x" * 76 + b"\r\n", b".\r\n"], ids=["text", "dot-lines"])
def test_the_largest_message_postfix_takes_mailrouter_takes_too(tmp_path, line):
    """With equal limits, what Postfix accepts is never refused by mailrouter behind it (which
    would make Postfix bounce it). Lines starting with "." are sent as ".." (dot-stuffing).
    A smaller limit than 25 MB on both sides keeps the test quick."""
    require_postfix()
    limit = 200_000
    gateway = Gateway(tmp_path, message_size=limit)
    try:
        size = limit
        while True:                      # the largest message Postfix takes, to 100 bytes
            assert size > limit - 5000, gateway.postfix.log()
            with gateway.postfix.client() as client:
                client.mail(REPORTER)
                assert rcpt(client, "conduct@example.org")[0] == 250
                code, text = client.data(message_of(size, line))
            if code == 250:
                break
            assert code == 552, text
            size -= 100
        gateway.wait_for("the report at mailrouter", lambda: gateway.to_mailrouter())
        assert "status=sent" in gateway.to_mailrouter()[0], gateway.to_mailrouter()
        gateway.wait_for("the acknowledgement", lambda: gateway.sink.messages_to(REPORTER))
        gateway.assert_nothing_left_behind()
    finally:
        gateway.stop()


def test_a_burst_of_reports_reaches_mailrouter_without_a_refused_connection(gateway):
    count = 40
    answers = []

    def one(number):
        answers.append(gateway.send(f"r{number}@example.net", ["conduct@example.org"],
                                    report(sender=f"R{number} <r{number}@example.net>",
                                           subject=f"Report {number}")))
    senders = [threading.Thread(target=one, args=(number,)) for number in range(count)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert [code for code, _ in answers] == [250] * count
    refused = "421 4.7.0"                            # mailrouter's "too many connections"
    gateway.wait_for(f"{count} cases", lambda: len(gateway.daemon.store.codes()) == count
                     or refused in gateway.log())
    assert refused not in gateway.log(), gateway.postfix.log()
    assert len([line for line in gateway.to_mailrouter() if "status=sent" in line]) == count
    gateway.wait_for("every acknowledgement", lambda: len(gateway.sink.all()) == count * 4)
    gateway.assert_nothing_left_behind()


def test_one_message_to_more_case_addresses_than_mailrouter_takes_at_once(gateway):
    for number in range(2):       # two reports: the same text again would join the first's case
        assert gateway.send(REPORTER, ["conduct@example.org"],
                            report(subject=f"Report {number}", body=f"Something happened, part {number}.\n"))[0] == 250
    gateway.wait_for("two cases' mail", lambda: len(gateway.sink.all()) == 8)
    addresses = sorted({m["Reply-To"].addresses[0].addr_spec for m in gateway.sink.all()})
    recipients = ["conduct@example.org", *addresses[:5]]
    assert len(recipients) > defaults.RECIPIENTS_PER_TRANSACTION
    code, text = gateway.send("ana@example.org", recipients,
                              member_reply("Ana Lima <ana@example.org>", "Both cases: see you at 5.\n"))
    assert code == 250, text
    queue_id = text.decode().rsplit(" ", 1)[-1]
    gateway.wait_for("every recipient handed to mailrouter",
                     lambda: len([line for line in gateway.to_mailrouter() if queue_id in line])
                     == len(recipients))
    handed = [line for line in gateway.to_mailrouter() if queue_id in line]
    assert all("status=sent" in line for line in handed), handed    # none deferred by a 452
    gateway.assert_nothing_left_behind()
