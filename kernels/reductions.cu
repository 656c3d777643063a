// Deterministic reductions: no floating-point atomics anywhere. A first launch writes one partial
// per block (fixed tree order inside the block); reduce_partials then adds the partials in a fixed
// order in one block. Given the same n the host always picks the same grid, so results are bitwise
// reproducible run to run.
#include "common.cuh"

// reference: CpuBackend.sumRows
// dy (rows x cols) -> out (cols): one thread per column adds rows 0..rows-1 in order in double,
// the CPU's exact order, so the result is bitwise the CPU's.
extern "C" __global__ void sum_rows(const float* __restrict__ dy, float* __restrict__ out, int rows, int cols) {
    FG_FOR_EACH(c, cols) {
        double s = 0.0;
        for (long long r = 0; r < rows; r++) s += dy[r * cols + c];
        out[c] = (float)s;
    }
}

// reference: CpuBackend.sumOfSquares (stage 1)
// x (n) -> partials (gridDim.x): per-block sums of x^2 in double
extern "C" __global__ void sum_of_squares_partials(const float* __restrict__ x, int n, double* __restrict__ partials) {
    double s = 0.0;
    FG_FOR_EACH(i, n) { double v = x[i]; s += v * v; }
    double total = fg_block_sum(s);
    if (threadIdx.x == 0) partials[blockIdx.x] = total;
}

// Stage 2 of every reduction (sum of squares and the losses), launched as ONE block:
// sums (count) -> result[0]; nan_counts (count, may be null) -> nan_result[0]; and, when loss_out is not null,
// loss_out[0] = (float)(factor * sum), loss_out[1] = (float)nan count, so Backend.lossInto needs no host copy.
// factor * sum is one double multiply rounded to float, the same operation the host does for Backend.loss.
extern "C" __global__ void reduce_partials(const double* __restrict__ sums, const unsigned long long* __restrict__ nan_counts,
                                           int count, double factor, double* __restrict__ result,
                                           unsigned long long* __restrict__ nan_result, float* __restrict__ loss_out) {
    double s = 0.0;
    unsigned long long c = 0;
    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        s += sums[i];
        if (nan_counts != nullptr) c += nan_counts[i];
    }
    double total = fg_block_sum(s);
    unsigned long long nans = fg_block_count(c);
    if (threadIdx.x == 0) {
        result[0] = total;
        if (nan_result != nullptr) nan_result[0] = nans;
        if (loss_out != nullptr) {
            loss_out[0] = (float)(factor * total);
            loss_out[1] = (float)nans;
        }
    }
}
