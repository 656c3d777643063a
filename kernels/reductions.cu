// Deterministic reductions: no floating-point atomics anywhere. A first launch writes one partial
// per block (fixed tree order inside the block); reduce_partials then adds the partials in a fixed
// order in one block. Given the same n the host always picks the same grid, so results are bitwise
// reproducible run to run.
#include "common.cuh"

// Column sums (the bias gradient) come in two numbered versions, chosen by the host (-Dfusedgan.cuda.sumRows):
// version 1 (default): sum_rows, one thread per column adding rows 0..rows-1 in order in double, the CPU's exact
//            order, so the result is bitwise the CPU's; but only `cols` threads (2 blocks for 512 columns).
// version 2: sum_rows_chunks then sum_rows_finish: one thread per (chunk of FG_ROW_CHUNK rows, column) adds its
//            chunk in order in double, then one thread per column adds the chunk sums in order and rounds once.
//            rows/FG_ROW_CHUNK times the threads; a different association of the same double additions, so the
//            float result equals the CPU's except where the two double sums round to different floats.

// reference: CpuBackend.sumRows
// dy (rows x cols) -> out (cols), version 1
extern "C" __global__ void sum_rows(const float* __restrict__ dy, float* __restrict__ out, int rows, int cols) {
    FG_FOR_EACH(c, cols) {
        double s = 0.0;
        for (long long r = 0; r < rows; r++) s += dy[r * cols + c];
        out[c] = (float)s;
    }
}

// Rows per chunk of version 2 (the host uses the same constant).
#define FG_ROW_CHUNK 32

// version 2, stage 1: dy (rows x cols) -> partials (chunks x cols), chunks = ceil(rows / FG_ROW_CHUNK);
// partials[k][c] = sum of dy[r][c] for r in chunk k, in row order, in double
extern "C" __global__ void sum_rows_chunks(const float* __restrict__ dy, double* __restrict__ partials, int rows, int cols) {
    long long chunks = ((long long)rows + FG_ROW_CHUNK - 1) / FG_ROW_CHUNK;
    FG_FOR_EACH(t, chunks * cols) {
        long long k = t / cols, c = t % cols;
        long long end = (k + 1) * FG_ROW_CHUNK < rows ? (k + 1) * FG_ROW_CHUNK : rows;
        double s = 0.0;
        for (long long r = k * FG_ROW_CHUNK; r < end; r++) s += dy[r * cols + c];
        partials[t] = s;
    }
}

// version 2, stage 2: partials (chunks x cols) -> out (cols): the chunk sums of each column in chunk order, rounded once
extern "C" __global__ void sum_rows_finish(const double* __restrict__ partials, float* __restrict__ out, int chunks, int cols) {
    FG_FOR_EACH(c, cols) {
        double s = 0.0;
        for (long long k = 0; k < chunks; k++) s += partials[k * cols + c];
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
