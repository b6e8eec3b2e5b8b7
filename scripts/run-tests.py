#!/usr/bin/env python3
"""Runs the workspace's test executables, the slow ones side by side (scripts/test.sh).

    cargo test --workspace --no-run --message-format=json | scripts/run-tests.py [--jobs N] [--heavy N]

Reads cargo's JSON messages on standard input, takes every test executable (unit tests and
integration tests of every crate; doctests are run by `cargo test --doc` separately) and runs each
as cargo would: working directory and CARGO_MANIFEST_DIR set to its crate. Most of the integration
tests' time is spent waiting for blocks and working days of real nodes, not computing, so running
them side by side shortens the wall time; at most --heavy of the tests that start nodes run at
once (default 2), at most --jobs executables in all (default 3). The longest expected first. The
runtime-upgrade tests (EXCLUSIVE) run beside light tests only.

Each executable's output goes to a log that is printed when it fails; a line per executable says
its wall time. Exit status 1 if any failed, after all have run.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

# Expected wall time in seconds (scripts/test.sh on the 2-core development machine, 2026-12-06) of the test
# executables that start node processes, the portal or a browser: the scheduler runs them longest
# first and never more than --heavy at once. An executable of the `dengji-tests` crate that is not
# listed counts as heavy with the default below.
HEAVY = {
    "dengji-tests/registration": 480,
    "dengji-tests/reliability": 324,
    "dengji-tests/sm2": 245,
    "dengji-tests/membership": 201,
    "dengji-cli/governance_cli": 193,
    "dengji-tests/sdk_load": 162,
    "dengji-tests/upgrade_load": 156,
    "dengji-tests/sm2_network": 142,
    "dengji-cli/legal_cli": 130,
    "dengji-tests/partition": 120,
    "dengji-tests/governance": 95,
    "dengji-tests/queries": 93,
    "dengji-tests/permissioning": 89,
    "dengji-tests/backup": 87,
    "dengji-tests/light_client": 87,
    "dengji-tests/faults": 74,
    "dengji-tests/network": 61,
    "dengji-tests/metadata_hash": 40,
    "dengji-tests/sync": 30,
    "dengji-tests/bench_database": 25,
    "dengji-portal/node": 117,
    "dengji-portal/browser": 103,
    "dengji-verify-jvm/java": 37,
    "dengji-cli/trust_from_spec": 22,
    "dengji-verify-wasm/node": 16,
}
HEAVY_DEFAULT = 200
# Heavy tests that run beside no other heavy test: their four nodes compile an upgraded runtime at
# once and the test bounds the finality stall that costs (`upgrade_stall_limit`). In the CI run of
# session 9, upgrade_load beside sm2_network's four nodes stalled 30.6 s (limit 30 s); alone, about
# half. While one waits for the heavy tests before it to end, no other heavy test starts.
EXCLUSIVE = {"dengji-tests/upgrade_load", "dengji-tests/governance"}
# Crates whose integration tests (not unit tests) all count as heavy when not listed.
HEAVY_CRATES = {"dengji-tests"}


def executables(stream):
    """(name, path, crate dir) of every test executable in cargo's JSON messages."""
    seen = set()
    for line in stream:
        line = line.strip()
        if not line.startswith("{"):
            continue
        msg = json.loads(line)
        if msg.get("reason") != "compiler-artifact" or not msg.get("executable"):
            continue
        if not msg.get("profile", {}).get("test"):
            continue
        exe = msg["executable"]
        if exe in seen:
            continue
        seen.add(exe)
        target = msg["target"]
        crate = msg["package_id"]
        # package_id is "path+file:///…/crate#name@version" (or "name version (…)" on old cargo).
        # When the name equals the directory's, cargo writes only "…/dir#version".
        if "#" in crate:
            path, frag = crate.split("#", 1)
            pkg = frag.split("@")[0] if "@" in frag else path.rstrip("/").split("/")[-1]
        else:
            pkg = crate.split()[0]
        kind = target["kind"][0]
        name = f"{pkg}/{target['name']}" if kind == "test" else f"{pkg}/{kind}:{target['name']}"
        yield name, exe, os.path.dirname(msg["manifest_path"]), kind


def expected(name, kind):
    """(seconds, heavy) for one executable."""
    if name in HEAVY:
        return HEAVY[name], True
    pkg = name.split("/")[0]
    if pkg in HEAVY_CRATES and kind == "test":
        return HEAVY_DEFAULT, True
    return 5, False


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("DENGJI_TEST_JOBS", "3")))
    ap.add_argument("--heavy", type=int, default=int(os.environ.get("DENGJI_TEST_HEAVY", "2")))
    ap.add_argument("--only", action="append", default=[], help="run only these names (repeatable)")
    args = ap.parse_args()

    jobs = []
    for name, exe, cwd, kind in executables(sys.stdin):
        if args.only and name not in args.only:
            continue
        secs, heavy = expected(name, kind)
        jobs.append((secs, heavy, name, exe, cwd))
    if not jobs:
        print("run-tests: no test executables in the input", file=sys.stderr)
        return 1
    jobs.sort(key=lambda j: -j[0])

    logdir = tempfile.mkdtemp(prefix="dengji-tests.")
    lock = threading.Condition()
    running = {"all": 0, "heavy": 0, "exclusive": 0}
    failed = []
    start = time.monotonic()

    def stamp():
        s = int(time.monotonic() - start)
        return f"{s // 60:3d}:{s % 60:02d}"

    def run(job):
        secs, heavy, name, exe, cwd = job
        log = os.path.join(logdir, name.replace("/", "__").replace(":", "_") + ".log")
        env = dict(os.environ, CARGO_MANIFEST_DIR=cwd)
        t0 = time.monotonic()
        with open(log, "wb") as out:
            rc = subprocess.call([exe], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        took = time.monotonic() - t0
        with lock:
            running["all"] -= 1
            if heavy:
                running["heavy"] -= 1
            if name in EXCLUSIVE:
                running["exclusive"] -= 1
            verdict = "ok" if rc == 0 else f"FAILED (exit {rc})"
            print(f"[{stamp()}] {name}: {verdict} in {took:.0f} s", flush=True)
            if rc != 0:
                failed.append(name)
                with open(log, "rb") as f:
                    sys.stdout.write(f.read().decode("utf-8", "replace"))
                print(f"--- end of {name} (log {log})", flush=True)
            lock.notify_all()

    pending = list(jobs)
    threads = []
    print(f"run-tests: {len(jobs)} test executables, {args.jobs} at once, {args.heavy} of them heavy; logs in {logdir}", flush=True)
    with lock:
        while pending:
            pick = None
            heavy_blocked = False
            for j in pending:
                if running["all"] >= args.jobs:
                    break
                if not j[1]:
                    pick = j
                    break
                if heavy_blocked:
                    continue
                if j[2] in EXCLUSIVE:
                    if running["heavy"] == 0:
                        pick = j
                        break
                    heavy_blocked = True
                elif running["heavy"] < args.heavy and not running["exclusive"]:
                    pick = j
                    break
            if pick is None:
                lock.wait()
                continue
            pending.remove(pick)
            running["all"] += 1
            if pick[1]:
                running["heavy"] += 1
            if pick[2] in EXCLUSIVE:
                running["exclusive"] += 1
            print(f"[{stamp()}] {pick[2]}: started", flush=True)
            t = threading.Thread(target=run, args=(pick,))
            t.start()
            threads.append(t)
    for t in threads:
        t.join()
    total = time.monotonic() - start
    if failed:
        print(f"run-tests: {len(failed)} of {len(jobs)} FAILED in {total:.0f} s: {', '.join(failed)}", flush=True)
        return 1
    print(f"run-tests: all {len(jobs)} passed in {total:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
