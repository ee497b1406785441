"""Independent checks of golgi's NWB files, without pynwb (not packaged
for Debian here).

1. h5py reads every dataset and attribute that nwb_test.go wrote and
   compares them, bit for bit, with what golgi recorded (the JSON the test
   wrote: floats as IEEE bits, spike steps as integers), and checks the
   parts of NWB core 2.7.0 that golgi writes, as the schema states them:
   NWBFile's root attributes and required datasets (text as UTF-8
   strings, dates as ISO 8601), its required groups, every typed object's
   namespace / neurodata_type / object_id (UUID 4, all distinct), the
   Units table's columns, and each TimeSeries's data (unit, conversion,
   resolution, offset) and timestamps (interval, unit "seconds").
2. hdmf (python3-hdmf, with the hdmf-common schema it ships) reads the
   file into its builders, validates the Units table as an hdmf-common
   DynamicTable (with id, VectorData, VectorIndex whose target must be an
   object reference to VectorData) and builds the table with hdmf's own
   DynamicTable class: every row's spike times, as hdmf resolves the
   ragged column through spike_times_index, must be the recorded ones.
   NWB files name all types with the attribute neurodata_type, as pynwb
   writes them; hdmf alone looks for data_type, so the check copies each
   type name into data_type (Units as its base DynamicTable) in memory.

Not checked here: validation against the NWB core schema itself (pynwb's
validator needs the core namespace, which is not on this machine; the
core rules above are coded by hand from the schema's text).
Usage: check_nwb.py FILE.nwb WANT.json. Prints "ok" or exits non-zero."""
import datetime
import json
import uuid

import h5py
import numpy as np

from golgicheck import args, bits, check, finish, utf8

path, want = args()


def text(ds):
    """A text dataset as NWB stores it: UTF-8 strings."""
    return utf8(ds.dtype)


def iso(s):
    try:
        datetime.datetime.fromisoformat(s)
        return True
    except ValueError:
        return False


object_ids = []


def typed(obj, namespace, typ):
    a = obj.attrs
    check(obj.name + " namespace", a.get("namespace") == namespace)
    check(obj.name + " neurodata_type", a.get("neurodata_type") == typ)
    try:
        u = uuid.UUID(a["object_id"])
        check(obj.name + " object_id version", u.version == 4)
        object_ids.append(a["object_id"])
    except (KeyError, ValueError):
        check(obj.name + " object_id", False)


with h5py.File(path, "r") as f:
    # NWBFile
    typed(f, "core", "NWBFile")
    check("nwb_version", f.attrs["nwb_version"] == want["nwb_version"])
    for name in ["identifier", "session_description", "session_start_time", "timestamps_reference_time"]:
        check(name + " is scalar text", name in f and f[name].shape == () and text(f[name]))
    check("identifier", f["identifier"][()].decode() == want["identifier"])
    check("session_description", f["session_description"][()].decode() == want["session_description"])
    check("session_start_time", f["session_start_time"][()].decode() == want["session_start_time"])
    check("timestamps_reference_time", f["timestamps_reference_time"][()].decode() == want["session_start_time"])
    fcd = f["file_create_date"]
    check("file_create_date", fcd.ndim == 1 and fcd.shape[0] == 1 and text(fcd) and iso(fcd[0].decode()))
    check("session_start_time iso", iso(want["session_start_time"]))
    for g in ["acquisition", "analysis", "processing", "stimulus/presentation", "stimulus/templates", "general", "units"]:
        check("group " + g, isinstance(f.get(g), h5py.Group))
    check("no cached specifications", "specifications" not in f)
    gen = f["general"]
    run = json.loads(gen["notes"][()].decode())
    check("notes seed", run["seed"] == want["seed"])
    check("notes dt", run["dt_ms"] == want["dt"])
    check("notes fingerprint", run["fingerprint"] == want["fingerprint"])
    check("experimenter", [x.decode() for x in gen["experimenter"][()]] == want["experimenter"] and text(gen["experimenter"]))
    check("lab", gen["lab"][()].decode() == want["lab"])
    check("no institution", "institution" not in gen)
    subj = gen["subject"]
    typed(subj, "core", "Subject")
    check("subject fields", sorted(k for k in subj.keys()) == sorted(want["subject"]))
    for k, v in want["subject"].items():
        check("subject " + k, text(subj[k]) and subj[k][()].decode() == v)
    dc = gen["data_collection"][()].decode()
    check("data_collection", want["fingerprint"] in dc and "seed %d" % want["seed"] in dc)
    check("source_script", text(gen["source_script"]) and gen["source_script"].attrs["file_name"] == "github.com/golgi-sim/golgi/simlib/recording/nwb")

    # Units
    u = f["units"]
    typed(u, "core", "Units")
    check("units colnames", list(u.attrs["colnames"]) == ["spike_times", "population", "neuron"])
    check("units description", isinstance(u.attrs["description"], str))
    rows = want["units"]
    typed(u["id"], "hdmf-common", "ElementIdentifiers")
    check("id", u["id"].dtype == np.dtype("<i8") and list(u["id"][()]) == list(range(len(rows))))
    st, sti = u["spike_times"], u["spike_times_index"]
    typed(st, "hdmf-common", "VectorData")
    typed(sti, "hdmf-common", "VectorIndex")
    check("spike_times dtype", st.dtype == np.dtype("<f8"))
    check("spike_times resolution", st.attrs["resolution"] == want["dt"] / 1000)
    check("spike_times_index dtype", sti.dtype.kind == "u")
    check("spike_times_index target", f[sti.attrs["target"]].name == "/units/spike_times")
    for c in ["population", "neuron"]:
        typed(u[c], "hdmf-common", "VectorData")
        check(c + " description", isinstance(u[c].attrs["description"], str))
        check(c + " length", u[c].shape == (len(rows),))
    check("population text", text(u["population"]))
    check("neuron dtype", u["neuron"].dtype == np.dtype("<i8"))
    times, index = st[()], sti[()]
    check("index length", len(index) == len(rows))
    start = 0
    for k, r in enumerate(rows):
        end = int(index[k])
        got = times[start:end]
        check("row %d times bits" % k, bits(got) == r["times"])
        # what the docs promise: a spike at update n is (n*dt ms)/1000 s
        steps = np.asarray(r["steps"], dtype="<f8")
        check("row %d times from steps" % k, bits((steps * want["dt"]) / 1000) == r["times"])
        check("row %d population" % k, u["population"][k].decode() == r["population"])
        check("row %d neuron" % k, int(u["neuron"][k]) == r["neuron"])
        start = end
    check("spike_times length", start == len(times))

    # TimeSeries
    acq = f["acquisition"]
    check("acquisition series", sorted(acq.keys()) == sorted(s["name"] for s in want["series"]))
    for s in want["series"]:
        ts = acq[s["name"]]
        typed(ts, "core", "TimeSeries")
        d = ts["data"]
        check(s["name"] + " data shape", list(d.shape) == s["shape"])
        check(s["name"] + " data dtype", d.dtype == np.dtype("<f8"))
        check(s["name"] + " data bits", bits(d[()]) == s["data"])
        check(s["name"] + " unit", d.attrs["unit"] == s["unit"])
        check(s["name"] + " conversion", bits([d.attrs["conversion"]]) == [s["conversion"]])
        check(s["name"] + " resolution", d.attrs["resolution"] == -1.0)
        check(s["name"] + " offset", d.attrs["offset"] == 0.0)
        check(s["name"] + " continuity", d.attrs["continuity"] == "continuous")
        t = ts["timestamps"]
        check(s["name"] + " timestamps bits", t.dtype == np.dtype("<f8") and bits(t[()]) == s["timestamps"])
        check(s["name"] + " timestamps length", t.shape[0] == d.shape[0])
        check(s["name"] + " timestamps unit", t.attrs["unit"] == "seconds" and int(t.attrs["interval"]) == 1)
        check(s["name"] + " no starting_time", "starting_time" not in ts)
        c = json.loads(ts.attrs["comments"])
        check(s["name"] + " neurons", c["neurons"] == s["neurons"])
        check(s["name"] + " description", isinstance(ts.attrs["description"], str))

    ana = f["analysis"]
    check("analysis series", sorted(ana.keys()) == sorted(s["name"] for s in want["rates"]))
    for s in want["rates"]:
        ts = ana[s["name"]]
        typed(ts, "core", "TimeSeries")
        d, t = ts["data"], ts["timestamps"]
        check(s["name"] + " data", list(d.shape) == s["shape"] and bits(d[()]) == s["data"])
        check(s["name"] + " unit", d.attrs["unit"] == "Hz" and d.attrs["continuity"] == "step")
        check(s["name"] + " conversion", bits([d.attrs["conversion"]]) == [s["conversion"]])
        check(s["name"] + " timestamps", bits(t[()]) == s["timestamps"] and t.attrs["unit"] == "seconds")

check("object_ids distinct", len(object_ids) == len(set(object_ids)))

# hdmf: validate and build the Units table as a DynamicTable
from hdmf.backends.hdf5 import HDF5IO
from hdmf.build import GroupBuilder
from hdmf.common import get_manager, get_type_map
from hdmf.validate import ValidatorMap

with HDF5IO(path, mode="r", manager=get_manager()) as io:
    units = io.read_builder()["units"]

    def retype(b, top):
        t = b.attributes.get("neurodata_type")
        if t is not None:
            b.attributes["data_type"] = "DynamicTable" if b is top else t
            if b is top:
                b.attributes["namespace"] = "hdmf-common"
        if isinstance(b, GroupBuilder):
            for c in list(b.datasets.values()) + list(b.groups.values()):
                retype(c, top)

    retype(units, units)
    vmap = ValidatorMap(get_type_map().namespace_catalog.get_namespace("hdmf-common"))
    errors = vmap.validate(units)
    for name in ["id", "spike_times", "spike_times_index", "population", "neuron"]:
        errors += vmap.validate(units[name])
    check("hdmf validation: %s" % [str(e) for e in errors], not errors)
    table = get_manager().construct(units)
    check("hdmf colnames", tuple(table.colnames) == ("spike_times", "population", "neuron"))
    check("hdmf rows", len(table) == len(want["units"]))
    for k, r in enumerate(want["units"]):
        check("hdmf row %d spike_times" % k, bits(table["spike_times"][k]) == r["times"])
        check("hdmf row %d population" % k, table["population"][k] == r["population"])
        check("hdmf row %d neuron" % k, int(table["neuron"][k]) == r["neuron"])

finish("ok: %d units, %d time series, %d rates, hdmf-common DynamicTable valid" % (len(want["units"]), len(want["series"]), len(want["rates"])))
