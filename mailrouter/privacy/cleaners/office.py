"""Clean copies of Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) files.

The package's XML is edited in place, member by member: document properties are emptied,
comment and tracked-change authors blanked, and every text node passed through the
scrubber (node by node: a name split across two formatting runs is not found). Each XML
part is first parsed by defusedxml, which refuses DTDs and entities; the edit itself uses
lxml, because ElementTree renames namespace prefixes and Office then refuses a file whose
`mc:Ignorable` prefixes no longer exist. Images inside are cleaned like attachments, and
nested packages (the spreadsheet behind a chart) like this one. Unchanged parts keep their
exact content; the zip keeps its member order and compression methods.
"""

import io
import re
import zipfile

import defusedxml.ElementTree
from lxml import etree

from mailrouter.privacy.cleaners import (MAX_ZIP_BYTES, MAX_ZIP_MEMBERS, TOO_LARGE,
                                         Uncleanable, Unreadable, sniff)
from mailrouter.privacy.cleaners.images import PIL_FORMATS, clean_image
from mailrouter.privacy.cleaners.letterheads import (Letterheads, clean_sheet_header, drop_own_numbers,
                                                     is_sheet_header)
from mailrouter.privacy.cleaners.paths import local_path_cleaned, without_user_folders
from mailrouter.privacy.cleaners.pdf import clean_pdf
from mailrouter.privacy.cleaners.sheets import renamed_sheets

DC = "http://purl.org/dc/elements/1.1/"
ODF_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_CONFIG = "urn:oasis:names:tc:opendocument:xmlns:config:1.0"
XML_SUFFIXES = (".xml", ".rels", ".rdf")
EMPTIED_PARTS = {"docProps/core.xml", "docProps/custom.xml"}      # the root stays, bare
APP_DROPPED = {"Company", "Manager", "Template", "HyperlinkBase", "HLinks"}
ODF_PRINTER_ITEMS = {"PrinterName", "PrinterSetup"}               # "Noa's laser printer"
BLANKED_ATTRIBUTES = {"author", "initials", "displayName", "userId", "providerId"}
AUTHOR_ELEMENTS = {"cmAuthor", "author"}                          # their `name` is a person
SCRUBBED_ATTRIBUTES = {"descr", "title", "tooltip", "href"}       # alt text, link titles
NEUTRAL_DATE = "1970-01-01T00:00:00"     # ODF change-info requires a dc:date
# SharePoint and Purview person fields in a package's custom XML data (`customXml/item1.xml`):
# a document owner's or author's `<UserInfo><DisplayName>`, `<pc:Person><pc:AccountId>`.
PERSON_ELEMENTS = {"UserInfo", "Person", "DisplayName", "AccountId", "LoginName", "Email", "EMail",
                   "UserPrincipalName", "UserName", "PrincipalName", "Claims"}
DROPPED_ELEMENTS = {"absPath"}           # where the file was saved: C:\\Users\\Name\\…
PRINTER_SETTINGS = re.compile(r"printerSettings\d*\.bin$")
DEVICE_NAME_BYTES = 64                    # DEVMODE's dmDeviceName: a printer named after its owner
MAX_NESTING = 3
UNCLEANABLE_INSIDE = {
    "ole2": ("a document with embedded legacy Office objects or macros whose metadata "
             "cannot be removed"),
    "media": "a document with embedded audio or video whose metadata cannot be removed",
    "archive": "a document with an embedded archive, and archives are never opened",
    "executable": "a document with an embedded program",
}


class _Budget:
    """Work left for one attachment, shared by nested packages so nesting cannot multiply it."""

    def __init__(self):
        self.members, self.bytes = MAX_ZIP_MEMBERS, MAX_ZIP_BYTES

    def spend(self, infos):
        self.members -= len(infos)
        self.bytes -= sum(info.file_size for info in infos)
        if self.members < 0 or self.bytes < 0:
            raise Unreadable(TOO_LARGE)


def clean_package(data, kind, scrub_text, budget=None, depth=0):
    """(clean bytes, changed) for an 'ooxml' or 'odf' package; raises Unreadable/Uncleanable."""
    budget = budget or _Budget()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
        budget.spend(infos)
        members = [(info, _read_member(package, info)) for info in infos]
    cleaned = [(info, _clean_member(info.filename, content, kind, scrub_text, budget, depth))
               for info, content in renamed_sheets(members, scrub_text)]
    changed = any(new is not old for (_, old), (_, new) in zip(members, cleaned))
    return _write_package(cleaned, kind), changed


def _read_member(package, info):
    with package.open(info) as member:
        content = member.read(info.file_size + 1)
    if len(content) != info.file_size:             # the directory lied about the size
        raise Unreadable()
    return content


def _clean_member(name, content, kind, scrub_text, budget, depth):
    """The member's clean content; the very same object when nothing changed."""
    inner = sniff(content)
    if inner in PIL_FORMATS:
        clean, changed = clean_image(content, inner)
    elif inner in ("ooxml", "odf") and depth < MAX_NESTING:
        clean, changed = clean_package(content, inner, scrub_text, budget, depth + 1)
    elif inner == "pdf":
        clean, changed, _ = clean_pdf(content, scrub_text)
    elif inner in UNCLEANABLE_INSIDE or inner in ("ooxml", "odf"):
        raise Uncleanable(UNCLEANABLE_INSIDE.get(inner, "a document nested too deeply"))
    elif name.endswith(XML_SUFFIXES) and content.strip():
        clean, changed = _clean_xml(name, content, kind, scrub_text)
    elif PRINTER_SETTINGS.search(name) and content[:DEVICE_NAME_BYTES].strip(b"\0"):
        clean, changed = bytes(DEVICE_NAME_BYTES) + content[DEVICE_NAME_BYTES:], True
    else:
        return content
    return clean if changed else content


def _hardened_parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=False)


def _clean_xml(name, content, kind, scrub_text):
    """(bytes, changed) for one XML part; lxml keeps every namespace prefix as it was."""
    defusedxml.ElementTree.fromstring(content, forbid_dtd=True)   # raises on DTD or entities
    root = etree.fromstring(content, parser=_hardened_parser())
    changed = _clean_properties(name, root, kind) | _blank_people(name, root)
    changed |= _remove([node for node in root.iter() if isinstance(node.tag, str)
                        and _local(node) in DROPPED_ELEMENTS])
    letterheads = Letterheads(name, root)
    for node in root.iter():
        if isinstance(node.tag, str) and is_sheet_header(node):
            changed |= clean_sheet_header(node, scrub_text)
        else:
            changed |= _clean_node(node, kind, scrub_text)
    letterheads.drop_numbers_if_named(changed)
    changed |= drop_own_numbers(root)
    if not changed:
        return content, False
    tree = root.getroottree()
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                          standalone=tree.docinfo.standalone), True


def _remove(elements):
    for element in elements:
        element.getparent().remove(element)
    return bool(elements)


def _clean_properties(name, root, kind):
    """Empty the parts that are nothing but metadata about the file and its author."""
    if name in EMPTIED_PARTS or (kind == "odf" and name == "meta.xml"):
        targets = [root] if name in EMPTIED_PARTS else root.findall(f"{{{ODF_OFFICE}}}meta")
        children = [child for target in targets for child in target]
        for target in targets:
            target.text = None
        return _remove(children)
    if name == "docProps/app.xml":
        return _remove([child for child in root if _local(child) in APP_DROPPED])
    if kind == "odf" and name == "settings.xml":
        items = root.iter(f"{{{ODF_CONFIG}}}config-item")
        return _remove([item for item in items
                        if item.get(f"{{{ODF_CONFIG}}}name") in ODF_PRINTER_ITEMS])
    return False


def _blank_people(name, root):
    """Empty the person fields of the package's custom XML data: their text and attributes."""
    if not name.lower().startswith("customxml/"):
        return False
    people = [node for node in root.iter() if isinstance(node.tag, str) and _local(node) in PERSON_ELEMENTS]
    changed = False
    for node in [inner for person in people for inner in person.iter() if isinstance(inner.tag, str)]:
        named = {key: "" for key, value in node.attrib.items()
                 if value and etree.QName(key).localname in PERSON_ELEMENTS | {"Name"}}
        if (node.text or "").strip() or named:
            node.text = ""
            node.attrib.update(named)
            changed = True
    return changed


def _local(node):
    return etree.QName(node).localname


def _clean_node(node, kind, scrub_text):
    """Blank author attributes and elements, scrub text and chosen attributes of one node."""
    changed = False
    if isinstance(node.tag, str):
        changed = _clean_attributes(node, scrub_text) | _blank_author_text(node, kind)
    for part in ("text", "tail"):
        value = getattr(node, part)
        if value and value.strip():
            scrubbed = without_user_folders(scrub_text(value))
            if scrubbed != value:
                setattr(node, part, scrubbed)
                changed = True
    return changed


def _clean_attributes(node, scrub_text):
    changed, element = False, _local(node)
    for key, value in list(node.attrib.items()):
        attribute = etree.QName(key).localname
        person = (attribute in BLANKED_ATTRIBUTES
                  or (attribute == "name" and element in AUTHOR_ELEMENTS))
        external = attribute == "Target" and node.get("TargetMode") == "External"
        if person and value:
            node.set(key, "")
        elif attribute in SCRUBBED_ATTRIBUTES or external:
            node.set(key, local_path_cleaned(scrub_text(value)))
        elif value:
            node.set(key, local_path_cleaned(value))
        changed |= node.get(key) != value
    return changed


def _blank_author_text(node, kind):
    """xl/comments `<author>` lists, ODF annotation and tracked-change creators and dates."""
    tag = etree.QName(node)
    if kind == "ooxml" and tag.localname == "author" and len(node) == 0:
        new = ""
    elif kind == "odf" and tag.text in (f"{{{DC}}}creator", f"{{{ODF_META}}}creator-initials"):
        new = ""
    elif kind == "odf" and tag.text == f"{{{DC}}}date":
        new = NEUTRAL_DATE
    else:
        return False
    if (node.text or "") == new:
        return False
    node.text = new
    return True


def _write_package(members, kind):
    """A fresh zip: same order and compression, neutral timestamps, no zip comment or extras."""
    if kind == "odf":    # readers sniff the type from a STORED `mimetype` that comes first
        members.sort(key=lambda member: member[0].filename != "mimetype")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info, content in members:
            fresh = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stored = kind == "odf" and info.filename == "mimetype"
            fresh.compress_type = zipfile.ZIP_STORED if stored else info.compress_type
            package.writestr(fresh, content)
    return out.getvalue()
