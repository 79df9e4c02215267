"""Time sealing and opening referral payloads, and loading the passphrase-protected key.

    python benchmarks/crypto_seal.py [-n RUNS]

Prints median and 95th percentile in microseconds. load_private_key is slow on purpose: scrypt
makes every passphrase guess cost the same.
"""

import argparse
import os
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from referrals import crypto  # noqa: E402


def measure(fn, runs, warmup=3):
    for _ in range(warmup):  # first calls pay for imports, allocator growth and page faults
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        times.append((time.perf_counter_ns() - start) / 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=200, help="runs per small operation")
    args = parser.parse_args()
    n = args.runs

    rows = []
    for suite, label in [(crypto.SUITE_X25519, "X25519"), (crypto.SUITE_MLKEM768_X25519, "PQ")]:
        priv, pub = crypto.generate_keypair(suite)
        for size, size_label, runs in [
            (2 * 1024, "2 KB", n),
            (1024 * 1024, "1 MB", max(5, n // 4)),
        ]:
            payload = os.urandom(size)
            sealed = crypto.seal(pub, payload, record_id="bench-1")
            rows.append(
                (
                    f"seal {size_label} [{label}]",
                    runs,
                    *measure(
                        lambda pub=pub, payload=payload: crypto.seal(
                            pub, payload, record_id="bench-1"
                        ),
                        runs,
                    ),
                )
            )
            rows.append(
                (
                    f"open {size_label} [{label}]",
                    runs,
                    *measure(
                        lambda priv=priv, sealed=sealed: crypto.open_sealed(
                            priv, sealed, record_id="bench-1"
                        ),
                        runs,
                    ),
                )
            )

    priv, _ = crypto.generate_keypair()
    key_file = crypto.dump_private_key(priv, b"benchmark passphrase")
    runs = max(3, n // 20)
    rows.append(
        (
            f"load_private_key (scrypt n=2**{crypto.SCRYPT_N.bit_length() - 1})",
            runs,
            *measure(lambda: crypto.load_private_key(key_file, b"benchmark passphrase"), runs),
        )
    )

    width = max(len(r[0]) for r in rows)
    print(f"{'operation':<{width}}  {'runs':>5}  {'median µs':>12}  {'p95 µs':>12}")
    for name, runs, median, p95 in rows:
        print(f"{name:<{width}}  {runs:>5}  {median:>12,.0f}  {p95:>12,.0f}")


if __name__ == "__main__":
    main()
