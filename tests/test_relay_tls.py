"""The relay over TLS: STARTTLS on the submission port and implicit TLS, each with and without
PIPELINING. aiosmtplib does the handshake, checks the certificate and logs in; a pipelining
relay's connection is then taken over for the transactions (outbound/relay_connection.py),
so the mail must still go over the encrypted connection. A real aiosmtpd relay on loopback
with a certificate made here, trusted through SSL_CERT_FILE as a system CA would be."""

import asyncio
import datetime
import ipaddress
import ssl

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from harness import Sink, _free_port
from mailrouter.errors import TemporaryDeliveryError
from mailrouter.outbound.relay_connection import Pipelined, Stepwise
from mailrouter.outbound.transports import SMTPTransport
from mailrouter.settings.config import SMTPRelay

MESSAGE = b"From: conduct@example.org\r\nTo: ana@example.org\r\nSubject: a case\r\n\r\n.dot line\r\nbody\r\n"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1: (certificate file, key file)."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "relay.test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                      serialization.NoEncryption()))
    return folder / "cert.pem", folder / "key.pem"


class TLSRelay(Sink):
    """The harness sink, behind STARTTLS (required) or implicit TLS."""

    def __init__(self, certificate, implicit, pipelining):
        super().__init__(pipelining=pipelining)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, certificate))
        self.secured = []
        if implicit:
            self.controller = Controller(self, hostname="127.0.0.1", port=_free_port(), enable_SMTPUTF8=True,
                                         ssl_context=context)
        else:
            self.controller = Controller(self, hostname="127.0.0.1", port=_free_port(), enable_SMTPUTF8=True,
                                         tls_context=context, require_starttls=True)

    async def handle_DATA(self, server, session, envelope):
        self.secured.append(server.transport.get_extra_info("ssl_object") is not None)
        return await super().handle_DATA(server, session, envelope)


def send(relay, security, recipients):
    async def run():
        transport = SMTPTransport(SMTPRelay(host="127.0.0.1", port=relay.port, security=security, timeout=5), 1)
        answers = [await transport.send("conduct@example.org", r, MESSAGE) for r in recipients]
        kinds = [type(c) for c in transport.idle._queue]
        await transport.close()
        return answers, kinds
    return asyncio.run(run())


@pytest.mark.parametrize("implicit, security", [(False, "starttls"), (True, "tls")])
@pytest.mark.parametrize("pipelining, kind", [(True, Pipelined), (False, Stepwise)])
def test_mail_goes_over_tls_with_or_without_pipelining(certificate, monkeypatch, implicit, security, pipelining, kind):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    relay = TLSRelay(certificate, implicit, pipelining).start()
    try:
        answers, kinds = send(relay, security, ["ana@example.org", "bo@example.org"])
        received = relay.wait_for(2)
    finally:
        relay.stop()
    assert answers == ["250", "250"] and kinds == [kind]
    assert relay.secured == [True, True]
    assert [m.data for m in received] == [MESSAGE, MESSAGE]


def test_a_relay_whose_certificate_is_not_trusted_gets_no_mail(certificate):
    relay = TLSRelay(certificate, implicit=False, pipelining=True).start()
    try:
        with pytest.raises(TemporaryDeliveryError):
            send(relay, "starttls", ["ana@example.org"])
    finally:
        relay.stop()
    assert relay.all() == []
