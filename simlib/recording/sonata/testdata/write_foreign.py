"""Writes SONATA spike files the way other tools do, for sonata.Read's
test: OUT_DIR/string.h5 with the sorting attribute as a string (as BMTK's
writer stores it), OUT_DIR/enum32.h5 with a 32-bit enum (as h5py's
new_enum('i', ...) makes it), OUT_DIR/unsorted.h5 with no sorting and int64
node ids. Each has population "v1" with node_ids [3, 1, 3] and timestamps
[0.5, 1.25, 2.0] (ms).
Usage: write_foreign.py OUT_DIR"""
import os
import sys

import h5py
import numpy as np

out = sys.argv[1]
times = np.array([0.5, 1.25, 2.0], dtype="<f8")


def spikes(name, ids_dtype="<u8"):
    f = h5py.File(os.path.join(out, name), "w")
    f.attrs["magic"] = np.uint32(0x0A7A)
    f.attrs["version"] = np.array([0, 1], dtype="<u4")
    g = f.create_group("spikes/v1")
    g.create_dataset("timestamps", data=times).attrs["units"] = "ms"
    g.create_dataset("node_ids", data=np.array([3, 1, 3], dtype=ids_dtype))
    return f, g


f, g = spikes("string.h5")
g.attrs["sorting"] = "by_time"
f.close()
f, g = spikes("enum32.h5")
g.attrs.create("sorting", 2, dtype=h5py.enum_dtype({"none": 0, "by_id": 1, "by_time": 2}, basetype="i"))
f.close()
f, g = spikes("unsorted.h5", "<i8")
f.close()
print("ok")
