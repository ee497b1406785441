"""Validate a golgi NWB file against the NWB core schema with hdmf's
validator, by hand: the schema is not on this machine's package lists and
golgi does not ship it, so this is not run by the tests. Give a checkout
of nwb-schema (its core/ at the release the file names, and the
hdmf-common-schema it includes) and the file:

  /usr/bin/python3 validate_core.py NWB_SCHEMA_DIR HDMF_COMMON_SCHEMA_DIR FILE.nwb [--tamper]

(--tamper removes /identifier and every TimeSeries data's unit in memory
first, to show that the validator reports them.)

NWB's YAML and files name types with neurodata_type(_def/_inc); hdmf alone
reads data_type(_def/_inc): the script renames the keys in a temporary copy
of the YAML and copies each object's neurodata_type into data_type in
memory, then validates the root as the core namespace's NWBFile. Prints
the errors; exits non-zero when there are any."""
import os
import shutil
import sys
import tempfile

from hdmf.backends.hdf5 import HDF5IO
from hdmf.build import BuildManager, GroupBuilder, TypeMap
from hdmf.spec import NamespaceCatalog
from hdmf.validate import ValidatorMap

nwb_dir, common_dir, path = sys.argv[1], sys.argv[2], sys.argv[3]
tmp = tempfile.mkdtemp()
try:
    core = os.path.join(tmp, "core")
    os.makedirs(core)
    for name in os.listdir(os.path.join(nwb_dir, "core")):
        if name.endswith(".yaml"):
            with open(os.path.join(nwb_dir, "core", name)) as fh:
                text = fh.read().replace("neurodata_type_def", "data_type_def").replace("neurodata_type_inc", "data_type_inc")
            with open(os.path.join(core, name), "w") as fh:
                fh.write(text)
    catalog = NamespaceCatalog()
    catalog.load_namespaces(os.path.join(common_dir, "common", "namespace.yaml"))
    catalog.load_namespaces(os.path.join(core, "nwb.namespace.yaml"))
    with HDF5IO(path, mode="r", manager=BuildManager(TypeMap(catalog))) as io:
        root = io.read_builder()

        def retype(b):
            t = b.attributes.get("neurodata_type")
            if t is not None:
                b.attributes["data_type"] = t
            if isinstance(b, GroupBuilder):
                for c in list(b.datasets.values()) + list(b.groups.values()):
                    retype(c)

        retype(root)
        vmap = ValidatorMap(catalog.get_namespace("core"))
        errors = vmap.validate(root)

        # and every typed object by itself (the root's validation does not
        # reach all of those nested in untyped groups)
        def each(b):
            if isinstance(b, GroupBuilder):
                for c in list(b.datasets.values()) + list(b.groups.values()):
                    if "data_type" in c.attributes:
                        errors.extend(vmap.validate(c))
                    each(c)

        each(root)
        if len(sys.argv) > 4 and sys.argv[4] == "--tamper":  # shows what it catches
            del root.datasets["identifier"]
            for g in root["acquisition"].groups.values():
                del g["data"].attributes["unit"]
            errors = vmap.validate(root)
            each(root)
finally:
    shutil.rmtree(tmp)
for e in errors:
    print(e)
print("%d errors against core %s" % (len(errors), catalog.get_namespace("core").version))
sys.exit(1 if errors else 0)
