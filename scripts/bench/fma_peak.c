/* The machine's state before a benchmark: the GFLOP/s one core reaches on fused multiply-adds
 * alone, with no memory traffic, on the widest vectors the engine's products use on this CPU:
 * AVX-512 (16 floats per instruction) when the compiler targets it, else AVX2 + FMA (8).
 *
 *     gcc -O2 -march=native scripts/bench/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak
 *
 * Twelve independent chains keep both FMA units busy whatever their latency. The runner's
 * products run close to this figure, so it is their ceiling: run on every core at once
 * (`taskset -c N` each), it shows how much of each core the host leaves to this machine at the
 * moment. On an idle two-core host each core gives the same figure as one alone. Each chain
 * starts from its own value, so the compiler cannot merge them into one. */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#define STEPS 200000000L

#ifdef __AVX512F__
#define VECTOR __m512
#define SET1 _mm512_set1_ps
#define FMADD _mm512_fmadd_ps
#define FLOATS 16.0
#else
#define VECTOR __m256
#define SET1 _mm256_set1_ps
#define FMADD _mm256_fmadd_ps
#define FLOATS 8.0
#endif

int main(void) {
    /* Twelve accumulators, kept in registers. */
    VECTOR a0 = SET1(1), a1 = SET1(2), a2 = SET1(3), a3 = SET1(4), a4 = SET1(5), a5 = SET1(6);
    VECTOR a6 = SET1(7), a7 = SET1(8), a8 = SET1(9), a9 = SET1(10), a10 = SET1(11), a11 = SET1(12);
    const VECTOR scale = SET1(0.999f), shift = SET1(0.0001f);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long step = 0; step < STEPS; step++) {
#define STEP(a) a = FMADD(a, scale, shift);
        STEP(a0) STEP(a1) STEP(a2) STEP(a3) STEP(a4) STEP(a5)
        STEP(a6) STEP(a7) STEP(a8) STEP(a9) STEP(a10) STEP(a11)
        /* Keeps every chain live, so that none is computed once or dropped. */
        __asm__ volatile("" : "+x"(a0), "+x"(a1), "+x"(a2), "+x"(a3), "+x"(a4), "+x"(a5),
                         "+x"(a6), "+x"(a7), "+x"(a8), "+x"(a9), "+x"(a10), "+x"(a11));
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + 1e-9 * (end.tv_nsec - start.tv_nsec);
    printf("%.1f\n", STEPS * 12 * 2 * FLOATS / seconds / 1e9);
    return 0;
}
