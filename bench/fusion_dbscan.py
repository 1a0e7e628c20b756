#!/usr/bin/python3
"""scikit-learn's DBSCAN on the reports bench_fusion wrote (bench/fusion.sh).

Haversine metric, ball tree, eps 1 km, min_samples 1 (so its clusters are the
connected components of "within 1 km", as truce's are of its own links).
DBSCAN has no time axis: reports at one place on different days are one
cluster to it. With --slice-hours H it is run on each H-hour slice of the
reports (by observed start) on its own: the nearest a spatial method comes to
a time window. Prints one JSON line: time, peak memory, B-cubed precision and
recall against the generator's events, and against truce's incidents when
their labels are given. Runs under Debian's python3 (python3-sklearn).
"""
import argparse
import json
import resource
import sys
import time
from collections import Counter

import numpy as np
from sklearn.cluster import DBSCAN

EARTH_RADIUS_KM = 6371.0088


def bcubed(label, truth):
    both = Counter(zip(label, truth))
    by_label = Counter(label)
    by_truth = Counter(truth)
    p = sum(both[(l, t)] / by_label[l] for l, t in zip(label, truth)) / len(label)
    r = sum(both[(l, t)] / by_truth[t] for l, t in zip(label, truth)) / len(label)
    return p, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--truce-labels")
    ap.add_argument("--eps-km", type=float, default=1.0)
    ap.add_argument("--slice-hours", type=float, default=0)
    a = ap.parse_args()
    data = np.loadtxt(a.csv, delimiter=",", skiprows=1, usecols=(1, 2, 7, 3))
    points = np.radians(data[:, :2])
    truth = data[:, 2].astype(np.int64).tolist()
    out = {"reports": len(truth), "eps_km": a.eps_km, "slice_hours": a.slice_hours}
    start = time.perf_counter()

    def fit(p):
        return DBSCAN(eps=a.eps_km / EARTH_RADIUS_KM, min_samples=1, metric="haversine",
                      algorithm="ball_tree").fit(p).labels_

    try:
        if a.slice_hours > 0:
            slices = (data[:, 3] // (a.slice_hours * 3600000)).astype(np.int64)
            labels = np.zeros(len(truth), dtype=np.int64)
            offset = 0
            for s in np.unique(slices):
                idx = np.nonzero(slices == s)[0]
                labels[idx] = fit(points[idx]) + offset
                offset = labels[idx].max() + 1
        else:
            labels = fit(points)
    except MemoryError:
        out["error"] = "MemoryError: DBSCAN ran out of memory"
        out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(out))
        return 3
    out["dbscan_s"] = round(time.perf_counter() - start, 3)
    out["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    labels = labels.tolist()
    out["clusters"] = len(set(labels))
    p, r = bcubed(labels, truth)
    out["bcubed_precision"], out["bcubed_recall"] = round(p, 4), round(r, 4)
    if a.truce_labels:
        t = np.loadtxt(a.truce_labels, delimiter=",", skiprows=1, usecols=(1,)).astype(np.int64).tolist()
        p, r = bcubed(labels, t)
        out["agreement_with_truce"] = {"bcubed_precision": round(p, 4), "bcubed_recall": round(r, 4)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
