package dev.fusedgan.cuda;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.cuda.KernelLauncher.Device;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;

import java.util.Map;
import java.util.function.ToIntFunction;

import static dev.fusedgan.cuda.KernelLauncher.ELEMENTWISE_GRID;
import static dev.fusedgan.cuda.KernelLauncher.REDUCTION_GRID;
import static dev.fusedgan.cuda.KernelLauncher.grid;

/**
 * Every kernel launch of the CUDA engine, as a kernel name, a grid and an argument list: which kernel (and
 * version), how many blocks, and the arguments in the kernel's parameter order. {@link CudaBackend} sends them to
 * the GPU; the kernel emulator tests send the same launches, built by this same code, to the kernels compiled for
 * the host, so the argument lists the GPU gets are the ones the emulator checks against each kernel's parameter
 * types and runs against the CPU reference. Addresses are raw: device memory on the GPU, host memory in the
 * emulator. Shapes are checked by the caller.
 */
final class Launches {
    private Launches() {}

    /** Where launches go: the GPU's stream, or the emulator. Arguments as {@link KernelLauncher#launch}. */
    interface Sink {
        void launch(String kernel, int blocks, Object... args);
    }

    /** Every kernel this class launches, with the kernels/ file (module) it is in, for the backend to look up once. */
    static final Map<String, String> KERNELS = Map.ofEntries(
            Map.entry("axpy", "elementwise"), Map.entry("add_bias", "elementwise"),
            Map.entry("activate", "activations"), Map.entry("activate_backward", "activations"),
            Map.entry("bias_activate", "activations"),
            Map.entry("sum_rows", "reductions"), Map.entry("sum_rows_chunks", "reductions"),
            Map.entry("sum_rows_finish", "reductions"), Map.entry("sum_of_squares_partials", "reductions"),
            Map.entry("reduce_partials", "reductions"),
            Map.entry("loss_bce_with_logits", "loss"), Map.entry("loss_squared_error", "loss"),
            Map.entry("loss_absolute_error", "loss"), Map.entry("loss_hinge", "loss"), Map.entry("loss_linear", "loss"),
            Map.entry("loss_bce_with_logits_v3", "loss"), Map.entry("loss_squared_error_v3", "loss"),
            Map.entry("loss_absolute_error_v3", "loss"), Map.entry("loss_hinge_v3", "loss"), Map.entry("loss_linear_v3", "loss"),
            Map.entry("bce_unfused_sigmoid", "loss"), Map.entry("bce_unfused_loss", "loss"), Map.entry("bce_unfused_grad", "loss"),
            Map.entry("adam", "optimizer"), Map.entry("adam_multi", "optimizer"), Map.entry("fill_uniform", "random"), Map.entry("fill_normal", "random"));

    // ---- elementwise, activations, reductions, optimizer, random (one launch each) ----------------

    /** x (n = rows x cols) += bias (cols), row by row. */
    static void addBias(Sink sink, long x, long bias, int n, int cols) {
        sink.launch("add_bias", grid(n, ELEMENTWISE_GRID), new Device(x), new Device(bias), n, cols);
    }

    /** Rows per chunk of sum_rows version 2 (FG_ROW_CHUNK in kernels/reductions.cu). */
    static final int ROW_CHUNK = 32;

    /** out (cols) = column sums of dy (rows x cols), version 1: one thread per column, rows in order (the CPU's order). */
    static void sumRows(Sink sink, long dy, long out, int rows, int cols) {
        sink.launch("sum_rows", grid(cols, ELEMENTWISE_GRID), new Device(dy), new Device(out), rows, cols);
    }

    /** The doubles of scratch {@link #sumRowsChunked} needs: one per (chunk of {@link #ROW_CHUNK} rows, column). */
    static long sumRowsScratch(int rows, int cols) {
        return (long) ((rows + ROW_CHUNK - 1) / ROW_CHUNK) * cols;
    }

    /**
     * out (cols) = column sums of dy (rows x cols), version 2: chunk sums into {@code partials}
     * ({@link #sumRowsScratch} doubles), then the chunk sums of each column in order; two launches.
     */
    static void sumRowsChunked(Sink sink, long dy, long out, int rows, int cols, long partials) {
        long threads = sumRowsScratch(rows, cols);
        sink.launch("sum_rows_chunks", grid(threads, ELEMENTWISE_GRID), new Device(dy), new Device(partials), rows, cols);
        sink.launch("sum_rows_finish", grid(cols, ELEMENTWISE_GRID), new Device(partials), new Device(out),
                Math.toIntExact(threads / Math.max(1, cols)), cols);
    }

    /** y (n) = f(x). */
    static void activate(Sink sink, Activation f, long x, long y, int n) {
        sink.launch("activate", grid(n, ELEMENTWISE_GRID), f.kind().ordinal(), f.slope(), new Device(x), new Device(y), n);
    }

    /** z (n = rows x cols) += bias (cols), row by row, then y (n) = f(z), in one pass. */
    static void biasActivate(Sink sink, Activation f, long z, long bias, long y, int n, int cols) {
        sink.launch("bias_activate", grid(n, ELEMENTWISE_GRID), f.kind().ordinal(), f.slope(), new Device(z), new Device(bias),
                new Device(y), n, cols);
    }

    /** dx (n) = f'(x) dy, with y = f(x) given. */
    static void activateBackward(Sink sink, Activation f, long x, long y, long dy, long dx, int n) {
        sink.launch("activate_backward", grid(n, ELEMENTWISE_GRID), f.kind().ordinal(), f.slope(), new Device(x),
                new Device(y), new Device(dy), new Device(dx), n);
    }

    /** y (n) += alpha x. */
    static void axpy(Sink sink, float alpha, long x, long y, int n) {
        sink.launch("axpy", grid(n, ELEMENTWISE_GRID), alpha, new Device(x), new Device(y), n);
    }

    /** Stage 1 of a sum of squares of x (n): one double per block into partials; returns the number of blocks. */
    static int sumOfSquaresPartials(Sink sink, long x, int n, long partials) {
        int blocks = grid(n, REDUCTION_GRID);
        sink.launch("sum_of_squares_partials", blocks, new Device(x), n, new Device(partials));
        return blocks;
    }

    /** Adam step {@code step} (1-based) on param, m, v (n) with grad; the bias corrections come from the host. */
    static void adam(Sink sink, AdamConfig cfg, long step, long param, long grad, long m, long v, int n) {
        sink.launch("adam", grid(n, ELEMENTWISE_GRID), new Device(param), new Device(grad), new Device(m), new Device(v), n,
                cfg.learningRate(), cfg.beta1(), cfg.beta2(), cfg.epsilon(), cfg.biasCorrection1(step), cfg.biasCorrection2(step));
    }

    /** adam_multi's table entries per tensor: param, grad, m, v addresses, then n (kernels/optimizer.cu). */
    static final int ADAM_TABLE_ENTRIES = 5;

    /** adam_multi's table for tensors whose [param, grad, m, v] addresses are {@code addresses[i]} and sizes {@code sizes[i]}. */
    static long[] adamTable(long[][] addresses, int[] sizes) {
        long[] table = new long[ADAM_TABLE_ENTRIES * sizes.length];
        for (int t = 0; t < sizes.length; t++) {
            System.arraycopy(addresses[t], 0, table, ADAM_TABLE_ENTRIES * t, 4);
            table[ADAM_TABLE_ENTRIES * t + 4] = sizes[t];
        }
        return table;
    }

    /**
     * Adam step {@code step} on every tensor of a table (see {@link #adamTable}) in one launch, sized for the
     * largest tensor ({@code maxN}); each tensor's elements are updated as {@link #adam} updates them.
     */
    static void adamMulti(Sink sink, AdamConfig cfg, long step, long table, int tensors, int maxN) {
        sink.launch("adam_multi", grid(maxN, ELEMENTWISE_GRID), new Device(table), tensors, cfg.learningRate(), cfg.beta1(),
                cfg.beta2(), cfg.epsilon(), cfg.biasCorrection1(step), cfg.biasCorrection2(step));
    }

    /** out (n) = Normal(mean, std) from Philox(seed, stream), one thread per 4 elements. */
    static void fillNormal(Sink sink, long out, int n, long seed, long stream, float mean, float std) {
        sink.launch("fill_normal", grid((n + 3L) / 4, ELEMENTWISE_GRID), new Device(out), n, seed, stream, mean, std);
    }

    /** out (n) = Uniform[low, high) from Philox(seed, stream): low + (high - low) u, the width taken in float. */
    static void fillUniform(Sink sink, long out, int n, long seed, long stream, float low, float high) {
        float width = high - low;
        sink.launch("fill_uniform", grid((n + 3L) / 4, ELEMENTWISE_GRID), new Device(out), n, seed, stream, low, width);
    }

    // ---- losses -----------------------------------------------------------------------------------

    /**
     * The buffers of one loss, as raw addresses (0 for none): input x (n), target (n, or 0 for the scalar target),
     * weight (n or 0), grad (n or 0), elementLoss (n, reduction NONE only, else 0), probabilities (n floats of
     * scratch, the unfused chain only), partialSums and partialNans ({@link KernelLauncher#REDUCTION_GRID} each).
     */
    record Buffers(long x, long target, long weight, long grad, long elementLoss, long probabilities, long partialSums,
                   long partialNans) {}

    /** The fused kernel's name for {@code fn} (version 2; version 3 adds "_v3"). */
    static String fusedKernel(LossFunction fn) {
        return switch (fn) {
            case BCE_WITH_LOGITS -> "loss_bce_with_logits";
            case SQUARED_ERROR -> "loss_squared_error";
            case ABSOLUTE_ERROR -> "loss_absolute_error";
            case HINGE -> "loss_hinge";
            case LINEAR -> "loss_linear";
            case BCE_UNFUSED -> throw new IllegalArgumentException("BCE_UNFUSED is the unfused chain, not a fused kernel");
        };
    }

    /**
     * Stage 1: the per-block partials (and the gradient and element losses). The fused kernels use version 3
     * when {@code version} is 3 and every buffer is 16-byte aligned (version 3's float4 accesses need it), with
     * at most {@code v3Wave} blocks (one wave of that kernel on the device); otherwise version 2.
     *
     * @return the number of partials, for {@link #reduce}
     */
    static int enqueue(Sink sink, LossFunction fn, Buffers b, int n, float scalarTarget, LossOptions options, int version,
                       ToIntFunction<String> v3Wave) {
        double factor = options.factor(n);
        float smoothing = options.smoothing().amount();
        int twoSided = options.smoothing().twoSided() ? 1 : 0;
        int blocks = grid(n, REDUCTION_GRID);
        if (fn == LossFunction.BCE_UNFUSED) {
            Device q = new Device(b.probabilities());
            sink.launch("bce_unfused_sigmoid", grid(n, ELEMENTWISE_GRID), new Device(b.x()), q, n);
            sink.launch("bce_unfused_loss", blocks, new Device(b.x()), q, new Device(b.target()), scalarTarget,
                    new Device(b.weight()), options.posWeight(), smoothing, twoSided, options.scale(), new Device(b.elementLoss()), n,
                    new Device(b.partialSums()), new Device(b.partialNans()));
            if (b.grad() != 0) {
                sink.launch("bce_unfused_grad", grid(n, ELEMENTWISE_GRID), q, new Device(b.target()), scalarTarget,
                        new Device(b.weight()), options.posWeight(), smoothing, twoSided, factor, new Device(b.grad()), n);
            }
            return blocks;
        }
        String kernel = fusedKernel(fn);
        if (version == 3 && aligned16(b.x(), b.target(), b.weight(), b.grad(), b.elementLoss())) {
            // version 3: 4 elements per thread per iteration, at most one wave of blocks
            kernel += "_v3";
            blocks = Math.min(grid((n + 3L) / 4, REDUCTION_GRID), v3Wave.applyAsInt(kernel));
        }
        sink.launch(kernel, blocks, new Device(b.x()), new Device(b.target()), scalarTarget, new Device(b.weight()),
                options.posWeight(), smoothing, twoSided, options.scale(), factor, new Device(b.grad()),
                new Device(b.elementLoss()), n, new Device(b.partialSums()), new Device(b.partialNans()));
        return blocks;
    }

    /**
     * Stage 2, one block: the sum of {@code count} partials into result[0] (a double) and, when {@code partialNans}
     * is not 0, their NaN count into result[1] (8 bytes further); when {@code lossOut} is not 0, also
     * [(float) (factor * sum), (float) NaN count] into lossOut.
     */
    static void reduce(Sink sink, long partialSums, long partialNans, int count, double factor, long result, long lossOut) {
        sink.launch("reduce_partials", 1, new Device(partialSums), new Device(partialNans), count, factor,
                new Device(result), new Device(result + 8), new Device(lossOut));
    }

    /** Whether every address that is not 0 is a multiple of 16. */
    static boolean aligned16(long... addresses) {
        for (long a : addresses) if (a % 16 != 0) return false;
        return true;
    }
}
