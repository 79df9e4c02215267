"""The triage keys as this process sees them, by role.

Every role may seal: it reads the public key named first by TRIAGE_PUBLIC_KEY_FILE. Only the
internal role (and "all", in development) may open: the private key files and passphrase are read,
once per process (scrypt makes loading take about 0.3 s on purpose), the first time something
is decrypted. On the public role `private_keys()` refuses before it touches any file, whatever
the settings say, so a public server holds nothing that opens a referral.
"""

import logging
import threading
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from . import crypto

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_public = {}
_private = {}


class KeyUnavailable(Exception):
    """No usable key: the intake must refuse (503) and store nothing."""


class PrivateKeyRefused(KeyUnavailable):
    """The public role asked for a private key."""


def public_key_files():
    """The files TRIAGE_PUBLIC_KEY_FILE lists, comma-separated, the current key first."""
    return [p.strip() for p in settings.TRIAGE_PUBLIC_KEY_FILE.split(",") if p.strip()]


def public_key():
    """The key new referrals are sealed to, or KeyUnavailable.

    During a key rotation TRIAGE_PUBLIC_KEY_FILE may list several keys; the FIRST is the
    current one, the same order as TRIAGE_PRIVATE_KEY_FILE. Order, not a date: a key file
    holds no creation time (referrals/crypto.py), and a date written by whichever machine made
    the key would be no more trustworthy than the order the operator chose. The others are not
    read, so a removed old file never stops the intake; `manage.py reseal_referrals` checks
    that the first public and the first private key are one pair before it re-seals anything.
    """
    paths = public_key_files()
    if not paths:
        raise KeyUnavailable("TRIAGE_PUBLIC_KEY_FILE is not set")
    path = paths[0]
    cached = _public.get(path)
    if cached is not None:
        return cached
    try:
        key = crypto.load_public_key(Path(path).read_bytes())
    except (OSError, crypto.CryptoError) as error:
        # The message names the setting, never a referral.
        logger.error("triage public key unusable (%s): %s", path, type(error).__name__)
        raise KeyUnavailable("the triage public key cannot be read") from None
    _public[path] = key
    return key


def _passphrase():
    if settings.TRIAGE_KEY_PASSPHRASE:
        return settings.TRIAGE_KEY_PASSPHRASE.encode("utf-8")
    if settings.TRIAGE_KEY_PASSPHRASE_FILE:
        try:
            return Path(settings.TRIAGE_KEY_PASSPHRASE_FILE).read_bytes().strip()
        except OSError:
            raise KeyUnavailable("the key passphrase file cannot be read") from None
    raise KeyUnavailable("TRIAGE_KEY_PASSPHRASE is not set")


def private_keys():
    """{key_id: PrivateKey} of every configured private key (the current one and any older
    ones kept for records sealed before a rotation). Never on the public role."""
    if settings.SITE_ROLE == "public":
        raise PrivateKeyRefused("the public role never loads a private key")
    paths = [p.strip() for p in settings.TRIAGE_PRIVATE_KEY_FILE.split(",") if p.strip()]
    if not paths:
        raise KeyUnavailable("TRIAGE_PRIVATE_KEY_FILE is not set")
    with _lock:
        cache_key = tuple(paths)
        if cache_key not in _private:
            passphrase = _passphrase()
            keys = {}
            for path in paths:
                try:
                    key = crypto.load_private_key(Path(path).read_bytes(), passphrase)
                except (OSError, crypto.CryptoError):
                    raise KeyUnavailable(f"cannot load the private key {path}") from None
                keys[key.key_id] = key
            _private[cache_key] = keys
        return _private[cache_key]


def open_blob(blob, *, record_id, purpose):
    """Decrypt one sealed blob with whichever configured private key it names."""
    key_id = crypto.sealed_key_id(bytes(blob))
    key = private_keys().get(key_id)
    if key is None:
        raise KeyUnavailable(f"no private key {key_id} is configured")
    return crypto.open_sealed(key, bytes(blob), record_id=record_id, purpose=purpose)


def forget():
    """Drop the cached keys (settings changed, or a test)."""
    with _lock:
        _public.clear()
        _private.clear()


@receiver(setting_changed)
def _on_setting_changed(setting, **kwargs):
    if setting.startswith("TRIAGE_") or setting == "SITE_ROLE":
        forget()
