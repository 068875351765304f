"""Details a file keeps about its author's machine and contact block, beyond its text.

A saved document remembers where it was saved (`x15ac:absPath`, a template's or a linked
workbook's `file:///C:\\Users\\Name.Surname\\OneDrive - Employer\\…`), so a local path is cut
to its file name and a user folder in any text is renamed. A phone number beside the
reporter's name in a letterhead (a document's header or footer, a calendar description)
is theirs: the name is found by the scrubber, the number only by standing beside it.
"""

import re

from mailrouter.privacy.own_contacts import numbers_in, own_contacts
from mailrouter.privacy.phones import own_phone_numbers
from mailrouter.privacy.signature import phone_numbers

PHONE_REMOVED = "[reporter's phone]"
USER = "[user]"
# C:\Users\Name, /home/name, /Users/name, C:\Documents and Settings\Name: the folder is a person.
USER_FOLDER = re.compile(r"(?i)(?<![\w.-])((?:[a-z]:)?[\\/]+)(users|home|documents and settings|profiles)([\\/]+)"
                         r"[^\\/\"'<>|:*?\r\n]+")
# "OneDrive - Petrovic Consulting", "Dropbox (Company)": the synced folder names the employer.
SYNCED_FOLDER = re.compile(r"(?i)\b(OneDrive|Dropbox|Box|Google Drive)(?: - | \()[^\\/\"'<>|\r\n]+?(\)?)"
                           r"(?=[\\/\"'<>|]|$)")
LOCAL_PATH = re.compile(r"(?i)^\s*(?:file:|[a-z]:[\\/]|\\\\|/(?:users|home)/)")


def without_user_folders(text):
    """`text` with the user's folder and a synced folder's owner left out of any path in it."""
    if not text or ("\\" not in text and "/" not in text):
        return text
    text = USER_FOLDER.sub(lambda m: m.group(1) + m.group(2) + m.group(3) + USER, text)
    return SYNCED_FOLDER.sub(lambda m: m.group(1), text)


def file_name_only(value):
    """A local path (`file:///C:\\…\\Normal.dotm`, `\\\\server\\share\\x.xlsx`) cut to its file
    name; anything else as it was."""
    if not value or not LOCAL_PATH.match(value):
        return value
    return re.split(r"[\\/]", value.rstrip("\\/"))[-1]


def local_path_cleaned(value):
    """An attribute's value: a local path cut to its file name, a URL as it was."""
    if not value or ("\\" not in value and not LOCAL_PATH.match(value)):
        return value
    return file_name_only(without_user_folders(value))


def without_own_numbers(text, names_reporter):
    """`text` without the numbers the reporter gives as theirs ("call me on …"), and without
    every number when it names the reporter (`names_reporter`: a letterhead, one property, a
    row of their own form response: "Yes - 512 345 678", in any country's form)."""
    numbers = phone_numbers(text) + numbers_in(text) if names_reporter else own_numbers(text)
    return numbers_replaced(text, numbers)


def own_numbers(text):
    """The numbers `text` gives as its writer's ("call me on …", a number alone at its end)."""
    return own_phone_numbers(text) + own_contacts(text)[0]


def numbers_replaced(text, numbers):
    """`text` with each of `numbers` (the longest first) replaced by PHONE_REMOVED."""
    for number in sorted(set(numbers), key=len, reverse=True):
        text = text.replace(number, PHONE_REMOVED)
    return text
