"""The name on a sign-off line as the reporter writes it: an academic or professional title
before or after it ("dr Aleksandra Nowicka-Berg", "prof. dr hab. inż. …", "Jan Novák, Ph.D.")
and the surname they were born with after it ("Sarah Johnson (née Miller)", "geb. Schulz",
"z domu Nowak", "roz. Dvořáková") are not the name's words; that surname is theirs too.
"""

import re
from functools import lru_cache

from mailrouter.privacy.signoff_words import MAX_NAME_LINE, name_on_line

# An academic or professional title before or after a name: "dr Aleksandra Nowicka-Berg",
# "prof. dr hab. inż. …", "Mag. …", "Ing. …", "…, PhD".
_TITLE_BEFORE = re.compile(r"^[ \t]*+(?:(?:dr|prof|hab|mgr|inż|inz|mag|ing|dipl\.-ing|doc|rndr|phdr|mudr|judr|"
                           r"mr|mrs|ms|mx|dott)\.?[ \t]++)+", re.IGNORECASE)
_TITLE_AFTER = re.compile(r"(?:,?[ \t]++(?:ph\.?[ \t]?d\.?|m\.?d\.?|m\.?sc\.?|b\.?sc\.?|mba|m\.a\.|dphil))+[ \t]*+$",
                          re.IGNORECASE)
# A surname the name was born with, after it: "Sarah Johnson (née Miller)", "geb. Schulz",
# "z domu Nowak", "roz. Dvořáková", "született Kiss": the reporter's other surname.
_BORN = re.compile(r"[ \t]*+[(\[,]?[ \t]*+(?:née|nee|né|geb\.|geborene|geboren|z domu|z d\.|roz\.|rozená|rozený|szül\.|"
                   r"született|nata|nato|nacida|nascida|født|född|f\.)[ \t]++(?P<born>[^\W\d_][\w'’-]*+)[)\]]?[ \t]*+$",
                   re.IGNORECASE)


def name_of(line):
    """The name a sign-off line gives (name_on_line), an academic or professional title
    before or after it and a surname they were born with left off ("dr Aleksandra Nowicka-Berg",
    "Jan Novák, Ph.D.", "Sarah Johnson (née Miller)")."""
    return None if len(line) > MAX_NAME_LINE else _name_of(line)


@lru_cache(maxsize=4096)      # the same short lines are asked again and again while a signature is found
def _name_of(line):
    bare = _TITLE_AFTER.sub("", _TITLE_BEFORE.sub("", _BORN.sub("", line.rstrip())))
    return name_on_line(bare) if bare.strip() else None


def born_surname(line):
    """["Miller"] for "Sarah Johnson (née Miller)": the surname a sign-off line says the
    reporter was born with, or []."""
    born = _BORN.search(line.rstrip()) if len(line) <= MAX_NAME_LINE else None
    return [born.group("born")] if born and name_of(born.group("born")) else []
