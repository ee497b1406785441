"""Independent check of simlib/internal/h5's writer: h5py reads back every
dataset and attribute that h5_test.go wrote and compares them, bit for bit,
with the expectations the test wrote as JSON (floats as their IEEE bits).
Usage: check_h5.py FILE.h5 WANT.json. Prints "ok" or exits non-zero."""
import h5py
import numpy as np

from golgicheck import args, bits, check, finish, utf8

path, want = args()


def is_utf8_vlen(dt):
    return utf8(dt) and h5py.check_string_dtype(dt).length is None


with h5py.File(path, "r") as f:
    g = f["g"]
    check("floats dtype", g["floats"].dtype == np.dtype("<f8"))
    check("floats bits", bits(g["floats"][()]) == want["floats"])
    m = g["matrix"]
    check("matrix shape", m.shape == (3, 2))
    check("matrix chunks", m.chunks == (2, 2))
    check("matrix deflate", m.compression == "gzip" and m.compression_opts == 4)
    check("matrix bits", bits(m[()]) == want["matrix"])
    check("empty", g["empty"].shape == (0,) and g["empty"].dtype == np.dtype("<f8"))
    check("scalar", g["scalar"].shape == () and g["scalar"][()] == 0.025)
    check("ints dtype", g["ints"].dtype == np.dtype("<i8"))
    check("ints", [int(x) for x in g["ints"][()]] == want["ints"])
    check("uints dtype", g["uints"].dtype == np.dtype("<u8"))
    check("uints chunks", g["uints"].chunks == (3,))
    check("uints", [int(x) for x in g["uints"][()]] == want["uints"])
    check("strings type", is_utf8_vlen(g["strings"].dtype))
    check("strings", [s.decode("utf-8") for s in g["strings"][()]] == want["strings"])
    fx = g["fixed"]
    info = h5py.check_string_dtype(fx.dtype)
    longest = max(len(s.encode()) for s in want["strings"][:4])
    check("fixed type", info is not None and info.length == longest and info.encoding == "utf-8")
    check("fixed", [s.decode("utf-8") for s in fx[()]] == want["strings"][:4])
    check("text", g["text"].shape == () and is_utf8_vlen(g["text"].dtype) and g["text"][()].decode() == "golgi")
    a = f.attrs
    check("s", a["s"] == "root attribute µ")
    check("ss", list(a["ss"]) == want["strings"])
    check("f64", bits([a["f64"]]) == bits([0.1]) and a["f64"].dtype == np.dtype("<f8"))
    check("f64s", bits(a["f64s"]) == want["floats"])
    check("f32", a["f32"].dtype == np.dtype("<f4") and int(np.asarray(a["f32"]).view("<u4")) == want["f32"])
    check("i32", a["i32"].dtype == np.dtype("<i4") and a["i32"] == -7)
    check("i64", a["i64"].dtype == np.dtype("<i8") and int(a["i64"]) == -(2 ** 63))
    check("i64s", [int(x) for x in a["i64s"]] == want["ints"])
    check("u32", a["u32"].dtype == np.dtype("<u4") and a["u32"] == 0x0A7A)
    check("u32s", list(a["u32s"]) == [0, 1] and a["u32s"].dtype == np.dtype("<u4"))
    check("u64", a["u64"].dtype == np.dtype("<u8") and int(a["u64"]) == 2 ** 64 - 1)
    ref = a["ref"]
    check("ref type", isinstance(ref, h5py.Reference))
    check("ref target", f[ref].name == "/g/floats")
    enum = h5py.check_enum_dtype(f.attrs.get_id("sorting").dtype)
    check("sorting enum", enum == {"none": 0, "by_id": 1, "by_time": 2})
    check("sorting value", int(a["sorting"]) == 2)
    check("empty strings", len(g.attrs["empty_strings"]) == 0)

finish()
