// C helpers of package h5 (built with the tag hdf5 only): the library's
// type and property-list constants, which are macros cgo cannot use, and
// reading its error stack.
#ifndef GOLGI_H5HELPERS_H
#define GOLGI_H5HELPERS_H
#include <stdlib.h>
#include <string.h>
#include <hdf5.h>

static inline hid_t h5_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t h5_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t h5_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t h5_uint64(void) { return H5T_NATIVE_UINT64; }
static inline hid_t h5_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t h5_uint32(void) { return H5T_NATIVE_UINT32; }
static inline hid_t h5_schar(void) { return H5T_NATIVE_SCHAR; }
static inline hid_t h5_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t h5_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t h5_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t h5_std_u64le(void) { return H5T_STD_U64LE; }
static inline hid_t h5_std_i32le(void) { return H5T_STD_I32LE; }
static inline hid_t h5_std_u32le(void) { return H5T_STD_U32LE; }
static inline hid_t h5_std_i8le(void) { return H5T_STD_I8LE; }
static inline hid_t h5_ref_obj(void) { return H5T_STD_REF_OBJ; }
static inline hid_t h5_c_s1(void) { return H5T_C_S1; }
static inline hid_t h5_dataset_create(void) { return H5P_DATASET_CREATE; }

// the innermost message of the current error stack
typedef struct { char msg[512]; int found; } h5_errbuf;

static inline herr_t h5_walk(unsigned n, const H5E_error2_t *e, void *data) {
	h5_errbuf *b = (h5_errbuf *)data;
	if (n == 0 && e->desc != NULL) {
		strncpy(b->msg, e->desc, sizeof(b->msg) - 1);
		b->msg[sizeof(b->msg) - 1] = 0;
		b->found = 1;
	}
	return 0;
}

static inline void h5_last_error(char *out, size_t n) {
	h5_errbuf b;
	b.found = 0;
	b.msg[0] = 0;
	H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, h5_walk, &b);
	strncpy(out, b.found ? b.msg : "unknown HDF5 error", n - 1);
	out[n - 1] = 0;
	H5Eclear2(H5E_DEFAULT);
}

static inline herr_t h5_quiet(void) { return H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

static inline hid_t h5_vlen_string(void) {
	hid_t t = H5Tcopy(H5T_C_S1);
	if (t < 0) return t;
	if (H5Tset_size(t, H5T_VARIABLE) < 0 || H5Tset_cset(t, H5T_CSET_UTF8) < 0) {
		H5Tclose(t);
		return -1;
	}
	return t;
}

#endif
