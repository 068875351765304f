"""Where every message goes, declared once.

The worker takes each spool entry and, for each recipient, asks `classify` (pipeline/
classify.py) which kind of message it is; an admin command from the CLI (reveal, release)
is its own kind, and so is the scheduler's tick. PIPELINES then names the stages the item
goes through, in order: each is a module in pipeline/stages/ with one `run(item, ctx)`.
A stage ends the flow early by raising `Stop`; the runner (pipeline/runner.py) owns what
follows: the processed mark, the log line, any notice.
"""

from mailrouter.pipeline.item import Kind
from mailrouter.pipeline.stages import (acknowledge, add_to_report, admin_command, appeal, authenticate,
                                        due_deadlines, find_answered_case, find_case, find_referenced_case, forward,
                                        hold, identify_reporter, match_bounce, member_command, note_feedback,
                                        onboarding_answer, open_case,
                                        record_automatic, record_bounce, relay_among_members, relay_from_reporter,
                                        repeated_addition, reporter_appeal, route, run_commands, scrub,
                                        throttle)
from mailrouter.pipeline.stages import relay_from_reported
from mailrouter.pipeline.stages import moderator_answer, relay_from_moderator
from mailrouter.pipeline.stages import forget_reporter, record_declarations    # issue 14: behalf, anonymous
from mailrouter.pipeline.stages import find_party_case
from mailrouter.pipeline.stages import repeated_member_text
from mailrouter.pipeline.stages import find_answered_member_mail, outsider_answer
from mailrouter.pipeline.stages import forwarded_ours

PIPELINES = {
    # mail to the alias (routed before the acknowledgement, which says who reads the report)
    # (`Anonymous: yes`: forget_reporter keeps nothing of who sent it once acknowledged)
    Kind.REPORT: (throttle, identify_reporter, appeal, scrub, open_case, record_declarations, route, acknowledge,
                  forward, forget_reporter),
    Kind.MEMBER_TO_ALIAS: (find_referenced_case, authenticate, run_commands, repeated_member_text,
                           relay_among_members),
    Kind.MEMBER_COMMAND: (member_command,),      # #away or #back to the alias (issue 12)
    # an answer to our mail to the reporter (by its signed Message-ID or our subject) is
    # never a new case: it is the reporter's addition, and its repeats add nothing (R4)
    Kind.REPORTER_TO_ALIAS: (throttle, find_answered_case, authenticate, repeated_addition, reporter_appeal,
                             add_to_report, note_feedback, relay_from_reporter),
    Kind.AUTOMATIC_TO_ALIAS: (find_answered_case, record_automatic),
    # it carries a copy of our mail: held, unless the reporter wrote new words above it (F6)
    Kind.REPORTER_FORWARD: (find_answered_case, forwarded_ours, repeated_addition, reporter_appeal,
                            add_to_report, note_feedback, relay_from_reporter),
    # an answer to our mail to members (a forward, a relay, a notice) at the alias: never a new
    # case; held unless it is the case's reporter's, whose words are their addition (F4)
    Kind.ANSWER_TO_MEMBERS: (throttle, find_answered_member_mail, outsider_answer, repeated_addition,
                             reporter_appeal, add_to_report, note_feedback, relay_from_reporter),
    # mail to a case's reply addresses
    Kind.REPORTER_REPLY: (find_case, authenticate, reporter_appeal, add_to_report, note_feedback,
                          relay_from_reporter),
    # a member's text that repeats their previous message (a plain-mail bot) is not relayed again
    Kind.MEMBER_REPLY: (find_case, authenticate, run_commands, repeated_member_text, relay_among_members),
    # a moderator of a space answers the recommended response (#accept, #disagree) or remarks
    Kind.MODERATOR_REPLY: (find_case, authenticate, moderator_answer, relay_from_moderator),
    Kind.CASE_AUTOMATIC: (find_case, record_automatic),
    # the reported person's words: recorded and relayed to the members, never to the reporter
    Kind.REPORTED_REPLY: (find_case, authenticate, relay_from_reported),
    # the reported person or a moderator writing to the alias about their case: never a new case
    Kind.REPORTED_TO_ALIAS: (find_party_case, authenticate, relay_from_reported),
    Kind.MODERATOR_TO_ALIAS: (find_party_case, authenticate, moderator_answer, relay_from_moderator),
    # a member who joined answers the welcome at its own reply address (#conflict, #no-conflicts)
    Kind.ONBOARDING_ANSWER: (onboarding_answer,),
    # mail that must never become a case; a bounce to a signed return path is matched to
    # its delivery (a failing member mailbox), and is never answered
    Kind.AUTOMATIC: (hold,),
    Kind.BOUNCE: (match_bounce, record_bounce),
    # not mail: a chair's decision from the CLI, and the deadlines that came due
    Kind.ADMIN_COMMAND: (admin_command,),
    Kind.DEADLINES: (due_deadlines,),
}
