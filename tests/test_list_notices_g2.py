"""A mailing list's own notices are automatic mail; a post a list relays is a report (L1).

When the reporter's address is a list, the list software answers our acknowledgement (sent
from the alias) with its own notices: held for moderation, confirm, bounce, subscription.
Such a notice is held for the admin, never a case and never answered. A person's report that
reaches us through a list (Mailman, a Google Group rewriting From as "X via list") still
becomes a case forwarded to the members. All over real SMTP.
"""

import pytest

MEMBERS = ["ana@example.org", "bo@example.org", "chidi@example.org"]


def mail(headers, body):
    return ("\r\n".join([*headers, "To: conduct@example.org", "Date: Mon, 02 Nov 2026 09:10:00 +0000",
                         "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body])
            .encode())


NOTICES = {
    "mailman2-moderation": (mail(["From: coc-list-owner@lists.example.net",
                                  "Subject: Your message to Coc-list awaits moderator approval",
                                  "Message-ID: <mm.1@lists.example.net>", "X-List-Administrivia: yes",
                                  "X-BeenThere: coc-list@lists.example.net", "Precedence: bulk"],
                                 "Your mail to 'Coc-list' with the subject\r\n\r\n"
                                 "    [overland crossword] Your report was received\r\n\r\n"
                                 "Is being held until the list moderator can review it for approval.\r\n"),
                            "coc-list-bounces@lists.example.net"),
    "mailman3-held": (mail(["From: Coc-list <coc-list-owner@lists.example.net>",
                            "Subject: Your message to Coc-list@lists.example.net awaits moderator approval",
                            "Message-ID: <mm3.1@lists.example.net>"],
                           "Your message was held: Post by non-member to a members-only list\r\n"),
                      "coc-list-bounces@lists.example.net"),
    "sympa-moderation": (mail(["From: SYMPA <sympa@lists.example.net>",
                               "Subject: Message for list coc awaiting moderation",
                               "Message-ID: <sympa.1@lists.example.net>"],
                              "Your message for list coc has been forwarded to the moderators.\r\n"),
                         "sympa-request@lists.example.net"),
    "groups-io-pending": (mail(["From: Coc Group Moderators <coc+owner@groups.io>",
                                "Subject: Your message to coc@groups.io is awaiting approval",
                                "Message-ID: <gio.1@groups.io>"],
                               "Your message is awaiting approval by a moderator.\r\n"),
                          "bounce+abc@groups.io"),
    "google-group-held": (mail(["From: Google Groups <noreply@googlegroups.com>",
                                "Subject: Your message to coc awaits moderator approval",
                                "Message-ID: <gg.1@googlegroups.com>", "X-Google-Group-Id: 12345",
                                "List-ID: <coc.googlegroups.com>"],
                               "Your message has been held for moderation.\r\n"),
                          "noreply@googlegroups.com"),
    "mlmmj-confirm": (mail(["From: coc+owner@lists.example.net",
                            "Subject: Confirm subscribe to coc@lists.example.net",
                            "Message-ID: <mlmmj.1@lists.example.net>"],
                           "To confirm you want to subscribe, reply to this message.\r\n"),
                      "coc+bounces-help@lists.example.net"),
    "listserv-confirm": (mail(["From: \"L-Soft list server at LISTS.EXAMPLE.EDU\" <LISTSERV@LISTS.EXAMPLE.EDU>",
                               "Subject: COC-L: confirmation of your request",
                               "Message-ID: <ls.1@lists.example.edu>", "Precedence: bulk"],
                              "Your command requires confirmation.\r\n"),
                         "owner-coc-l@lists.example.edu"),
}


@pytest.mark.parametrize("name", sorted(NOTICES))
def test_list_softwares_own_notice_is_held_never_a_case_never_answered(daemon, sink, name):
    raw, envelope = NOTICES[name]
    assert daemon.send(raw, mail_from=envelope)[0] == 250
    daemon.run_until_idle()
    assert daemon.store.codes() == []                         # never a case, so nothing to members
    assert sink.all() == []                                   # no acknowledgement, no notice
    assert len(daemon.state.held.ids()) == 1                  # kept for the admin


def test_a_persons_report_through_a_mailman_list_is_a_case(daemon, sink):
    raw = mail(["From: Jane Reporter <jane@example.net>", "Subject: Harassment at the sprint",
                "Message-ID: <post.1@example.net>", "Sender: coc-list-bounces@lists.example.net",
                "List-Id: <coc-list.lists.example.net>", "X-BeenThere: coc-list@lists.example.net",
                "Precedence: list", "List-Post: <mailto:coc-list@lists.example.net>"],
               "Someone kept interrupting me at the sprint.\r\n")
    daemon.send(raw, mail_from="coc-list-bounces@lists.example.net")
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    for member in MEMBERS:
        assert any(f"[{code}] New report" in m["Subject"] for m in sink.messages_to(member))


def test_a_persons_report_through_a_google_group_rewriting_from_is_a_case(daemon, sink):
    raw = mail(["From: 'Jane Reporter' via CoC <coc@googlegroups.com>",
                "X-Original-From: Jane Reporter <jane@example.net>", "Reply-To: Jane Reporter <jane@example.net>",
                "Subject: Your message to the speaker was out of line", "Message-ID: <post.2@example.net>",
                "List-ID: <coc.googlegroups.com>", "X-Google-Group-Id: 12345", "Precedence: list",
                "Sender: coc@googlegroups.com"],
               "The speaker mocked my accent during the Q&A.\r\n")
    daemon.send(raw, mail_from="coc+bncBXYZ@googlegroups.com")
    daemon.run_until_idle()
    (code,) = daemon.store.codes()
    for member in MEMBERS:
        assert any(f"[{code}] New report" in m["Subject"] for m in sink.messages_to(member))
