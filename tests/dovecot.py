"""A real Dovecot IMAP server on loopback for the IMAP intake tests.

Each instance gets its own configuration, base_dir, state and Maildir under a fresh
temporary folder, a free port on 127.0.0.1 and a passwd-file user. It runs in the
foreground (`dovecot -F`) as a child of the test. As root, Dovecot's login processes run as
`dovenull` and mail is stored as `nobody` (Dovecot refuses uid 0 for both); otherwise
everything runs as the current user.

Options: `idle=False` removes IDLE from CAPABILITY (the poll fallback); `keeps_deleted`
(on by default) makes Dovecot copy every expunged message into Trash, as providers that
keep deleted mail do (lazy_expunge); `introspection_url` adds an OAuth2 passdb for XOAUTH2.

Without Dovecot installed the tests skip, except under CI=true, where they fail.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

USER = "conduct@example.org"
PASSWORD = "imap-secret"
CAPABILITY_WITHOUT_IDLE = ("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS MOVE "
                           "SPECIAL-USE NAMESPACE UNSELECT")


def dovecot_binary():
    found = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
    if found:
        return found
    reason = "Dovecot is not installed (Debian: apt-get install dovecot-imapd)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; under CI the IMAP tests must run")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout=45, what="the condition", interval=0.05):
    """Poll `condition` until it is true (no timed assertions: a generous ceiling only)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


class Dovecot:
    def __init__(self, idle=True, keeps_deleted=True, introspection_url=None, tls=False):
        self.binary = dovecot_binary()
        self.root = Path(tempfile.mkdtemp(prefix="mailrouter-dovecot-"))
        os.chmod(self.root, 0o755)           # the login user must reach base_dir
        self.port = free_port()
        self.tls_port = free_port() if tls else 0
        self.idle, self.keeps_deleted, self.introspection_url = idle, keeps_deleted, introspection_url
        if tls:
            make_certificate(self.root / "cert.pem", self.root / "key.pem")
        self.process = None
        self._write_config()

    # -- life cycle -------------------------------------------------------------------
    def start(self):
        self.process = subprocess.Popen([self.binary, "-F", "-c", str(self.root / "dovecot.conf")],
                                        stdout=subprocess.DEVNULL, stderr=open(self.root / "stderr", "ab"))
        wait_until(self._answers, timeout=30, what=f"Dovecot on port {self.port}\n{self.log()}")
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
        self.process = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def kill_imap_sessions(self):
        """Kill the `imap` processes serving clients: every connection drops at once."""
        import psutil
        killed = 0
        for child in psutil.Process(self.process.pid).children(recursive=True):
            if child.name() == "imap":
                child.kill()
                killed += 1
        return killed

    def log(self, whole=False):
        path = self.root / "dovecot.log"
        text = path.read_text(errors="replace") if path.exists() else "(no log)"
        return text if whole else text[-4000:]

    def _answers(self):
        if self.process.poll() is not None:
            raise AssertionError(f"Dovecot exited:\n{self.log()}\n{(self.root / 'stderr').read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                return sock.recv(64).startswith(b"* OK")
        except OSError:
            return False

    # -- as a mail client (the test's side) ------------------------------------------
    def client(self):
        client = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        client.login(USER, PASSWORD)
        return client

    def append(self, raw, folder="INBOX"):
        client = self.client()
        try:
            client.append(folder, raw)
        finally:
            client.logout()

    def messages(self, folder="INBOX"):
        """The raw messages in a folder (deleted-but-not-expunged ones included)."""
        client = self.client()
        try:
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            found = client.fetch(uids, [b"BODY.PEEK[]"]) if uids else {}
            return [found[uid][b"BODY[]"] for uid in sorted(found)]
        finally:
            client.logout()

    def recreate(self, folder):
        """Delete and create a folder again: a new UIDVALIDITY. Returns (old, new)."""
        client = self.client()
        try:
            old = client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"]
            client.delete_folder(folder)
            client.create_folder(folder)
            new = client.folder_status(folder, [b"UIDVALIDITY"])[b"UIDVALIDITY"]
            return old, new
        finally:
            client.logout()

    def create_folder(self, folder):
        client = self.client()
        try:
            client.create_folder(folder)
        finally:
            client.logout()

    def intake(self, **overrides):
        """The `intake:` section of a mailrouter config for this server."""
        password_file = self.root / "password"
        password_file.write_text(PASSWORD + "\n")
        section = {"method": "imap", "host": "127.0.0.1", "port": self.port, "security": "none",
                   "username": USER, "password_file": str(password_file), "timeout": "10s"}
        section.update(overrides)
        return {key: value for key, value in section.items() if value is not None}

    # -- configuration ----------------------------------------------------------------
    def _write_config(self):
        root = self.root
        for sub in ("mail", "home"):
            (root / sub).mkdir()
        if os.getuid() == 0:
            login_user, internal_user = "dovenull", "dovecot"
            mail_uid, mail_gid = pwd.getpwnam("nobody").pw_uid, pwd.getpwnam("nobody").pw_gid
            for sub in ("mail", "home"):
                os.chown(root / sub, mail_uid, mail_gid)
        else:
            login_user = internal_user = pwd.getpwuid(os.getuid()).pw_name
            mail_uid, mail_gid = os.getuid(), os.getgid()
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        os.chmod(root / "users", 0o644)
        (root / "dovecot.conf").write_text(self._config_text(login_user, internal_user, mail_uid, mail_gid))
        if self.introspection_url:
            (root / "oauth2.conf.ext").write_text(
                f"introspection_mode = post\nintrospection_url = {self.introspection_url}\n"
                "force_introspection = yes\nusername_attribute = username\n"
                "active_attribute = active\nactive_value = true\n")

    def _ssl(self):
        if not self.tls_port:
            return "ssl = no"
        return f"ssl = yes\nssl_cert = <{self.root}/cert.pem\nssl_key = <{self.root}/key.pem"

    def _config_text(self, login_user, internal_user, mail_uid, mail_gid):
        root = self.root
        oauth = (f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
                 f"  args = {root}/oauth2.conf.ext\n}}\n") if self.introspection_url else ""
        capability = f"imap_capability = {CAPABILITY_WITHOUT_IDLE}\n" if not self.idle else ""
        lazy = ("mail_plugins = $mail_plugins lazy_expunge\nplugin {\n  lazy_expunge = Trash\n}\n"
                if self.keeps_deleted else "")
        return f"""base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{self._ssl()}
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 1
mail_location = maildir:{root}/mail/%u
mailbox_idle_check_interval = 1 secs
{oauth}passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  mailbox Trash {{
    special_use = \\Trash
    auto = create
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port}
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
{capability}{lazy}"""


def make_certificate(cert_path, key_path):
    """A self-signed certificate for 127.0.0.1, which the tests also use as their CA file."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=30))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    os.chmod(key_path, 0o600)
