/* The machine's state before a benchmark: the GFLOP/s one core reaches on fused multiply-adds
 * alone (AVX2 + FMA, 8 floats per instruction), with no memory traffic.
 *
 *     gcc -O2 -mavx2 -mfma scripts/bench/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak
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

int main(void) {
    /* Twelve accumulators, kept in registers. */
    __m256 a0 = _mm256_set1_ps(1), a1 = _mm256_set1_ps(2), a2 = _mm256_set1_ps(3), a3 = _mm256_set1_ps(4);
    __m256 a4 = _mm256_set1_ps(5), a5 = _mm256_set1_ps(6), a6 = _mm256_set1_ps(7), a7 = _mm256_set1_ps(8);
    __m256 a8 = _mm256_set1_ps(9), a9 = _mm256_set1_ps(10), a10 = _mm256_set1_ps(11), a11 = _mm256_set1_ps(12);
    const __m256 scale = _mm256_set1_ps(0.999f), shift = _mm256_set1_ps(0.0001f);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long step = 0; step < STEPS; step++) {
#define STEP(a) a = _mm256_fmadd_ps(a, scale, shift);
        STEP(a0) STEP(a1) STEP(a2) STEP(a3) STEP(a4) STEP(a5)
        STEP(a6) STEP(a7) STEP(a8) STEP(a9) STEP(a10) STEP(a11)
        /* Keeps every chain live, so that none is computed once or dropped. */
        __asm__ volatile("" : "+x"(a0), "+x"(a1), "+x"(a2), "+x"(a3), "+x"(a4), "+x"(a5),
                         "+x"(a6), "+x"(a7), "+x"(a8), "+x"(a9), "+x"(a10), "+x"(a11));
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (end.tv_sec - start.tv_sec) + 1e-9 * (end.tv_nsec - start.tv_nsec);
    printf("%.1f\n", STEPS * 12 * 16.0 / seconds / 1e9);
    return 0;
}
