"""Sealed payloads (P10): AES-GCM under a key derived from the identity key, and the Fernet
tokens written by earlier versions still open."""

import pytest
from cryptography.fernet import Fernet

from mailrouter.errors import SpoolError
from mailrouter.privacy.sealing import GCM, Sealer


def test_a_payload_is_sealed_with_aes_gcm_and_opens_again():
    sealer = Sealer(Fernet.generate_key())
    token = sealer.seal(b"mail for reporter@example.net")
    assert token.startswith(GCM) and b"reporter@example.net" not in token
    assert sealer.open(token) == b"mail for reporter@example.net"
    assert sealer.seal(b"same") != sealer.seal(b"same")          # a fresh nonce each time


def test_a_fernet_token_from_before_still_opens():
    key = Fernet.generate_key()
    assert Sealer(key).open(Fernet(key).encrypt(b"old journal")) == b"old journal"


@pytest.mark.parametrize("damage", ["other key", "flipped bit", "cut short", "no nonce"])
def test_a_sealed_payload_that_is_damaged_or_foreign_is_refused(damage):
    key = Fernet.generate_key()
    token = bytearray(Sealer(key).seal(b"x" * 100))
    opener = Sealer(Fernet.generate_key() if damage == "other key" else key)
    if damage == "flipped bit":
        token[-20] ^= 1
    elif damage == "cut short":
        token = token[:-5]
    elif damage == "no nonce":
        token = token[:len(GCM) + 4]
    with pytest.raises(SpoolError):
        opener.open(bytes(token))


def test_envelope_fields_stay_fernet_text():
    key = Fernet.generate_key()
    sealed = Sealer(key).seal_text("reporter@example.net")
    assert sealed.startswith("sealed:gAAAAA")
    assert Sealer(key).open_text(sealed) == "reporter@example.net"
