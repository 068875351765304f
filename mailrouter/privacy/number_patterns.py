"""The reporter's phone numbers and OpenPGP keys as patterns (privacy/scrub_patterns.py): a number
however it is spaced and in its national and international forms; a key whole, in groups of
four, and by its long and short ids."""

import re


def is_phone(detail):
    """A detail that is a phone number (an address, handle or key is not)."""
    return "@" not in detail and not KEY_ID.fullmatch(detail) and sum(c.isdigit() for c in detail) >= 6


def phone_patterns(number):
    """The number however it is spaced, and in its national and international forms."""
    digits = re.findall(r"\d+", number)
    return [re.compile(r"\+?" + r"[\s()./-]*".join(digits))] + _other_forms_of_number(number)


def _other_forms_of_number(number):
    """The same number written nationally or internationally: "0151 23456789" is also
    "+49 151 23456789", "0049 (0)151 …" and "wa.me/4915123456789"; "+49 151 …" is "0151 …"."""
    digits = re.sub(r"\D", "", number)
    if number.lstrip().startswith(("+", "00")):
        groups = re.findall(r"\d+", number.lstrip().lstrip("+"))
        code = groups[0].removeprefix("00") if groups else ""
        lengths = [len(code)] if len(groups) > 1 and 1 <= len(code) <= 3 else [1, 2, 3]
        bare = digits.removeprefix("00")
        significant = {bare[n:].removeprefix("0") for n in lengths}
    else:
        significant = {digits[1:] if digits.startswith("0") else digits}
    gap = r"[\s()./-]*"
    return [re.compile(rf"(?<!\d)(?:(?:\+|00)?\d{{1,3}}{gap}(?:\(0\){gap})?|0{gap})?" + gap.join(rest) + r"(?!\d)")
            for rest in sorted(significant) if len(rest) >= 8]


KEY_ID = re.compile(r"[0-9A-F]{16}|[0-9A-F]{40}|(?:[0-9A-F]{4} ){9}[0-9A-F]{4}")


def key_id_patterns(key):
    """The key written whole or in groups of four, and its long and short ids (its last 16
    and 8 digits), with or without 0x."""
    digits = key.replace(" ", "")
    forms = [digits] + ([digits[-16:]] if len(digits) == 40 else []) + [digits[-8:]]
    return [re.compile(r"(?<![0-9A-Za-z])(?:0x)?" + r"\s{0,2}".join(re.findall(".{1,4}", form)) + r"(?![0-9A-Za-z])",
                       re.IGNORECASE) for form in forms]
