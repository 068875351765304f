"""A person who answers our notice that their message is held reaches the admin (issue 11).

Their answer is held (the message it follows was set aside unread, so its text is not yet
known to be safe), the admin is told that a person answered, without the text, and the
writer gets the short "a person will look at it" notice once for that held message: a
plain-mail bot answering it again settles there. An automatic answer stays held in silence.
Over real SMTP, with a message quarantined past the nesting cap.
"""

from test_quarantine_automatic import ADMIN, REPORTER, _answer, nested, quarantined

SECRET = "my neighbour's name is Quentin Marlowe"


def answered_alerts(sink):
    return [m for m in sink.messages_to(ADMIN) if "a person answered" in m["Subject"]]


def test_a_persons_answer_to_the_notice_reaches_the_admin_and_is_told_once(daemon, sink):
    quarantined(daemon, nested())
    (notice,) = sink.messages_to(REPORTER)
    daemon.send(_answer(notice, body=f"Did you get it? Also, {SECRET}."))
    daemon.run_until_idle()
    assert daemon.store.codes() == [] and len(daemon.state.held.ids()) == 1
    (alert,) = answered_alerts(sink)
    assert "Quentin" not in alert.text() and REPORTER not in alert.text()      # not its text
    first, second = sink.messages_to(REPORTER)
    assert second["Subject"] == "Your message was received"
    assert "a person will look at it" in " ".join(second.text().split())
    # Answering that notice again (a person, or a plain-mail bot): held, nothing more sent.
    before = len(sink.all())
    daemon.send(_answer(second))
    daemon.run_until_idle()
    assert len(sink.all()) == before and len(daemon.state.held.ids()) == 2


def test_an_automatic_answer_to_the_notice_is_held_in_silence(daemon, sink):
    quarantined(daemon, nested())
    (notice,) = sink.messages_to(REPORTER)
    before = len(sink.all())
    daemon.send(_answer(notice, auto=True))
    daemon.send(_answer(notice).replace(b"Subject: Re: ", b"Subject: Automatic reply: "))
    daemon.run_until_idle()
    assert len(sink.all()) == before
    assert daemon.store.codes() == [] and len(daemon.state.held.ids()) == 2


def test_answers_about_two_held_messages_each_reach_the_admin(daemon, sink):
    quarantined(daemon, nested())
    quarantined(daemon, nested(subject="Another thing at the meetup"))
    for notice in sink.messages_to(REPORTER)[:2]:          # the notice names its held message
        daemon.send(_answer(notice, body="Is this one there too?"))
    daemon.run_until_idle()
    assert len(answered_alerts(sink)) == 2
