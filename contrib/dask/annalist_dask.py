#!/usr/bin/python3
"""Codes JSONL documents on a Dask cluster: each partition of the input (a block of whole
lines) is piped through `annalist code --format jsonl`, a streaming filter, and the events
are written as one JSONL file per partition, in input order (events-00000.jsonl, ...).
Dask re-runs the partitions of a worker that dies, so a lost worker costs time, not data.

  annalist_dask.py --scheduler tcp://HOST:8786 --out DIR corpus/*.jsonl
  annalist_dask.py --local 2 --out DIR corpus.jsonl        # a cluster on this machine
  ... --then "annalist ingest events.db"                    # then pipe all events into ingest

The filter defaults to `annalist code --format jsonl -q`; while a build has no `code`
command it falls back to `annalist segment --format jsonl -q` and says so. --filter
replaces it with any command reading JSONL documents on stdin and writing JSONL on stdout.
Every worker must see the input files, the output directory and the annalist binary at the
same paths (a shared or replicated filesystem), as with any Dask bag.
"""
import argparse
import glob
import os
import shlex
import subprocess
import sys
import time


def default_filter(annalist):
    """`code` when this build has it and it runs (it needs its model and dictionaries), else
    `segment` (labelled: that tests the machinery, it codes nothing)."""
    code = [annalist, "code", "--format", "jsonl", "-q"]
    try:
        p = subprocess.run(code, input=b'{"id": "probe", "text": "Iran spoke."}\n',
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as e:
        sys.exit(f"annalist_dask: cannot run {annalist}: {e}; pass --annalist PATH")
    if p.returncode == 0:
        return code, "code"
    why = p.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
    print("annalist_dask: 'annalist code' is not usable here (" + (why[0] if why else "no message")
          + "); piping through 'segment --format jsonl' instead (sentences, not events)",
          file=sys.stderr)
    return [annalist, "segment", "--format", "jsonl", "-q"], "segment"


def run_filter(lines, cmd, outdir, index):
    """Runs on a worker: pipes one partition's lines through cmd into events-<index>.jsonl
    (written to a temporary name, then renamed, so a retried partition never leaves half a
    file). Exit 1 (some records rejected, the rest coded) keeps the output and saves the
    messages; any other failure raises, so Dask reports it or retries it elsewhere."""
    data = "".join(l if l.endswith("\n") else l + "\n" for l in lines).encode("utf-8")
    p = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        raise RuntimeError(f"{shlex.join(cmd)} exited {p.returncode}: "
                           f"{p.stderr.decode('utf-8', 'replace')[-2000:]}")
    if p.stderr:
        with open(os.path.join(outdir, f"messages-{index:05d}.log"), "wb") as f:
            f.write(p.stderr)
    final = os.path.join(outdir, f"events-{index:05d}.jsonl")
    tmp = f"{final}.tmp.{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(p.stdout)
    os.replace(tmp, final)
    return p.stdout.count(b"\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="JSONL files (globs allowed)")
    ap.add_argument("--out", required=True, help="directory for events-NNNNN.jsonl")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running dask-scheduler")
    where.add_argument("--local", type=int, metavar="N", help="start N local worker processes")
    ap.add_argument("--annalist", default="annalist", help="the annalist binary (default: on PATH)")
    ap.add_argument("--filter", help="command to pipe each partition through "
                    "(default: annalist code --format jsonl -q)")
    ap.add_argument("--blocksize", default="8MB", help="bytes per partition (default 8MB)")
    ap.add_argument("--then", metavar="CMD", help="afterwards pipe all events, in order, into CMD "
                    "(e.g. \"annalist ingest events.db\")")
    ap.add_argument("--stats", action="store_true", help="print documents, lines and seconds")
    a = ap.parse_args(argv)

    files = sorted(f for pat in a.inputs for f in (glob.glob(pat) or [pat]))
    for f in files:
        if not os.path.isfile(f):
            sys.exit(f"annalist_dask: {f}: no such file")
    annalist = a.annalist
    if os.sep in annalist:
        annalist = os.path.abspath(annalist)
    if a.filter:
        cmd, kind = shlex.split(a.filter), "custom"
    else:
        cmd, kind = default_filter(annalist)
    os.makedirs(a.out, exist_ok=True)
    out = os.path.abspath(a.out)
    for old in glob.glob(os.path.join(out, "events-*.jsonl")) + glob.glob(os.path.join(out, "messages-*.log")):
        os.unlink(old)

    import dask
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    cluster = None
    if a.local:
        cluster = LocalCluster(n_workers=a.local, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(a.scheduler)
    t0 = time.time()
    try:
        bag = db.read_text([os.path.abspath(f) for f in files], blocksize=a.blocksize)
        blocks = bag.to_delayed()
        tasks = [dask.delayed(run_filter, pure=True)(part, cmd, out, i) for i, part in enumerate(blocks)]
        nout = sum(client.compute(tasks, sync=True))
    finally:
        client.close()
        if cluster:
            cluster.close()
    secs = time.time() - t0
    parts = sorted(glob.glob(os.path.join(out, "events-*.jsonl")))
    if a.stats:
        ndocs = sum(sum(1 for l in open(f, "rb") if l.strip()) for f in files)
        print(f"annalist_dask: {kind}: {ndocs} documents, {nout} output lines, {len(parts)} "
              f"partitions, {secs:.2f} s", file=sys.stderr)
    msgs = sorted(glob.glob(os.path.join(out, "messages-*.log")))
    if msgs:
        print(f"annalist_dask: some records were rejected; messages in {', '.join(msgs[:3])}"
              + (" ..." if len(msgs) > 3 else ""), file=sys.stderr)
    if a.then:
        p = subprocess.Popen(a.then, shell=True, stdin=subprocess.PIPE)
        for part in parts:
            with open(part, "rb") as f:
                while chunk := f.read(1 << 20):
                    p.stdin.write(chunk)
        p.stdin.close()
        if p.wait() != 0:
            sys.exit(f"annalist_dask: '{a.then}' exited {p.returncode}")
    return 1 if msgs else 0


if __name__ == "__main__":
    sys.exit(main())
