"""Django's Redis cache client against the site's, which keeps its redis.Redis (config/cache.py).

    .venv/bin/python benchmarks/cache_client.py [--redis redis://127.0.0.1:6379/6] [--calls 2000]

Both clients talk to the same Redis, in this process, taking turns in rounds of --calls / 10, so
the machine's mood reaches both alike. Prints each one's median time of a cache get (a hit) and
a counter hit (the rate limits' SET NX + INCRBY), and the ratio of the two in this run.
Writes only keys under its own prefix, and deletes them.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.cache.backends.redis import RedisCacheClient

    from config.cache import FaultTolerantRedisCache

    caches = {}
    for name, client_class in (("Django's client", RedisCacheClient), ("kept client", None)):
        cache = FaultTolerantRedisCache(args.redis, {"KEY_PREFIX": "bench-cache-client"})
        if client_class is not None:  # the same backend, with Django's own client put back
            cache._class = client_class
        cache.set("hit", "x" * 200, 60)
        caches[name] = cache
    times = {(name, what): [] for name in caches for what in ("get", "count")}
    rounds = 10
    for _ in range(rounds):
        for name, cache in caches.items():
            for _ in range(args.calls // rounds):
                started = time.perf_counter()
                cache.get("hit")
                middle = time.perf_counter()
                cache.count("counter", 1, 60)
                ended = time.perf_counter()
                times[name, "get"].append((middle - started) * 1e6)
                times[name, "count"].append((ended - middle) * 1e6)
    for cache in caches.values():
        cache.delete_many(["hit", "counter"])
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'client':<16} {'get µs':>8} {'count µs':>9}")
    medians = {key: statistics.median(values) for key, values in times.items()}
    for name in caches:
        print(f"{name:<16} {medians[name, 'get']:8.0f} {medians[name, 'count']:9.0f}")
    for what in ("get", "count"):
        ratio = medians["kept client", what] / medians["Django's client", what]
        print(f"{what}: kept / Django's = {ratio:.2f}")


if __name__ == "__main__":
    main()
