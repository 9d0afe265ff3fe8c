"""Times pg_activity's refresh of its process list, the work behind each screen update: the activity
query (Data.pg_get_activities) and the OS figures of every backend (activities.ps_complete, with psutil).
The UI and the header queries are not timed. Prints one line: 'samples=N p50=.. p90=.. p99=.. rows=..
cpu=.. server_cpu=..' with times in milliseconds: wall-clock percentiles of one refresh, then CPU time per
refresh of this process (user + system, time.process_time) and of its server backend (utime + stime of
/proc/<pg_backend_pid()>/stat, the server being on this host). Run by BackendActivityHarness with the Debian package pg-activity installed.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, "/usr/lib/python3/dist-packages")

from pgactivity import activities  # noqa: E402
from pgactivity.data import Data  # noqa: E402


def server_cpu_ms(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


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
    with data.pg_conn.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        backend = cur.fetchone()[0]
    processes = {}
    times = []
    rows = 0
    cpu_start = 0.0
    server_start = 0.0
    for i in range(args.warmup + args.samples):
        if i == args.warmup:
            cpu_start = time.process_time()
            server_start = server_cpu_ms(backend)
        start = time.perf_counter()
        pg_procs = data.pg_get_activities(1)
        local, _, _ = activities.ps_complete(pg_procs, processes, 4096)
        elapsed = time.perf_counter() - start
        rows = len(local)
        if i >= args.warmup:
            times.append(elapsed * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / args.samples
    server = (server_cpu_ms(backend) - server_start) / args.samples
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))]

    print(f"samples={len(times)} p50={pct(0.5):.2f} p90={pct(0.9):.2f} p99={pct(0.99):.2f} rows={rows} cpu={cpu:.3f} server_cpu={server:.3f}")


if __name__ == "__main__":
    main()
