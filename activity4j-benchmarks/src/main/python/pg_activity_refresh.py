"""Times pg_activity's refresh of its process list, the work behind each screen update: the activity
query (Data.pg_get_activities) and the OS figures of every backend (activities.ps_complete, with psutil).
The UI and the header queries are not timed. Prints one line: 'samples=N p50=.. p90=.. p99=.. rows=..'
with times in milliseconds. Run by BackendActivityHarness with the Debian package pg-activity installed.
"""
import argparse
import sys
import time

sys.path.insert(0, "/usr/lib/python3/dist-packages")

from pgactivity import activities  # noqa: E402
from pgactivity.data import Data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--dbname", default="postgres")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--samples", type=int, default=100)
    args = parser.parse_args()

    data = Data.pg_connect(host=args.host, port=args.port, user=args.user, database=args.dbname)
    processes = {}
    times = []
    rows = 0
    for i in range(args.warmup + args.samples):
        start = time.perf_counter()
        pg_procs = data.pg_get_activities(1)
        local, _, _ = activities.ps_complete(pg_procs, processes, 4096)
        elapsed = time.perf_counter() - start
        rows = len(local)
        if i >= args.warmup:
            times.append(elapsed * 1000)
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))]

    print(f"samples={len(times)} p50={pct(0.5):.2f} p90={pct(0.9):.2f} p99={pct(0.99):.2f} rows={rows}")


if __name__ == "__main__":
    main()
