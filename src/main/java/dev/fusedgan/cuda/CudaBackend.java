package dev.fusedgan.cuda;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.GemmShape;
import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.backend.Stopwatch;
import dev.fusedgan.cuda.KernelLauncher.Device;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Losses;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.fusedgan.cuda.KernelLauncher.REDUCTION_GRID;
import static dev.fusedgan.cuda.KernelLauncher.grid;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

/**
 * The GPU implementation of {@link Backend}: everything is enqueued on one stream; host copies and anything
 * returning a value wait for that stream first. Uses device 0. Threading: see {@link CudaContext}.
 * {@link #launches()} counts every operation enqueued: kernels, memsets, device copies and cuBLAS calls.
 */
public final class CudaBackend implements Backend {
    private static final long PARTIALS_BYTES = (long) REDUCTION_GRID * Double.BYTES;

    private final CudaContext context;
    private final CUstream stream = new CUstream();
    private final KernelModules modules;
    private final KernelLauncher launcher;
    private final Cublas cublas;
    /** Per-block partial sums, then per-block NaN counts, then the final sum and NaN count (16 bytes). */
    private final DeviceBuffer reduction;
    /** The unfused BCE chain's probabilities q = sigmoid(x). */
    private final GrowableBuffer probabilities;
    /** The per-block partials of a multi-tensor sum of squares, every tensor's side by side. */
    private final GrowableBuffer listPartials;
    private final Set<CudaTensor> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<CudaStopwatch> stopwatches = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;
    /** Every {@link #synchronize()}: each value, download or upload that waits for the stream goes through it. */
    private long hostWaits;

    /** Every kernel {@link Launches} names, by name, and each version-3 loss kernel's one-wave grid. */
    private final Map<String, CUfunction> kernels = new HashMap<>();
    private final Map<String, Integer> v3Waves = new HashMap<>();
    /** Where {@link Launches} sends this backend's launches: the stream. */
    private final Launches.Sink gpu;
    /** The fused loss kernel version: 3 (float4 accesses, one-wave grid; version 2 for misaligned slices) or 2. */
    private final int lossKernelVersion;
    /** The column-sum version: 1 (the CPU's order, bitwise) or 2 (chunked, more threads); see kernels/reductions.cu. */
    private final int sumRowsVersion;
    /** Version 2's chunk sums. */
    private final GrowableBuffer sumRowsPartials;
    /** adam_multi's tables, by content (the tensors' addresses and sizes); freed on close. */
    private final Map<List<Long>, DeviceBuffer> adamTables = new HashMap<>();

    /**
     * How the simulated device (native/sim: a host-only libcuda.so.1 for the tests, kernels in the kernel emulator)
     * names itself in cuDeviceGetName. Its figures time the emulator, not a GPU, so nothing counts them as GPU ones.
     */
    public static final String SIMULATED_DEVICE_NAME = "fusedgan simulated device";

    /** System property choosing the fused loss kernel version, "3" (the default) or "2"; see kernels/loss.cu. */
    public static final String LOSS_KERNEL_PROPERTY = "fusedgan.cuda.lossKernel";
    /** System property choosing the column-sum version, "1" (the default) or "2"; see kernels/reductions.cu. */
    public static final String SUM_ROWS_PROPERTY = "fusedgan.cuda.sumRows";

    /**
     * Opens device 0, checking in order: the driver, a device, the kernels in the jar, cuBLAS. Each failure is a
     * {@link BackendUnavailableException} with a one-line reason.
     */
    public static CudaBackend open() {
        CudaContext context = CudaContext.open();
        try {
            return new CudaBackend(context, KernelModules.readFatbins(KernelModules.ROOT));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private CudaBackend(CudaContext context, Map<String, byte[]> fatbins) {
        this.context = context;
        lossKernelVersion = version(LOSS_KERNEL_PROPERTY, System.getProperty(LOSS_KERNEL_PROPERTY, "3"), 2, 3);
        sumRowsVersion = version(SUM_ROWS_PROPERTY, System.getProperty(SUM_ROWS_PROPERTY, "1"), 1, 2);
        CudaException.check(cuStreamCreate(stream, CUstream_flags.CU_STREAM_DEFAULT), "cuStreamCreate");
        KernelModules loaded = null;
        Cublas blas = null;
        DeviceBuffer scratch = null;
        // Everything that can fail sits inside the try, kernel lookups included, so a failure frees what came before.
        try {
            loaded = new KernelModules(fatbins);
            for (var kernel : Launches.KERNELS.entrySet()) kernels.put(kernel.getKey(), loaded.function(kernel.getValue(), kernel.getKey()));
            int sms = context.multiprocessorCount();
            for (String kernel : Launches.KERNELS.keySet()) {
                if (kernel.endsWith("_v3")) v3Waves.put(kernel, oneWave(kernels.get(kernel), kernel, sms));
            }
            blas = new Cublas(DeviceAddress.of(stream));
            scratch = new DeviceBuffer(2 * PARTIALS_BYTES + 16, "reduction scratch");
        } catch (RuntimeException e) {
            if (blas != null) blas.close();
            if (loaded != null) loaded.close();
            cuStreamDestroy(stream);
            throw e;
        }
        modules = loaded;
        cublas = blas;
        reduction = scratch;
        launcher = new KernelLauncher(stream);
        gpu = (kernel, blocks, args) -> launcher.launch(kernels.get(kernel), blocks, args);
        probabilities = new GrowableBuffer("unfused BCE probabilities", stream);
        listPartials = new GrowableBuffer("sum-of-squares partials", stream);
        sumRowsPartials = new GrowableBuffer("column-sum partials", stream);
    }

    /**
     * The grid of a version-3 loss kernel: the blocks resident at once on the whole device (SMs times blocks per
     * SM at its register use), so every block runs in the first and only wave; at most the REDUCTION_GRID partials.
     */
    private static int oneWave(CUfunction kernel, String name, int multiprocessors) {
        int[] perSm = new int[1];
        CudaException.check(cuOccupancyMaxActiveBlocksPerMultiprocessor(perSm, kernel, KernelLauncher.BLOCK, 0),
                "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + name + ")");
        return Math.clamp((long) multiprocessors * Math.max(1, perSm[0]), 1, REDUCTION_GRID);
    }

    /** A kernel version from system property {@code property}: {@code first} or {@code second}, else a one-line error. */
    static int version(String property, String value, int first, int second) {
        String v = value.strip();
        if (v.equals(String.valueOf(first))) return first;
        if (v.equals(String.valueOf(second))) return second;
        throw new IllegalArgumentException("-D" + property + " must be " + first + " or " + second + ", got '" + value + "'");
    }

    @Override
    public String name() { return "cuda:0 " + context.deviceName(); }

    @Override
    public String details() {
        return String.format(java.util.Locale.ROOT,
                "%s: compute capability %s, %d SMs, %.1f GiB, driver CUDA %s, cuBLAS from %s, fused loss kernel version %d"
                        + " (version 3's one-wave grid: %d blocks), column sums version %d",
                name(), context.computeCapability(), context.multiprocessorCount(), context.totalMemory() / (double) (1L << 30),
                CudaContext.driverVersion(), Cublas.loadedFrom(), lossKernelVersion, v3Waves.get("loss_bce_with_logits_v3"), sumRowsVersion);
    }

    @Override
    public boolean isGpu() { return true; }

    /** True on the simulated device (see {@link #SIMULATED_DEVICE_NAME}), which is not a GPU. */
    public boolean isSimulated() { return context.deviceName().startsWith(SIMULATED_DEVICE_NAME); }

    // ---- memory ---------------------------------------------------------------------------------

    @Override
    public Tensor allocate(int rows, int cols) {
        enter();
        long bytes = (long) rows * cols * Float.BYTES;
        CudaTensor t = new CudaTensor(rows, cols, new DeviceBuffer(bytes, "tensor " + rows + "x" + cols), this::release);
        live.add(t);
        fill(t, 0f);
        return t;
    }

    private void release(CudaTensor t) {
        context.makeCurrent();
        live.remove(t);
        t.buffer().close();
    }

    @Override
    public void upload(float[] src, Tensor dst) {
        CudaTensor d = cuda(dst);
        if (src.length < d.size()) throw new IllegalArgumentException("upload: " + src.length + " values for a " + d.shape() + " tensor");
        if (d.size() == 0) return;
        synchronize();
        CudaException.check(cuMemcpyHtoD(d.pointer(), Pointer.to(src), d.bytes()), "cuMemcpyHtoD");
    }

    @Override
    public void download(Tensor src, float[] dst) {
        CudaTensor s = cuda(src);
        if (dst.length < s.size()) throw new IllegalArgumentException("download: array of " + dst.length + " for a " + s.shape() + " tensor");
        if (s.size() == 0) return;
        synchronize();
        CudaException.check(cuMemcpyDtoH(Pointer.to(dst), s.pointer(), s.bytes()), "cuMemcpyDtoH");
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        CudaTensor s = cuda(src), d = cuda(dst);
        sameShape("copy", s, d);
        if (s.size() == 0) return;
        enter();
        CudaException.check(cuMemcpyDtoDAsync(d.pointer(), s.pointer(), s.bytes(), stream), "cuMemcpyDtoDAsync");
        launcher.count();
    }

    @Override
    public void fill(Tensor dst, float value) {
        CudaTensor d = cuda(dst);
        if (d.size() == 0) return;
        enter();
        // A float fill is a 32-bit pattern fill.
        CudaException.check(cuMemsetD32Async(d.pointer(), Float.floatToRawIntBits(value), d.size(), stream), "cuMemsetD32Async");
        launcher.count();
    }

    // ---- layers ---------------------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        CudaTensor A = cuda(a), B = cuda(b), C = cuda(c);
        GemmShape shape = GemmShape.of(transA, transB, A, B, C);
        int m = shape.m(), n = shape.n(), k = shape.k();
        if (m == 0 || n == 0) return;
        enter();
        // cuBLAS is column-major and our tensors are row-major. A row-major r x c matrix read column-major is its
        // c x r transpose, so row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T: pass B first, swap
        // m and n, keep each operand's own transpose flag, and give each the row-major column count as its
        // leading dimension (at least 1, as cuBLAS requires even when k = 0).
        cublas.sgemm(transB, transA, n, m, k, alpha, B.address(), Math.max(1, B.cols()), A.address(), Math.max(1, A.cols()),
                beta, C.address(), Math.max(1, n));
        launcher.count();
    }

    @Override
    public void addBias(Tensor x, Tensor bias) {
        CudaTensor X = cuda(x), B = cuda(bias);
        biasFits("addBias", X, B);
        enter();
        Launches.addBias(gpu, X.address(), B.address(), X.size(), X.cols());
    }

    @Override
    public void sumRows(Tensor dy, Tensor out) {
        CudaTensor D = cuda(dy), O = cuda(out);
        if (O.size() != D.cols()) throw new IllegalArgumentException("sumRows: out " + O.shape() + " for dy " + D.shape());
        enter();
        if (sumRowsVersion == 2 && D.rows() > Launches.ROW_CHUNK) {
            long partials = sumRowsPartials.ensure(Launches.sumRowsScratch(D.rows(), D.cols()) * Double.BYTES);
            Launches.sumRowsChunked(gpu, D.address(), O.address(), D.rows(), D.cols(), partials);
        } else {
            Launches.sumRows(gpu, D.address(), O.address(), D.rows(), D.cols());
        }
    }

    @Override
    public void activate(Activation f, Tensor x, Tensor y) {
        CudaTensor X = cuda(x), Y = cuda(y);
        sameShape("activate", X, Y);
        enter();
        Launches.activate(gpu, f, X.address(), Y.address(), X.size());
    }

    @Override
    public void addBiasActivate(Activation f, Tensor z, Tensor bias, Tensor y) {
        CudaTensor Z = cuda(z), B = cuda(bias), Y = cuda(y);
        biasFits("addBiasActivate", Z, B);
        sameShape("addBiasActivate", Z, Y);
        enter();
        Launches.biasActivate(gpu, f, Z.address(), B.address(), Y.address(), Z.size(), Z.cols());
    }

    @Override
    public void activateBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        CudaTensor X = cuda(x), Y = cuda(y), DY = cuda(dy), DX = cuda(dx);
        sameShape("activateBackward", X, Y);
        sameShape("activateBackward", X, DY);
        sameShape("activateBackward", X, DX);
        enter();
        Launches.activateBackward(gpu, f, X.address(), Y.address(), DY.address(), DX.address(), X.size());
    }

    @Override
    public void axpy(float alpha, Tensor x, Tensor y) {
        CudaTensor X = cuda(x), Y = cuda(y);
        sameShape("axpy", X, Y);
        enter();
        Launches.axpy(gpu, alpha, X.address(), Y.address(), X.size());
    }

    @Override
    public double sumOfSquares(Tensor x) {
        CudaTensor X = cuda(x);
        if (X.size() == 0) return 0;
        enter();
        int blocks = Launches.sumOfSquaresPartials(gpu, X.address(), X.size(), reduction.address());
        return reduce(blocks, false)[0];
    }

    /**
     * x_1..x_k -> one double: each tensor's stage-1 partials go to its own range of one buffer, then one
     * reduce_partials over all of them and one wait, instead of k waits (a training step's gradient norm).
     */
    @Override
    public double sumOfSquares(List<? extends Tensor> xs) {
        if (!enqueueSumOfSquares(xs, Device.NULL)) return 0;
        synchronize();
        return readResult()[0];
    }

    /** The same sum as {@link #sumOfSquares(List)}, left on the device: [(float) sum, 0] into {@code result}. */
    @Override
    public void sumOfSquaresInto(List<? extends Tensor> xs, Tensor result) {
        Backend.checkSumOfSquaresResult(result);
        CudaTensor out = cuda(result);
        if (!enqueueSumOfSquares(xs, Device.of(out))) fill(out, 0f);
    }

    /** Enqueues the list's partials and their one reduction (into the scratch, and into {@code out} unless NULL); false when empty. */
    private boolean enqueueSumOfSquares(List<? extends Tensor> xs, Device out) {
        List<CudaTensor> tensors = xs.stream().map(CudaBackend::cuda).filter(t -> t.size() > 0).toList();
        long total = 0;
        for (CudaTensor t : tensors) total += grid(t.size(), REDUCTION_GRID);
        if (total == 0) return false;
        enter();
        long base = listPartials.ensure(total * Double.BYTES);
        long at = base;
        for (CudaTensor t : tensors) at += (long) Launches.sumOfSquaresPartials(gpu, t.address(), t.size(), at) * Double.BYTES;
        Launches.reduce(gpu, base, 0, Math.toIntExact(total), 1.0, reduction.address() + 2 * PARTIALS_BYTES, out.address());
        return true;
    }

    // ---- losses ---------------------------------------------------------------------------------

    @Override
    public LossResult loss(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss) {
        int blocks = enqueueLoss(fn, input, target, options, grad, elementLoss);
        double[] sumAndNans = reduce(blocks, true);
        return new LossResult((float) (options.factor(input.size()) * sumAndNans[0]), (long) sumAndNans[1]);
    }

    @Override
    public void lossInto(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss, Tensor result) {
        Losses.checkResult(fn, result);
        CudaTensor out = cuda(result);
        int blocks = enqueueLoss(fn, input, target, options, grad, elementLoss);
        launchReduce(blocks, true, options.factor(input.size()), Device.of(out));
    }

    // input (N), target (N or scalar), weight (N or none) -> loss (N, when NONE), grad (N), block partials;
    // see kernels/loss.cu. Returns the number of partials; the caller launches the second stage.
    private int enqueueLoss(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss) {
        Losses.check(fn, input, target, options, grad, elementLoss);
        CudaTensor x = cuda(input);
        CudaTensor t = target.tensorOrNull() == null ? null : cuda(target.tensorOrNull());
        float scalarTarget = target.scalarOrZero();
        CudaTensor w = options.weight() == null ? null : cuda(options.weight());
        CudaTensor g = grad == null ? null : cuda(grad);
        CudaTensor perElement = options.reduction() == Reduction.NONE ? cuda(elementLoss) : null;
        int n = x.size();
        enter();
        long q = fn == LossFunction.BCE_UNFUSED ? probabilities.ensure((long) n * Float.BYTES) : 0;
        var buffers = new Launches.Buffers(x.address(), address(t), address(w), address(g), address(perElement), q,
                reduction.address(), reduction.address() + PARTIALS_BYTES);
        return Launches.enqueue(gpu, fn, buffers, n, scalarTarget, options, lossKernelVersion, v3Waves::get);
    }

    /** A bias of one value per column of {@code x}, or a one-line error naming {@code op}. */
    private static void biasFits(String op, CudaTensor x, CudaTensor bias) {
        if (bias.size() != x.cols()) throw new IllegalArgumentException(op + ": bias " + bias.shape() + " for x " + x.shape());
    }

    private static long address(CudaTensor t) { return t == null ? 0 : t.address(); }

    /** Second stage of a reduction over {@code blocks} partials: {sum, NaN count}, after waiting for the stream. */
    private double[] reduce(int blocks, boolean countNans) {
        launchReduce(blocks, countNans, 1.0, Device.NULL);
        synchronize();
        return readResult();
    }

    /** The second stage's {sum, NaN count} from the scratch; the stream has been synchronised. */
    private double[] readResult() {
        long[] raw = new long[2];
        CudaException.check(cuMemcpyDtoH(Pointer.to(raw), reduction.pointer().withByteOffset(2 * PARTIALS_BYTES), 16), "cuMemcpyDtoH(reduction)");
        return new double[] {Double.longBitsToDouble(raw[0]), raw[1]};
    }

    /** Enqueues the second stage: the sum and NaN count into the scratch, and [factor * sum, count] into {@code lossOut} unless null. */
    private void launchReduce(int blocks, boolean countNans, double factor, Device lossOut) {
        Launches.reduce(gpu, reduction.address(), countNans ? reduction.address() + PARTIALS_BYTES : 0, blocks, factor,
                reduction.address() + 2 * PARTIALS_BYTES, lossOut.address());
    }


    // ---- optimizer ------------------------------------------------------------------------------

    @Override
    public void adamStep(AdamConfig cfg, long step, Tensor param, Tensor grad, Tensor m, Tensor v) {
        CudaTensor P = cuda(param), G = cuda(grad), M = cuda(m), V = cuda(v);
        adamShapes(P, G, M, V);
        if (step < 1) throw new IllegalArgumentException("adam: step is 1-based, got " + step);
        enter();
        Launches.adam(gpu, cfg, step, P.address(), G.address(), M.address(), V.address(), P.size());
    }

    /**
     * Every tensor in one adam_multi launch (kernels/optimizer.cu, version 2 of the Adam launch), each updated as
     * {@link #adamStep} updates it. The launch reads the tensors' addresses and sizes from a table in device memory,
     * uploaded the first time a list is seen (one host wait) and reused while the same tensors are stepped.
     */
    @Override
    public void adamSteps(AdamConfig cfg, long step, List<? extends Tensor> params, List<? extends Tensor> grads,
                          List<? extends Tensor> ms, List<? extends Tensor> vs) {
        Backend.checkAdamLists(params, grads, ms, vs);
        if (step < 1) throw new IllegalArgumentException("adam: step is 1-based, got " + step);
        long[][] addresses = new long[params.size()][];
        int[] sizes = new int[params.size()];
        int used = 0, largest = 0;
        for (int i = 0; i < params.size(); i++) {
            CudaTensor P = cuda(params.get(i)), G = cuda(grads.get(i)), M = cuda(ms.get(i)), V = cuda(vs.get(i));
            adamShapes(P, G, M, V);
            if (P.size() == 0) continue;
            addresses[used] = new long[] {P.address(), G.address(), M.address(), V.address()};
            sizes[used++] = P.size();
            largest = Math.max(largest, P.size());
        }
        if (used == 0) return;
        long[] table = Launches.adamTable(Arrays.copyOf(addresses, used), Arrays.copyOf(sizes, used));
        enter();
        List<Long> key = Arrays.stream(table).boxed().toList();
        DeviceBuffer uploaded = adamTables.get(key);
        if (uploaded == null) {
            uploaded = new DeviceBuffer((long) table.length * Long.BYTES, "Adam tensor table");
            synchronize();
            CudaException.check(cuMemcpyHtoD(uploaded.pointer(), Pointer.to(table), uploaded.bytes()), "cuMemcpyHtoD(Adam table)");
            adamTables.put(key, uploaded);
        }
        Launches.adamMulti(gpu, cfg, step, uploaded.address(), used, largest);
    }

    // ---- random numbers -------------------------------------------------------------------------

    @Override
    public void fillNormal(Tensor dst, long seed, long stream, float mean, float std) {
        CudaTensor D = cuda(dst);
        enter();
        Launches.fillNormal(gpu, D.address(), D.size(), seed, stream, mean, std);
    }

    @Override
    public void fillUniform(Tensor dst, long seed, long stream, float low, float high) {
        CudaTensor D = cuda(dst);
        enter();
        Launches.fillUniform(gpu, D.address(), D.size(), seed, stream, low, high);
    }

    // ---- timing and bookkeeping -------------------------------------------------------------------

    @Override
    public void synchronize() {
        enter();
        CudaException.check(cuStreamSynchronize(stream), "cuStreamSynchronize");
        hostWaits++;
    }

    @Override
    public long hostWaits() { return hostWaits; }

    @Override
    public Stopwatch stopwatch() {
        enter();
        CudaStopwatch sw = new CudaStopwatch(context, stream, stopwatches::remove);
        stopwatches.add(sw);
        return sw;
    }

    @Override
    public long launches() { return launcher.launches(); }

    @Override
    public void close() {
        if (closed) return;
        context.makeCurrent();
        try {
            cuStreamSynchronize(stream);
            for (CudaTensor t : List.copyOf(live)) t.close();
            for (CudaStopwatch sw : List.copyOf(stopwatches)) sw.close();
            probabilities.close();
            listPartials.close();
            sumRowsPartials.close();
            for (DeviceBuffer table : adamTables.values()) table.close();
            adamTables.clear();
            reduction.close();
            cublas.close();
            modules.close();
            cuStreamDestroy(stream);
        } finally {
            closed = true;
            context.close();
        }
    }

    private void enter() {
        if (closed) throw new IllegalStateException("the CUDA backend is closed");
        context.makeCurrent();
    }

    private static CudaTensor cuda(Tensor t) {
        if (t instanceof CudaTensor c) return c;
        throw new IllegalArgumentException("the CUDA backend was given a tensor it does not own: " + t);
    }

    /** A parameter, its gradient and both Adam moments have one shape, or a one-line error. */
    private static void adamShapes(CudaTensor param, CudaTensor grad, CudaTensor m, CudaTensor v) {
        sameShape("adam", param, grad);
        sameShape("adam", param, m);
        sameShape("adam", param, v);
    }

    private static void sameShape(String op, Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes differ, " + a.shape() + " vs " + b.shape());
        }
    }
}
