/*
 * The machine's ceilings for golgi's two hot passes, in C (gcc -O3
 * -march=native -fopenmp, the flags Brian2's generated code gets, without
 * -ffast-math, which changes nothing here):
 *
 *   stream:  v[i] = a*v[i] + b*x[i] over N doubles (24 bytes of memory
 *            traffic per element: read v and x, write v), the neuron
 *            pass's shape;
 *   scatter: ring[target[k]] += w over K = 80*N uniformly random 32-bit
 *            targets in [0, N), read in order, the delivery pass's shape
 *            (every synapse of the fixed in-degree 80 network once).
 *
 * Usage: ceilings [-threads T] N... ; prints one JSON object per kernel,
 * size and thread count: elements per second (best of 3 timed passes of
 * at least 0.1 s each) and GB/s. With T threads (OpenMP) stream splits the
 * array; scatter splits the targets and gives each thread its own ring
 * (no atomics, no merge); the threads do not meet between passes, where
 * a simulator meets every step or window: an upper bound. compare/bench.sh compiles and
 * runs it; compare/ceilings (Go) measures the same in Go.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) { /* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

static void stream(double *restrict v, const double *restrict x, long n, int reps, int threads) {
	const double a = 0.999, b = 0.001;
#pragma omp parallel num_threads(threads)
	{
		int id = 0;
#ifdef _OPENMP
		id = omp_get_thread_num();
#endif
		long lo = n * id / threads, hi = n * (id + 1) / threads;
		for (int r = 0; r < reps; r++)
			for (long i = lo; i < hi; i++)
				v[i] = a * v[i] + b * x[i];
	}
}

static void scatter(double *ring, const uint32_t *restrict t, long n, long k, int reps, int threads) {
	const double w = 1e-3;
#pragma omp parallel num_threads(threads)
	{
		int id = 0;
#ifdef _OPENMP
		id = omp_get_thread_num();
#endif
		double *restrict g = ring + (long)id * n;
		long lo = k * id / threads, hi = k * (id + 1) / threads;
		for (int r = 0; r < reps; r++)
			for (long j = lo; j < hi; j++)
				g[t[j]] += w;
	}
}

/* best returns the best elements per second over 3 passes of at least
 * 0.1 s, calibrating the repetitions first. */
static double best_stream(double *v, const double *x, long n, int threads) {
	int reps = 1;
	for (;;) {
		double t0 = now();
		stream(v, x, n, reps, threads);
		if (now() - t0 >= 0.1) break;
		reps *= 2;
	}
	double b = 0;
	for (int p = 0; p < 3; p++) {
		double t0 = now();
		stream(v, x, n, reps, threads);
		double e = (double)n * reps / (now() - t0);
		if (e > b) b = e;
	}
	return b;
}

static double best_scatter(double *ring, const uint32_t *t, long n, long k, int threads) {
	int reps = 1;
	for (;;) {
		double t0 = now();
		scatter(ring, t, n, k, reps, threads);
		if (now() - t0 >= 0.1) break;
		reps *= 2;
	}
	double b = 0;
	for (int p = 0; p < 3; p++) {
		double t0 = now();
		scatter(ring, t, n, k, reps, threads);
		double e = (double)k * reps / (now() - t0);
		if (e > b) b = e;
	}
	return b;
}

int main(int argc, char **argv) {
	int threads = 1, first = 1;
	if (argc > 2 && strcmp(argv[1], "-threads") == 0) {
		threads = atoi(argv[2]);
		first = 3;
	}
	if (threads < 1 || threads > 1024) {
		fprintf(stderr, "ceilings: -threads %d: must be between 1 and 1024\n", threads);
		return 2;
	}
#ifndef _OPENMP
	if (threads > 1) {
		fprintf(stderr, "ceilings: -threads %d: compiled without OpenMP (-fopenmp)\n", threads);
		return 2;
	}
#endif
	if (first >= argc) {
		fprintf(stderr, "usage: ceilings [-threads T] N...\n");
		return 2;
	}
	for (int a = first; a < argc; a++) {
		char *end;
		long n = strtol(argv[a], &end, 10);
		if (*end != 0 || n < 1 || n > 100000000) {
			fprintf(stderr, "ceilings: size %s: must be an integer between 1 and 1e8\n", argv[a]);
			return 2;
		}
		long k = 80 * n;
		double *v = malloc(n * sizeof *v), *x = malloc(n * sizeof *x);
		double *ring = calloc((size_t)n * threads, sizeof *ring);
		uint32_t *t = malloc(k * sizeof *t);
		if (!v || !x || !ring || !t) {
			fprintf(stderr, "ceilings: size %ld: out of memory\n", n);
			return 1;
		}
		for (long i = 0; i < n; i++) {
			v[i] = -60.0 + (double)(next() >> 11) * 0x1p-53 * 10;
			x[i] = (double)(next() >> 11) * 0x1p-53;
		}
		for (long j = 0; j < k; j++)
			t[j] = (uint32_t)((next() >> 32) % (uint64_t)n);
		double es = best_stream(v, x, n, threads);
		double ek = best_scatter(ring, t, n, k, threads);
		double sum = 0;
		for (long i = 0; i < n * threads; i++) sum += ring[i];
		for (long i = 0; i < n; i++) sum += v[i];
		printf("{\"simulator\": \"ceiling-c\", \"kernel\": \"stream\", \"n\": %ld, \"threads\": %d, "
		       "\"elements_per_s\": %.6g, \"gb_per_s\": %.4g, \"bytes_per_element\": 24}\n",
		       n, threads, es, es * 24 / 1e9);
		printf("{\"simulator\": \"ceiling-c\", \"kernel\": \"scatter\", \"n\": %ld, \"threads\": %d, "
		       "\"elements_per_s\": %.6g, \"gb_per_s\": %.4g, \"bytes_per_element\": 4, \"checksum\": %.6g}\n",
		       n, threads, ek, ek * 4 / 1e9, sum);
		fflush(stdout);
		free(v); free(x); free(ring); free(t);
	}
	return 0;
}
