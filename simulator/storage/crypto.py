"""Crypto-shredding: every trainee's personal text is encrypted with a data key of their own.

A data key is 32 random bytes used with AES-256-GCM (``cryptography``). Keys
live in the ``trainee_keys`` table, one row per owner (a pseudonym, or
``anonymous`` for calls without a trainee). When ``SIMULATOR_ORG_KEY`` is
set, new keys are stored *wrapped* (encrypted) with a key derived from it, so
a copy of the database alone reveals nothing; the store remembers a check
value, so a missing or wrong organisation key is one clear error instead of
garbage. Deleting a trainee deletes their key row: whatever survives in dead
tuples, the WAL, free pages or backups is ciphertext nobody can read.

Blob layout: ``b'\\x01'`` (version) + 12-byte nonce + ciphertext + 16-byte tag.
The associated data binds a blob to its owner and purpose (``name``,
``text``, ``reply``, ``evidence``, ``note``), so blobs cannot be swapped
between people or columns unnoticed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from simulator.errors import SimulatorError

ORG_KEY_VAR = "SIMULATOR_ORG_KEY"
"""Environment variable holding the organisation key that wraps the data keys (optional)."""
VERSION = b"\x01"
"""First byte of every blob written by this module."""
ANONYMOUS = "anonymous"
"""Key owner of calls stored without a trainee."""
_CHECK = b"simulator organisation key check v1"
"""Plaintext of the check value that tells a right organisation key from a wrong one."""


class DataKeyError(SimulatorError):
    """A data key is missing, damaged, or cannot be unwrapped (exit 4): one line, nothing written."""

    exit_code = 4


def _aesgcm(key: bytes) -> Any:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def new_key() -> bytes:
    """32 random bytes: a fresh data key."""
    return os.urandom(32)


def normalise_name(name: str) -> str:
    """The identity form of a display name: NFC, whitespace collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def name_index(secret: bytes, name: str) -> str:
    """HMAC-SHA256 of the normalised name (hex): a unique key for identity that does not show the name."""
    return hmac.new(secret, normalise_name(name).encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class OrgKey:
    """The organisation key from the environment, as a key-encryption key."""

    kek: bytes
    """32 bytes derived (HKDF-SHA256) from the SIMULATOR_ORG_KEY value."""

    @classmethod
    def from_env(cls) -> OrgKey | None:
        """The key in $SIMULATOR_ORG_KEY, or None when unset or empty."""
        raw = os.environ.get(ORG_KEY_VAR, "")
        if not raw.strip():
            return None
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"simulator org key v1").derive(raw.strip().encode())
        return cls(kek)

    def wrap(self, key: bytes, owner: str) -> bytes:
        """The data key encrypted for storage."""
        return seal(self.kek, key, f"key|{owner}")

    def unwrap(self, blob: bytes, owner: str) -> bytes:
        """The data key from its stored form; DataKeyError when this is not the key that wrapped it."""
        try:
            return open_blob(self.kek, blob, f"key|{owner}")
        except DataKeyError:
            raise DataKeyError(f"the data key of {owner} cannot be unwrapped with ${ORG_KEY_VAR}: "
                            "wrong organisation key or damaged key table") from None

    def check_value(self) -> str:
        """A value stored once per store to recognise this key again (base64)."""
        return base64.b64encode(seal(self.kek, _CHECK, "check")).decode("ascii")

    def matches(self, check: str) -> bool:
        """Whether a stored check value was made with this key."""
        try:
            return open_blob(self.kek, base64.b64decode(check), "check") == _CHECK
        except (DataKeyError, ValueError):
            return False


def seal(key: bytes, plaintext: bytes, purpose: str) -> bytes:
    """Encrypt ``plaintext`` (AES-256-GCM, random nonce) bound to ``purpose``."""
    nonce = os.urandom(12)
    return VERSION + nonce + _aesgcm(key).encrypt(nonce, plaintext, purpose.encode("utf-8"))


def open_blob(key: bytes, blob: bytes, purpose: str) -> bytes:
    """Decrypt a blob made by :func:`seal`; DataKeyError when it was not made with this key and purpose."""
    from cryptography.exceptions import InvalidTag

    blob = bytes(blob)
    if len(blob) < 29 or blob[:1] != VERSION:
        raise DataKeyError(f"an encrypted {purpose.split('|')[0]} value is damaged (bad header)")
    try:
        return _aesgcm(key).decrypt(blob[1:13], blob[13:], purpose.encode("utf-8"))
    except (InvalidTag, ValueError):
        raise DataKeyError(f"an encrypted {purpose.split('|')[0]} value does not match its key (damaged data or key table)") from None


@dataclass(frozen=True, slots=True)
class DataKey:
    """An owner's data key, ready to encrypt and decrypt their texts."""

    owner: str
    """Pseudonym or ANONYMOUS."""
    key: bytes
    """32 bytes."""

    def encrypt(self, value: str | None, purpose: str) -> bytes | None:
        """Text -> blob (None stays None)."""
        if value is None:
            return None
        return seal(self.key, value.encode("utf-8"), f"{purpose}|{self.owner}")

    def decrypt(self, blob: bytes | None, purpose: str) -> str | None:
        """Blob -> text (None stays None)."""
        if blob is None:
            return None
        return open_blob(self.key, blob, f"{purpose}|{self.owner}").decode("utf-8")

    def encrypt_json(self, value: Any, purpose: str) -> bytes | None:
        """JSON-ready value -> blob (None stays None)."""
        return None if value is None else self.encrypt(json.dumps(value, ensure_ascii=False), purpose)

    def decrypt_json(self, blob: bytes | None, purpose: str) -> Any:
        """Blob -> JSON value (None stays None)."""
        text = self.decrypt(blob, purpose)
        return None if text is None else json.loads(text)
