package recording

// Checksum is the golgi.checksum of kv, for tests that forge files.
func Checksum(kv map[string]string) string {
	return checksum(func(k string) (string, bool) { v, ok := kv[k]; return v, ok })
}
