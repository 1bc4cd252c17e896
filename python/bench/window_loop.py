"""The same window asked again and again of the 1M-agreement registry once
its kept event table is built: the cost of one selective question from
Python, caches warm (BENCHMARKS.md, "From Python").

    python python/bench/window_loop.py --data synth-1m.json --runs 300 --start 2027-06-14 --end 2027-06-14
"""

import argparse
import datetime
import os
import time

import pactum


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--start", default="2027-06-14")
    parser.add_argument("--end", default="2027-06-14")
    args = parser.parse_args()
    start = datetime.date.fromisoformat(args.start)
    end = datetime.date.fromisoformat(args.end)
    r = pactum.load(args.data)
    r.build_indexes()
    r.events()  # builds the kept event table
    times = []
    rows = 0
    for _ in range(args.runs):
        started = time.perf_counter()
        rows = len(r.timeline(start, end))
        times.append(time.perf_counter() - started)
    times.sort()
    print(f"r.timeline({start}, {end}): {rows} rows; least {times[0] * 1e3:.2f} ms, "
          f"median {times[len(times) // 2] * 1e3:.2f} ms over {args.runs}; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
