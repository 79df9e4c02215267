"""What a user or an attacker sees of referrals.crypto: it opens only where it should."""

import base64
import json
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referrals import crypto
from referrals.crypto import CryptoError

PASSPHRASE = b"correct horse battery staple"
PLAINTEXT = b'{"name": "Jelena", "phone": "+381 60 000 0000", "story": "..."}'


@pytest.fixture(scope="module")
def keypair():
    return crypto.generate_keypair()


@pytest.fixture(scope="module")
def priv(keypair):
    return keypair[0]


@pytest.fixture(scope="module")
def pub(keypair):
    return keypair[1]


@pytest.fixture(scope="module")
def sealed(pub):
    return crypto.seal(pub, PLAINTEXT, record_id="ref-1")


@pytest.fixture(scope="module")
def key_dir(tmp_path_factory):
    """One key pair on disk for the file tests (scrypt is slow on purpose)."""
    directory = tmp_path_factory.mktemp("keys")
    pub = crypto.write_keypair(directory, PASSPHRASE)
    return directory, pub


def test_round_trip(priv, pub, sealed):
    assert crypto.open_sealed(priv, sealed, record_id="ref-1") == PLAINTEXT


def test_empty_plaintext_round_trip(priv, pub):
    blob = crypto.seal(pub, b"", record_id="r")
    assert crypto.open_sealed(priv, blob, record_id="r") == b""


def test_blob_names_its_key_and_suite(pub, sealed):
    assert crypto.sealed_key_id(sealed) == pub.key_id
    assert pub.key_id.encode() in sealed
    assert crypto.DEFAULT_SUITE.encode() in sealed


def test_moved_to_another_record_fails(priv, sealed):
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, sealed, record_id="ref-2")


def test_record_ids_that_share_a_prefix_do_not_collide(priv, pub):
    blob = crypto.seal(pub, PLAINTEXT, record_id="1")
    for other in ("10", "11", "", " 1", "1 "):
        with pytest.raises(CryptoError):
            crypto.open_sealed(priv, blob, record_id=other)


def test_another_purpose_fails(priv, pub):
    blob = crypto.seal(pub, PLAINTEXT, record_id="ref-1", purpose="attachment")
    assert crypto.open_sealed(priv, blob, record_id="ref-1", purpose="attachment") == PLAINTEXT
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, blob, record_id="ref-1")  # default purpose: "referral"
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, blob, record_id="ref-1", purpose="followup")


def test_purpose_and_record_id_cannot_trade_characters(priv, pub):
    blob = crypto.seal(pub, PLAINTEXT, record_id="a:b", purpose="x")
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, blob, record_id="b", purpose="x:a")


def test_flipped_byte_anywhere_fails(priv, sealed):
    # Every byte: header (version, suite, key id), encapsulated key, ciphertext and tag.
    for i in range(len(sealed)):
        tampered = bytearray(sealed)
        tampered[i] ^= 0x01
        with pytest.raises(CryptoError):
            crypto.open_sealed(priv, bytes(tampered), record_id="ref-1")


def test_truncated_or_extended_blob_fails(priv, sealed):
    for n in range(len(sealed)):
        with pytest.raises(CryptoError):
            crypto.open_sealed(priv, sealed[:n], record_id="ref-1")
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, sealed + b"\x00", record_id="ref-1")


@pytest.mark.parametrize("junk", [b"", b"\x00", b"\x01", b"\xff" * 200, "text", None, 42])
def test_junk_is_a_crypto_error(priv, junk):
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, junk, record_id="ref-1")


def test_wrong_private_key_fails(sealed):
    other, _ = crypto.generate_keypair()
    with pytest.raises(CryptoError):
        crypto.open_sealed(other, sealed, record_id="ref-1")


def test_wrong_private_key_with_relabelled_blob_fails(pub, sealed):
    # Rewrite the key id in the header so it names the other key: the key schedule still differs.
    other, _ = crypto.generate_keypair()
    relabelled = sealed.replace(pub.key_id.encode(), other.key_id.encode())
    assert crypto.sealed_key_id(relabelled) == other.key_id
    with pytest.raises(CryptoError):
        crypto.open_sealed(other, relabelled, record_id="ref-1")


def test_error_carries_no_inner_cause(priv, sealed):
    with pytest.raises(CryptoError) as info:
        crypto.open_sealed(priv, sealed, record_id="ref-2")
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__


def test_sealed_blob_does_not_contain_the_plaintext(sealed):
    assert PLAINTEXT not in sealed
    assert b"Jelena" not in sealed
    assert b"Jelena" not in base64.b64encode(sealed)


def test_same_plaintext_sealed_twice_differs(pub):
    a = crypto.seal(pub, PLAINTEXT, record_id="ref-1")
    b = crypto.seal(pub, PLAINTEXT, record_id="ref-1")
    assert a != b


def test_public_key_round_trips_through_text(pub):
    text = crypto.dump_public_key(pub)
    json.loads(text)  # plain JSON, one line: fits an environment variable
    assert b"\n" not in text
    assert crypto.load_public_key(text) == pub
    assert crypto.load_public_key(text.decode()) == pub


def test_public_key_with_wrong_key_id_is_refused(pub):
    doc = json.loads(crypto.dump_public_key(pub))
    doc["key_id"] = "0" * 16
    with pytest.raises(CryptoError):
        crypto.load_public_key(json.dumps(doc))


@pytest.mark.parametrize("text", ["", "{}", "[]", "not json", '{"format": "x", "version": 1}'])
def test_malformed_public_key_is_refused(text):
    with pytest.raises(CryptoError):
        crypto.load_public_key(text)


def test_private_key_round_trip_with_passphrase(priv, pub):
    blob = crypto.dump_private_key(priv, PASSPHRASE)
    loaded = crypto.load_private_key(blob, PASSPHRASE)
    assert loaded.key_id == priv.key_id
    assert loaded.public_key() == pub
    sealed = crypto.seal(pub, PLAINTEXT, record_id="r")
    assert crypto.open_sealed(loaded, sealed, record_id="r") == PLAINTEXT
    with pytest.raises(CryptoError):
        crypto.load_private_key(blob, b"wrong passphrase")
    with pytest.raises(CryptoError):
        crypto.load_private_key(blob, b"")


def test_private_key_file_tampering_is_refused(priv):
    doc = json.loads(crypto.dump_private_key(priv, PASSPHRASE))
    _, other = crypto.generate_keypair()
    for field, value in [("key_id", other.key_id), ("suite", crypto.SUITE_MLKEM768_X25519)]:
        with pytest.raises(CryptoError):
            crypto.load_private_key(json.dumps({**doc, field: value}), PASSPHRASE)
    # A doctored file must not make us spend a gigabyte of memory, nor accept a weak KDF.
    for n in (2**10, 2**22, 3 * 2**15):
        kdf = {**doc["kdf"], "n": n}
        with pytest.raises(CryptoError):
            crypto.load_private_key(json.dumps({**doc, "kdf": kdf}), PASSPHRASE)


def test_key_files_on_disk(key_dir):
    directory, pub = key_dir
    key_file = directory / f"{pub.key_id}.key"
    pub_file = directory / f"{pub.key_id}.pub"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(pub_file.stat().st_mode) == 0o644
    assert crypto.load_public_key(pub_file.read_bytes()) == pub

    priv = crypto.load_private_key(key_file.read_bytes(), PASSPHRASE)
    assert priv.public_key() == pub
    with pytest.raises(CryptoError):
        crypto.load_private_key(key_file.read_bytes(), b"not the passphrase")


def test_private_key_file_is_not_plaintext(key_dir):
    directory, pub = key_dir
    content = (directory / f"{pub.key_id}.key").read_bytes()
    raw = crypto.load_private_key(content, PASSPHRASE).key.private_bytes_raw()
    assert raw not in content
    for encode in (base64.b64encode, base64.urlsafe_b64encode, bytes.hex):
        encoded = encode(raw)
        encoded = encoded.encode() if isinstance(encoded, str) else encoded
        assert encoded not in content
    assert PASSPHRASE not in content


def test_public_key_file_cannot_open_anything(key_dir):
    directory, pub = key_dir
    pub_file = (directory / f"{pub.key_id}.pub").read_bytes()
    priv = crypto.load_private_key((directory / f"{pub.key_id}.key").read_bytes(), PASSPHRASE)
    raw_private = priv.key.private_bytes_raw()
    assert raw_private not in pub_file
    assert base64.b64encode(raw_private) not in pub_file
    with pytest.raises(CryptoError):
        crypto.load_private_key(pub_file, PASSPHRASE)
    # Even used as if it were a private scalar, the public key bytes open nothing.
    sealed = crypto.seal(pub, PLAINTEXT, record_id="r")
    as_private = crypto.private_from_raw(pub.suite, pub.raw)
    forged = crypto.PrivateKey(pub.key_id, pub.suite, as_private.key, as_private.parts)
    with pytest.raises(CryptoError):
        crypto.open_sealed(forged, sealed, record_id="r")


def test_write_keypair_refuses_to_overwrite(key_dir, monkeypatch):
    directory, pub = key_dir
    key_file = directory / f"{pub.key_id}.key"
    before = key_file.read_bytes()
    existing = crypto.load_private_key(before, PASSPHRASE)
    # Force the generator to produce the same key again.
    monkeypatch.setattr(crypto, "generate_keypair", lambda suite: (existing, pub))
    with pytest.raises(FileExistsError):
        crypto.write_keypair(directory, b"another passphrase")
    assert key_file.read_bytes() == before


def test_write_keypair_refuses_when_only_pub_exists(tmp_path, monkeypatch):
    priv, pub = crypto.generate_keypair()
    monkeypatch.setattr(crypto, "generate_keypair", lambda suite: (priv, pub))
    (tmp_path / f"{pub.key_id}.pub").write_bytes(b"already here")
    with pytest.raises(FileExistsError):
        crypto.write_keypair(tmp_path, PASSPHRASE)
    assert (tmp_path / f"{pub.key_id}.pub").read_bytes() == b"already here"
    assert not (tmp_path / f"{pub.key_id}.key").exists()


def test_key_ids_are_stable_and_distinct(pub):
    assert len(pub.key_id) == 16
    assert crypto.load_public_key(crypto.dump_public_key(pub)).key_id == pub.key_id
    assert len({crypto.generate_keypair()[1].key_id for _ in range(20)}) == 20


@settings(max_examples=200, deadline=None)
@given(
    plaintext=st.binary(max_size=4096),
    record_id=st.text(min_size=1, max_size=64),
    other=st.text(min_size=1, max_size=64),
)
def test_property_round_trip(priv, pub, plaintext, record_id, other):
    blob = crypto.seal(pub, plaintext, record_id=record_id)
    assert crypto.open_sealed(priv, blob, record_id=record_id) == plaintext
    if other != record_id:
        with pytest.raises(CryptoError):
            crypto.open_sealed(priv, blob, record_id=other)


# --- hybrid post-quantum suite ----------------------------------------------------------------


@pytest.fixture(scope="module")
def pq_keypair():
    return crypto.generate_keypair(crypto.SUITE_MLKEM768_X25519)


def test_hybrid_round_trip(pq_keypair):
    priv, pub = pq_keypair
    assert pub.suite == crypto.SUITE_MLKEM768_X25519
    blob = crypto.seal(pub, PLAINTEXT, record_id="ref-9", purpose="attachment")
    assert crypto.SUITE_MLKEM768_X25519.encode() in blob
    assert crypto.open_sealed(priv, blob, record_id="ref-9", purpose="attachment") == PLAINTEXT
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, blob, record_id="ref-10", purpose="attachment")
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, blob, record_id="ref-9")


def test_hybrid_tampering_fails(pq_keypair):
    priv, pub = pq_keypair
    blob = crypto.seal(pub, PLAINTEXT, record_id="r")
    # Sample positions across the 1120-byte encapsulated key and the ciphertext.
    for i in list(range(0, len(blob), 37)) + [len(blob) - 1]:
        tampered = bytearray(blob)
        tampered[i] ^= 0x80
        with pytest.raises(CryptoError):
            crypto.open_sealed(priv, bytes(tampered), record_id="r")


def test_hybrid_keys_survive_the_files(pq_keypair):
    priv, pub = pq_keypair
    loaded_pub = crypto.load_public_key(crypto.dump_public_key(pub))
    loaded = crypto.load_private_key(crypto.dump_private_key(priv, PASSPHRASE), PASSPHRASE)
    blob = crypto.seal(loaded_pub, PLAINTEXT, record_id="r")
    assert crypto.open_sealed(loaded, blob, record_id="r") == PLAINTEXT


def test_suites_do_not_mix(priv, pq_keypair):
    pq_priv, pq_pub = pq_keypair
    blob = crypto.seal(pq_pub, PLAINTEXT, record_id="r")
    with pytest.raises(CryptoError):
        crypto.open_sealed(priv, blob, record_id="r")
