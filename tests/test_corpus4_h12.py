"""Chat exports and structured attachments that say who the reporter is (corpus4, h12's reports).

The scrubber replaces the reporter's name in an export; what stands beside it must go too:
- a JSON object, an HTML element or a CSV row whose name or address was scrubbed is the
  reporter's record: its user id, avatar URL, handle, `data-user-id`, title and profile link
  go, everywhere they occur (Slack's `<@U04AB12CD>` in another attachment too), while the
  other people's ids and every message stay;
- Facebook and Instagram exports write UTF-8 as Latin-1 escapes (`Zo\\u00c3\\u00a9`), and a tool
  that read them as Windows-1252 saves `ZoÃ©`: both repaired, then scrubbed;
- a name glued into a link (`…/AbCd1234FaridHaddad`, `zoom.us/my/pyconfaridhaddad`);
- a spreadsheet's sheet and defined names, renamed in every formula that refers to them;
- Word's "save as web page" `<o:DocumentProperties>` (company, manager, custom properties).

Each report goes through its own daemon over real SMTP (corpus_checks.run_corpus).
"""

import re
from pathlib import Path

import pytest

from corpus4_checks import check_forwarded_with_evidence, check_no_secret, forwards, run_reports
from readable import readable_text

CORPUS = Path(__file__).parent / "corpus4"

# name: envelope sender, what must reach no member (literal strings, any case; names as whole
# words, folded) and evidence that must stay (in the decoded text of the forward).
REPORTS = {
    "h12-element-matrix-json-export-reporter-sender-mxid.eml": dict(
        mail_from="nadia.karimi@posteo.net", secrets=["nadia.karimi@posteo.net", "nadia.k", "NadiaKarimi"],
        names=["Nadia Karimi"], evidence=["go back to the kitchen", "@tobi_h:matrix.org"]),
    "h12-mailru-telegram-json-export-personal-information.eml": dict(
        mail_from="d.sokolov@mail.ru", secrets=["d.sokolov@mail.ru", "5512345678", "dsokolov_py", "555 2301"],
        names=["Dmitri Sokolov", "Sokolov"], evidence=["бесполезный", "Artem Lebedev", "user4410"]),
    "h12-zoho-slack-export-users-json-profile.eml": dict(
        mail_from="simran.bakshi@zoho.com", secrets=["simran.bakshi@zoho.com", "U04AB12CD", "sbakshi"],
        names=["Simran Bakshi"], evidence=["nobody wants you coaching here", "U05ZZ99XY", "Vikram Malhotra"]),
    "h12-gmail-slack-export-channel-file-before-users-json.eml": dict(
        mail_from="simran.bakshi@zoho.com", secrets=["simran.bakshi@zoho.com", "U04AB12CD", "sbakshi"],
        names=["Simran Bakshi"], evidence=["nobody wants you coaching here", "U05ZZ99XY", "Vikram Malhotra"]),
    "h12-owa-discordchatexporter-html-reporter-author-mention.eml": dict(
        mail_from="priya.venkat@outlook.in", secrets=["priya.venkat", "884412"], names=["Priya Venkataraman"],
        evidence=["nobody reviews code from diversity hires", "771203", "grumpy_dan"]),
    "h12-gmail-discordchatexporter-json-nested-author-avatarurl.eml": dict(
        mail_from="priya.venkat@outlook.in", secrets=["priya.venkat", "884412337615204352", "9f1c2ab7e4",
                                                      "nightowl_dev"],
        names=["Priya Venkataraman"], evidence=["nobody reviews code from diversity hires", "771203998877665544",
                                                "grumpy_dan"]),
    "h12-outlook-instagram-export-json-mojibake-utf8-escapes.eml": dict(
        mail_from="zoe.berube@videotron.ca", secrets=["zoe.berube", "Zo\\u00c3\\u00a9", "B\\u00c3\\u00a9rub"],
        names=["Zoé Bérubé", "Bérubé"], evidence=["t'es juste une quota hire", "Maxime Gagnon", "arrête stp"]),
    "h12-facebook-messenger-jsonl-mojibake-polish-name.eml": dict(
        mail_from="lukasz.wojcik@wp.pl", secrets=["lukasz.wojcik", "W\\u00c3\\u00b3jcik", "\\u00c5\\u0081ukasz"],
        names=["Łukasz Wójcik", "Wójcik"], evidence=["nikt cię tu nie chce", "Bartosz Zieliński"]),
    "h12-outlook-messenger-csv-raw-mojibake-cp1252.eml": dict(
        mail_from="m.wisniewska@onet.pl", secrets=["m.wisniewska", "WiÅ›niewska", "MaÅ‚gorzata"],
        names=["Małgorzata Wiśniewska", "Wiśniewska"], evidence=["Paweł Żak", "nie przychodź już na meetupy"]),
    "h12-thunderbird-meetup-members-csv-reporter-row.eml": dict(
        mail_from="farid.haddad@proton.me", secrets=["farid.haddad", "318842771"], names=["Farid Haddad"],
        evidence=["Jonas Weber,220019345,Organizer", "members/220019345/"]),
    "h12-proton-password-protected-message-notification.eml": dict(
        mail_from="farid.haddad@proton.me", secrets=["farid.haddad", "FaridHaddad"], names=["Farid Haddad"],
        evidence=["password-protected message", "https://mail.proton.me/eo/message/AbCdEfGh1234"]),
    "h12-apple-mail-personal-meeting-links-glued-name.eml": dict(
        mail_from="farid.haddad@proton.me", secrets=["farid.haddad", "faridhaddad", "Farid_Haddad"],
        names=["Farid Haddad"], evidence=["https://zoom.us/my/pycon", "https://calendly.com/", "Jonas Weber"]),
    "h12-outlook-word-save-as-web-page-htm-documentproperties.eml": dict(
        mail_from="rebecca.osullivan@eircom.net", secrets=["rebecca.osullivan", "Kerry Analytics"],
        names=["Rebecca O'Sullivan"], evidence=["Liam Byrne made repeated sexual comments"]),
    "h12-outlook-word-htm-custom-properties-manager.eml": dict(
        mail_from="rebecca.osullivan@eircom.net", secrets=["Kerry Analytics", "Siobhan Kerrigan", "KA-20417"],
        names=["Rebecca O'Sullivan"], evidence=["Liam Byrne followed me to the car park"]),
    "h12-outlook-xlsx-sheet-name-and-print-titles-name.eml": dict(
        mail_from="ingrid.olsen@telenor.no", secrets=["ingrid.olsen"], names=["Ingrid Olsen", "Olsen"],
        evidence=["What Per Nilsen did", "Timeline (reporter)"]),
    "h12-outlook-xlsx-second-sheet-and-defined-name-in-formula.eml": dict(
        mail_from="ingrid.olsen@telenor.no", secrets=["ingrid.olsen", "IngridOlsen"], names=["Ingrid Olsen", "Olsen"],
        evidence=["Per Nilsen blocked the exit"]),
    "h12-libreoffice-ods-sheet-and-named-range-french.eml": dict(
        mail_from="zoe.berube@videotron.ca", secrets=["zoe.berube", "Berube_dates"], names=["Zoé Bérubé", "Bérubé"],
        evidence=["Maxime Gagnon m'a insultée au meetup", "Chronologie (reporter)"]),
}
SPREADSHEETS = [n for n in REPORTS if "xlsx" in n or "ods" in n]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_reports(CORPUS, {name: report["mail_from"] for name, report in REPORTS.items()}, tmp_path_factory)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_report_becomes_a_case_forwarded_to_every_member_with_its_evidence(results, name):
    check_forwarded_with_evidence(results[name], REPORTS[name]["evidence"])
    acks = [m for m in results[name][1] if "Your report was received" in str(m["Subject"])]
    assert [m.rcpt_tos for m in acks] == [[REPORTS[name]["mail_from"]]]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_member_bound_byte_carries_the_reporter(results, name):
    check_no_secret(results[name][1], REPORTS[name]["secrets"], REPORTS[name]["names"], _as_a_json_reader_shows_it)


def _as_a_json_reader_shows_it(text):
    """`text` with `\\u00XX` escapes decoded and UTF-8 read as Latin-1 repaired, as the tools
    that read a Facebook export (and a member curious who "ZoÃ©" is) show it."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)

    def repaired(match):
        try:
            return match.group(0).encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return match.group(0)
    return re.sub(r"[\u00c2-\u00f4][\u0080-\u00bf]{1,3}", repaired, text)


@pytest.mark.parametrize("name", SPREADSHEETS)
def test_a_renamed_sheet_is_renamed_in_every_reference_to_it(results, name):
    """A formula or print title that still named the old sheet would point at nothing."""
    forward = forwards(results[name][1])[0]
    seen = readable_text(forward.msg)
    sheets = re.findall(r'<sheet name="([^"]+)"|<table:table [^>]*?table:name="([^"]+)"', seen)
    sheets = [xlsx or ods for xlsx, ods in sheets]
    assert sheets and all("[" not in s and "]" not in s and len(s) <= 31 for s in sheets)
    for reference in re.findall(r"'([^']+)'[!.]", seen):       # xlsx 'Sheet'!A1, ods $'Sheet'.A1
        assert reference in sheets, reference
    for defined in re.findall(r'<definedName name="([^"]+)"|<table:named-range table:name="([^"]+)"', seen):
        assert re.fullmatch(r"[\w.]+", "".join(defined)), defined
