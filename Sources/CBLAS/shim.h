#include <cblas.h>

/* OpenBLAS's kernel choice when it is built for every CPU (DYNAMIC_ARCH, as Debian's is): exported
 * by the library but not declared in cblas.h. `gotoblas_dynamic_init` picks the kernels for the
 * CPU, or for the core named by the environment variable OPENBLAS_CORETYPE; `gotoblas_dynamic_quit`
 * forgets the choice. Weak, so that an OpenBLAS built for one CPU, which has neither, still links:
 * `runner_openblas_can_choose_kernels` says whether they are there. */
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

static inline int runner_openblas_can_choose_kernels(void) {
    return gotoblas_dynamic_init != 0 && gotoblas_dynamic_quit != 0;
}
