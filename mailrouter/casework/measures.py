"""The report document's entries for what was done about the reported person: a clear and
severe breach marked with #severe (and its sign-off), and each sanction recorded with
#sanction (commands/severe.py, commands/sanctions.py), as (at, by, text) for its entries.
Members are named by name only."""


def measures(committee, case):
    entries = []
    severe = case.get("severe")
    if severe:
        confirmed = severe.get("confirmed")
        signed = (f" Signed off by {_name(committee, confirmed['by'])} on {confirmed['at'][:10]}."
                  if confirmed else " Not yet signed off by the committee.")
        entries.append((severe["at"], _name(committee, severe["by"]),
                         f"Clear and severe breach: acted on at once.{signed}"
                         + (f"\n{severe['text']}" if severe.get("text") else "")))
    for number, sanction in enumerate(case.get("sanctions", ()), start=1):
        until = f" until {sanction['until']}" if sanction.get("until") else ""
        ended = f" Ended {sanction['ended'][:10]}." if sanction.get("ended") else ""
        entries.append((sanction["at"], _name(committee, sanction["by"]),
                         f"Sanction {number}: {sanction['kind']}{until}, against "
                         f"{', '.join(sanction.get('against', ()))}.{ended}\n{sanction['text']}"))
    return tuple(entries)


def _name(committee, email):
    member = committee.member(email)
    return member.name if member else "a committee member"
