"""Independent check of golgi's SONATA spike files: h5py reads the file
that sonata_test.go wrote and compares it, bit for bit, with what golgi
recorded (the JSON the test wrote: times as IEEE bits), and checks the
layout of the SONATA developer guide's "Spike file" section: /spikes/<pop>
with timestamps (double, attribute units) and node_ids (uint64), the
sorting enum (none, by_id, by_time), root attributes magic = 0x0A7A
(uint32) and version (uint32[2]).
Usage: check_sonata.py FILE.h5 WANT.json. Prints "ok" or exits non-zero."""
import json

import h5py
import numpy as np

from golgicheck import args, check, finish

path, want = args()


with h5py.File(path, "r") as f:
    check("magic", f.attrs["magic"].dtype == np.dtype("<u4") and int(f.attrs["magic"]) == 0x0A7A)
    v = f.attrs["version"]
    check("version", v.dtype == np.dtype("<u4") and list(v) == [0, 1])
    check("golgi_version", f.attrs["golgi_version"] == want["golgi_version"])
    run = json.loads(f.attrs["golgi_run"])
    check("run seed", run["seed"] == want["seed"])
    check("run fingerprint", run["fingerprint"] == want["fingerprint"])
    spikes = f["spikes"]
    check("populations", sorted(spikes.keys()) == sorted(p["name"] for p in want["populations"]))
    for p in want["populations"]:
        g = spikes[p["name"]]
        name = p["name"]
        enum = h5py.check_enum_dtype(g.attrs.get_id("sorting").dtype)
        check(name + " sorting enum", enum == {"none": 0, "by_id": 1, "by_time": 2})
        code = int(g.attrs["sorting"])
        check(name + " sorting", {v: k for k, v in enum.items()}[code] == p["sorting"])
        ts, ids = g["timestamps"], g["node_ids"]
        check(name + " timestamps dtype", ts.dtype == np.dtype("<f8"))
        check(name + " node_ids dtype", ids.dtype == np.dtype("<u8"))
        check(name + " units", ts.attrs["units"] == "ms")
        t = ts[()]
        check(name + " timestamps bits", [int(x) for x in t.view("<u8")] == p["times"])
        n = ids[()]
        check(name + " node_ids", [int(x) for x in n] == p["ids"])
        # the order the attribute claims
        if p["sorting"] == "by_time":
            check(name + " by_time order", bool(np.all(np.diff(t) >= 0)))
        if p["sorting"] == "by_id":
            order = np.lexsort((t, n))
            check(name + " by_id order", bool(np.all(order == np.arange(len(n)))))

finish()
