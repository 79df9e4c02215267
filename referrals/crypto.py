"""Sealing referral data to the triage key with HPKE (RFC 9180).

The public tier holds only a PublicKey and can seal; the internal tier holds the PrivateKey
(stored encrypted with a passphrase) and opens. Pure Python on top of `cryptography`: no Django,
so it can be tested, benchmarked and used by management commands alone.

Sealed blob, version 1 (all lengths in bytes):

    version    1        0x01
    suite_len  1        n
    suite      n        ASCII suite id, e.g. SUITE_X25519
    kid_len    1        m
    key_id     m        ASCII, 16 lowercase hex digits
    enc        E        HPKE encapsulated key (32 for X25519, 1120 for ML-KEM-768+X25519)
    ct         rest     AES-256-GCM ciphertext and 16-byte tag

The header is in the clear so a record says which key and suite sealed it, and it is also part
of the HPKE `info` together with purpose and record_id: editing any of them, or moving the blob
to another record or purpose, changes the key schedule and the blob no longer opens.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import pathlib
import re
import struct
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

SUITE_X25519 = "DHKEM-X25519-HKDF-SHA256/HKDF-SHA256/AES-256-GCM"
SUITE_MLKEM768_X25519 = "MLKEM768-X25519/HKDF-SHA256/AES-256-GCM"
DEFAULT_SUITE = SUITE_X25519

_HPKE_SUITES = {
    SUITE_X25519: hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM),
    SUITE_MLKEM768_X25519: hpke.Suite(
        hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM
    ),
}
_ENC_LEN = {
    SUITE_X25519: hpke.KEM.X25519.enc_length(),
    SUITE_MLKEM768_X25519: hpke.KEM.MLKEM768_X25519.enc_length(),
}
SUITES = tuple(_HPKE_SUITES)

_BLOB_VERSION = 1
_INFO_LABEL = b"cpvt-referrals/seal/v1"
_TAG_LEN = 16
_X25519_LEN = 32
_MLKEM768_PUB_LEN = 1184
_MLKEM768_SEED_LEN = 64
_KEY_ID_RE = re.compile(r"[0-9a-f]{16}\Z")

_PUBLIC_FORMAT = "cpvt-referrals-public-key"
_PRIVATE_FORMAT = "cpvt-referrals-private-key"
# scrypt cost: 2**17 * 8 * 128 bytes = 128 MiB and roughly 0.3 s per load. Loading accepts
# 2**15..2**20 so old files keep working and a doctored file cannot ask for unbounded memory.
SCRYPT_N = 2**17
_SCRYPT_R = 8
_SCRYPT_P = 1
_SCRYPT_N_RANGE = (2**15, 2**20)


class CryptoError(Exception):
    """Any failure to parse, load, seal or open. Deliberately carries no inner cause."""


# --- keys -----------------------------------------------------------------------------------


def _fingerprint(suite: str, raw: bytes) -> str:
    # The suite is hashed too, so the same bytes under another suite get another id.
    return hashlib.sha256(suite.encode() + b"\x00" + raw).hexdigest()[:16]


def _check_suite(suite: str) -> None:
    if suite not in _HPKE_SUITES:
        raise CryptoError("unknown suite")


def _hpke_public(suite: str, raw: bytes) -> Any:
    """The `cryptography` public key object for raw bytes; ValueError when malformed."""
    if suite == SUITE_X25519:
        if len(raw) != _X25519_LEN:
            raise ValueError("bad length")
        return x25519.X25519PublicKey.from_public_bytes(raw)
    if len(raw) != _MLKEM768_PUB_LEN + _X25519_LEN:
        raise ValueError("bad length")
    return hpke.MLKEM768X25519PublicKey(
        mlkem.MLKEM768PublicKey.from_public_bytes(raw[:_MLKEM768_PUB_LEN]),
        x25519.X25519PublicKey.from_public_bytes(raw[_MLKEM768_PUB_LEN:]),
    )


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    suite: str
    raw: bytes = field(repr=False)  # X25519: 32 bytes; hybrid: ML-KEM-768 key || X25519 key

    def __post_init__(self) -> None:
        # Refuse a key whose id does not match its bytes, so a blob is never mislabelled.
        _check_suite(self.suite)
        if not isinstance(self.raw, bytes):
            raise CryptoError("malformed public key")
        try:
            _hpke_public(self.suite, self.raw)
        except ValueError:
            raise CryptoError("malformed public key") from None
        if self.key_id != _fingerprint(self.suite, self.raw):
            raise CryptoError("key id does not match the public key")


@dataclass(frozen=True)
class PrivateKey:
    key_id: str
    suite: str
    key: Any = field(repr=False, compare=False)  # object given to hpke.Suite.decrypt
    # The component keys: the hybrid HPKE key object cannot be serialised, its parts can.
    parts: tuple = field(repr=False, compare=False)

    def public_key(self) -> PublicKey:
        return PublicKey(self.key_id, self.suite, _public_raw(self.parts))


def _public_raw(parts: tuple) -> bytes:
    return b"".join(p.public_key().public_bytes_raw() for p in parts)


def _private_from_parts(suite: str, parts: tuple) -> PrivateKey:
    if suite == SUITE_X25519:
        (key,) = parts
    else:
        key = hpke.MLKEM768X25519PrivateKey(*parts)
    return PrivateKey(_fingerprint(suite, _public_raw(parts)), suite, key, parts)


def private_from_raw(suite: str, raw: bytes) -> PrivateKey:
    """Raw private bytes: X25519 scalar (32), or ML-KEM-768 seed (64) || X25519 scalar (32)."""
    if suite == SUITE_X25519:
        if len(raw) != _X25519_LEN:
            raise ValueError("bad length")
        parts: tuple = (x25519.X25519PrivateKey.from_private_bytes(raw),)
    else:
        if len(raw) != _MLKEM768_SEED_LEN + _X25519_LEN:
            raise ValueError("bad length")
        parts = (
            mlkem.MLKEM768PrivateKey.from_seed_bytes(raw[:_MLKEM768_SEED_LEN]),
            x25519.X25519PrivateKey.from_private_bytes(raw[_MLKEM768_SEED_LEN:]),
        )
    return _private_from_parts(suite, parts)


def generate_keypair(suite: str = DEFAULT_SUITE) -> tuple[PrivateKey, PublicKey]:
    _check_suite(suite)
    if suite == SUITE_X25519:
        parts: tuple = (x25519.X25519PrivateKey.generate(),)
    else:
        parts = (mlkem.MLKEM768PrivateKey.generate(), x25519.X25519PrivateKey.generate())
    priv = _private_from_parts(suite, parts)
    return priv, priv.public_key()


# --- key files ------------------------------------------------------------------------------


def _b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64d(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not base64 text")
    return base64.b64decode(value.encode("ascii"), validate=True)


def _load_json(data: bytes | str, fmt: str) -> dict:
    try:
        obj = json.loads(data)
    except (ValueError, TypeError):
        raise CryptoError("not a key file") from None
    if not isinstance(obj, dict) or obj.get("format") != fmt or obj.get("version") != 1:
        raise CryptoError("not a key file of the expected kind")
    return obj


def dump_public_key(pub: PublicKey) -> bytes:
    """One line of JSON: fits in an environment variable as well as in a file."""
    doc = {"format": _PUBLIC_FORMAT, "version": 1, "suite": pub.suite, "key_id": pub.key_id}
    doc["key"] = _b64e(pub.raw)
    return json.dumps(doc, separators=(",", ":")).encode("ascii")


def load_public_key(data: bytes | str) -> PublicKey:
    obj = _load_json(data, _PUBLIC_FORMAT)
    try:
        raw = _b64d(obj.get("key"))
    except ValueError:
        raise CryptoError("malformed public key") from None
    suite, key_id = obj.get("suite"), obj.get("key_id")
    if not isinstance(suite, str) or not isinstance(key_id, str):
        raise CryptoError("malformed public key")
    return PublicKey(key_id, suite, raw)  # validates suite, bytes and key id


def _private_aad(suite: str, key_id: str) -> bytes:
    return _pack(b"cpvt-referrals/private-key/v1", suite, key_id)


def _scrypt(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def dump_private_key(priv: PrivateKey, passphrase: bytes) -> bytes:
    """JSON with the private key sealed by AES-256-GCM under a scrypt key from the passphrase."""
    if not isinstance(passphrase, bytes) or not passphrase:
        raise ValueError("passphrase must be non-empty bytes")
    # ML-KEM keys serialise as their 64-byte seed, X25519 keys as their 32-byte scalar.
    raw = b"".join(part.private_bytes_raw() for part in priv.parts)
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _scrypt(passphrase, salt, SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    ct = AESGCM(key).encrypt(nonce, raw, _private_aad(priv.suite, priv.key_id))
    doc = {"format": _PRIVATE_FORMAT, "version": 1, "suite": priv.suite, "key_id": priv.key_id}
    kdf = {"name": "scrypt", "n": SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P, "salt": _b64e(salt)}
    doc.update(kdf=kdf, aead="AES-256-GCM", nonce=_b64e(nonce), ciphertext=_b64e(ct))
    return json.dumps(doc, indent=2).encode("ascii") + b"\n"


def load_private_key(data: bytes | str, passphrase: bytes) -> PrivateKey:
    obj = _load_json(data, _PRIVATE_FORMAT)
    try:
        suite, key_id, kdf = obj["suite"], obj["key_id"], obj["kdf"]
        _check_suite(suite)
        if not isinstance(key_id, str) or not _KEY_ID_RE.match(key_id):
            raise ValueError("bad key id")
        if kdf["name"] != "scrypt" or obj["aead"] != "AES-256-GCM":
            raise ValueError("unsupported algorithm")
        n, r, p = kdf["n"], kdf["r"], kdf["p"]
        if not all(type(v) is int for v in (n, r, p)):
            raise ValueError("bad kdf parameters")
        if not (_SCRYPT_N_RANGE[0] <= n <= _SCRYPT_N_RANGE[1] and n & (n - 1) == 0):
            raise ValueError("bad kdf parameters")
        if not (1 <= r <= 16 and 1 <= p <= 4):
            raise ValueError("bad kdf parameters")
        salt, nonce, ct = _b64d(kdf["salt"]), _b64d(obj["nonce"]), _b64d(obj["ciphertext"])
        if len(salt) < 16 or len(nonce) != 12:
            raise ValueError("bad salt or nonce")
    except (KeyError, TypeError, ValueError, CryptoError):
        raise CryptoError("malformed private key file") from None
    if not isinstance(passphrase, bytes):
        raise CryptoError("passphrase must be bytes")
    try:
        key = _scrypt(passphrase, salt, n, r, p)
        raw = AESGCM(key).decrypt(nonce, ct, _private_aad(suite, key_id))
    except (InvalidTag, ValueError):
        raise CryptoError("cannot open the private key: wrong passphrase or damaged file") from None
    try:
        priv = private_from_raw(suite, raw)
    except ValueError:
        raise CryptoError("malformed private key") from None
    if priv.key_id != key_id:
        raise CryptoError("private key does not match its key id")
    return priv


def write_keypair(
    directory: pathlib.Path, passphrase: bytes, suite: str = DEFAULT_SUITE
) -> PublicKey:
    """Generate a key pair and write <key_id>.pub (0644) and <key_id>.key (0600)."""
    directory = pathlib.Path(directory)
    priv, pub = generate_keypair(suite)
    key_path = directory / f"{pub.key_id}.key"
    # O_EXCL: never overwrite, not even in a race; the private key file is created 0600 so it
    # is never readable by others, not even for an instant.
    _write_new(key_path, dump_private_key(priv, passphrase), 0o600)
    try:
        _write_new(directory / f"{pub.key_id}.pub", dump_public_key(pub) + b"\n", 0o644)
    except FileExistsError:
        key_path.unlink()
        raise
    return pub


def _write_new(path: pathlib.Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)  # the umask may have removed bits we want (0644)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


# --- sealing --------------------------------------------------------------------------------


def _pack(*fields: bytes | str) -> bytes:
    """Length-prefixed concatenation: ("ab", "c") and ("a", "bc") never encode the same."""
    encoded = [f.encode("utf-8") if isinstance(f, str) else f for f in fields]
    return b"".join(struct.pack(">H", len(b)) + b for b in encoded)


def _header(suite: str, key_id: str) -> bytes:
    s, k = suite.encode("ascii"), key_id.encode("ascii")
    return bytes([_BLOB_VERSION, len(s)]) + s + bytes([len(k)]) + k


def _info(header: bytes, record_id: str, purpose: str) -> bytes:
    return _pack(_INFO_LABEL, header, purpose, record_id)


def _check_context(record_id: str, purpose: str) -> None:
    for name, value in (("record_id", record_id), ("purpose", purpose)):
        if not isinstance(value, str) or not value or len(value.encode("utf-8")) > 1024:
            raise CryptoError(f"{name} must be a non-empty string of at most 1024 bytes")


def seal(pub: PublicKey, plaintext: bytes, *, record_id: str, purpose: str = "referral") -> bytes:
    _check_context(record_id, purpose)
    header = _header(pub.suite, pub.key_id)
    try:
        body = _HPKE_SUITES[pub.suite].encrypt(
            plaintext, _hpke_public(pub.suite, pub.raw), info=_info(header, record_id, purpose)
        )
    except ValueError:  # e.g. a degenerate X25519 public key
        raise CryptoError("cannot seal to this public key") from None
    return header + body


# Enough bytes for the header of any blob this module writes: a caller may read only this
# prefix of a large blob (key rotation counts blobs per key without loading attachments).
HEADER_MAX_LEN = 3 + max(len(s) for s in SUITES) + 16


def _parse_header(sealed: bytes) -> tuple[str, str, int]:
    try:
        if sealed[0] != _BLOB_VERSION:
            raise ValueError("unknown version")
        n = sealed[1]
        suite = sealed[2 : 2 + n].decode("ascii")
        m = sealed[2 + n]
        end = 3 + n + m
        key_id = sealed[3 + n : end].decode("ascii")
    except (IndexError, ValueError, TypeError):
        raise CryptoError("not a sealed blob") from None
    if suite not in _HPKE_SUITES or not _KEY_ID_RE.match(key_id) or len(sealed) < end:
        raise CryptoError("not a sealed blob")
    return suite, key_id, end


def sealed_header(prefix: bytes) -> tuple[str, str]:
    """(suite, key_id) from a blob or from its first HEADER_MAX_LEN bytes."""
    try:
        prefix = bytes(prefix)
    except TypeError:
        raise CryptoError("not a sealed blob") from None
    suite, key_id, _end = _parse_header(prefix)
    return suite, key_id


def _parse(sealed: bytes) -> tuple[str, str, bytes, memoryview]:
    """Split a blob into (suite, key_id, header, hpke_body) or raise CryptoError."""
    try:
        sealed = bytes(sealed)
    except TypeError:
        raise CryptoError("not a sealed blob") from None
    suite, key_id, end = _parse_header(sealed)
    body = memoryview(sealed)[end:]  # no copy of a large attachment
    if len(body) < _ENC_LEN[suite] + _TAG_LEN:
        raise CryptoError("sealed blob is truncated")
    return suite, key_id, sealed[:end], body


def sealed_key_id(sealed: bytes) -> str:
    """The id of the key a blob was sealed to (for choosing the key, or for rotation)."""
    return _parse(sealed)[1]


def open_sealed(
    priv: PrivateKey, sealed: bytes, *, record_id: str, purpose: str = "referral"
) -> bytes:
    _check_context(record_id, purpose)
    suite, key_id, header, body = _parse(sealed)
    if key_id != priv.key_id or suite != priv.suite:
        raise CryptoError(f"sealed to key {key_id}, not to {priv.key_id}")
    try:
        return _HPKE_SUITES[suite].decrypt(body, priv.key, info=_info(header, record_id, purpose))
    except (InvalidTag, ValueError):
        # Wrong record, wrong purpose, tampered or wrong key: one answer for all.
        raise CryptoError("cannot open: wrong record, purpose or key, or damaged data") from None
