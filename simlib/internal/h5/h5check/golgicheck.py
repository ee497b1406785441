"""What the independent-reader scripts of golgi's HDF5 tests share (the
scripts live in each package's testdata; h5check.Run puts this directory
on PYTHONPATH). Usage in a script: path, want = golgicheck.args(); then
check(...) calls; finish(message)."""
import json
import sys

import h5py
import numpy as np

fails = []


def args():
    """The file to check and the test's expectations (JSON)."""
    path, want_path = sys.argv[1], sys.argv[2]
    with open(want_path) as fh:
        return path, json.load(fh)


def check(what, ok):
    if not ok:
        fails.append(what)


def bits(a):
    """The IEEE bits of float64 values, for comparing bit for bit."""
    return [int(x) for x in np.asarray(a, dtype="<f8").view("<u8").ravel()]


def utf8(dt):
    """Whether dt is a UTF-8 string type (variable length when vlen)."""
    info = h5py.check_string_dtype(dt)
    return info is not None and info.encoding == "utf-8"


def finish(message="ok"):
    if fails:
        print("FAILED:", ", ".join(fails))
        sys.exit(1)
    print(message)
