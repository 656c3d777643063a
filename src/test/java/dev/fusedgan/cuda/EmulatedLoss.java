package dev.fusedgan.cuda;

import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Reduction;
import dev.fusedgan.testing.LossCase;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.fusedgan.cuda.KernelLauncher.ELEMENTWISE_GRID;
import static dev.fusedgan.cuda.KernelLauncher.REDUCTION_GRID;
import static dev.fusedgan.cuda.KernelLauncher.grid;

/**
 * CudaBackend's loss path on the kernel emulator, its launches built by the same code ({@link Launches}): enqueueLoss (the fused kernel, version 3
 * when every buffer is 16-byte aligned and version 3 is chosen, else version 2; or the unfused chain's sigmoid,
 * loss and gradient kernels), then reduce (what {@code Backend.loss} returns) and launchReduce into a result
 * tensor (what {@code Backend.lossInto} leaves on the device). Host memory stands in for device memory, laid out
 * as CudaBackend's: the reduction scratch holds REDUCTION_GRID partial sums, as many partial NaN counts, then
 * the final sum and count.
 */
final class EmulatedLoss {
    private static final long PARTIALS_BYTES = (long) REDUCTION_GRID * Double.BYTES;

    /**
     * @param value       what Backend.loss returns
     * @param into        what Backend.lossInto writes: [value, NaN count]
     * @param grad        the gradient, or null when none was asked for
     * @param elementLoss the per-element losses (reduction NONE), or null
     * @param partialSums the first stage's per-block sums, partialNans its per-block NaN counts
     * @param launches    kernels launched for the Backend.loss path
     */
    record Outputs(LossResult value, float[] into, float[] grad, float[] elementLoss, double[] partialSums,
                   long[] partialNans, long launches, String kernel) {}

    /**
     * The fused kernel version CudaBackend is set to (-Dfusedgan.cuda.lossKernel, default 3) and version 3's grid
     * cap, which on a GPU is one wave from the occupancy API (SMs x resident blocks, at most REDUCTION_GRID:
     * an H100's 132 x 8 is capped at 1024, an A100's 108 x 8 gives 864). The emulator has no occupancy, so the
     * tests pass the wave.
     */
    record Choice(int version, int v3Wave) {
        static final Choice DEFAULT = new Choice(3, REDUCTION_GRID);
        static final Choice VERSION_2 = new Choice(2, REDUCTION_GRID);
    }

    private final KernelEmulator emu;
    private final Arena memory;

    EmulatedLoss(KernelEmulator emu, Arena memory) {
        this.emu = emu;
        this.memory = memory;
    }

    /** Runs {@code c} as CudaBackend does by default, in ascending thread order, with 16-byte aligned buffers. */
    Outputs run(LossCase c, boolean withGrad) {
        return run(c, withGrad, KernelEmulator.ASCENDING, Choice.DEFAULT, 0);
    }

    /**
     * Runs {@code c} with every thread order given by {@code schedule} (see KernelEmulator); every buffer starts
     * {@code offsetFloats} floats past a 16-byte boundary (1: a row slice that version 3 cannot take).
     */
    Outputs run(LossCase c, boolean withGrad, int schedule, Choice choice, int offsetFloats) {
        int n = c.input().length;
        MemorySegment x = floats(c.input(), offsetFloats);
        MemorySegment t = c.target() == null ? MemorySegment.NULL : floats(c.target(), offsetFloats);
        float scalarTarget = c.target() == null ? c.scalarTarget() : 0f;  // Target.scalarOrZero
        MemorySegment w = c.weight() == null ? MemorySegment.NULL : floats(c.weight(), offsetFloats);
        MemorySegment g = withGrad ? unwritten(n, offsetFloats) : MemorySegment.NULL;
        MemorySegment perElement = c.reduction() == Reduction.NONE ? unwritten(n, offsetFloats) : MemorySegment.NULL;
        MemorySegment scratch = memory.allocate(2 * PARTIALS_BYTES + 16, 16);
        scratch.fill((byte) 0x5E);  // garbage, as fresh device memory would hold
        MemorySegment partialSums = scratch, partialNans = scratch.asSlice(PARTIALS_BYTES);
        MemorySegment result = scratch.asSlice(2 * PARTIALS_BYTES);

        // CudaBackend.enqueueLoss's launches, built by the same code (Launches); its options carry the weight
        // tensor, which here is the w buffer.
        LossOptions options = new LossOptions(null, c.posWeight(), c.smoothing(), c.reduction(), c.scale());
        double factor = options.factor(n);
        long q = c.fn() == LossFunction.BCE_UNFUSED ? unwritten(n, 0).address() : 0;
        var buffers = new Launches.Buffers(x.address(), t.address(), w.address(), g.address(), perElement.address(), q,
                partialSums.address(), partialNans.address());
        String[] stage1 = new String[1];
        Launches.Sink sink = (kernel, grid, args) -> {
            if (!kernel.equals("bce_unfused_sigmoid") && !kernel.equals("bce_unfused_grad")) stage1[0] = kernel;
            emu.launchScheduled(kernel, grid, KernelLauncher.BLOCK, schedule, args);
        };
        long before = emu.launches();
        int blocks = Launches.enqueue(sink, c.fn(), buffers, n, scalarTarget, options, choice.version(), kernel -> choice.v3Wave());
        String kernel = stage1[0];
        double[] sums = doubles(partialSums, blocks);
        long[] nans = partialNans.asSlice(0, (long) blocks * Long.BYTES).toArray(ValueLayout.JAVA_LONG);

        // CudaBackend.reduce(blocks, true): factor 1, no loss_out; the host multiplies by the factor and rounds.
        Launches.reduce(sink, partialSums.address(), partialNans.address(), blocks, 1.0, result.address(), 0);
        long launches = emu.launches() - before;
        double sum = result.get(ValueLayout.JAVA_DOUBLE, 0);
        long nanCount = result.get(ValueLayout.JAVA_LONG, 8);
        LossResult value = new LossResult((float) (factor * sum), nanCount);

        // CudaBackend.lossInto's second stage, on the same partials: [factor * sum, NaN count] into a 1 x 2 tensor.
        MemorySegment into = unwritten(2, 0);
        Launches.reduce(sink, partialSums.address(), partialNans.address(), blocks, factor, result.address(), into.address());

        return new Outputs(value, into.toArray(ValueLayout.JAVA_FLOAT), withGrad ? g.toArray(ValueLayout.JAVA_FLOAT) : null,
                c.reduction() == Reduction.NONE ? perElement.toArray(ValueLayout.JAVA_FLOAT) : null, sums, nans, launches,
                kernel);
    }

    private MemorySegment floats(float[] values, int offsetFloats) {
        MemorySegment s = unwritten(values.length, offsetFloats);
        s.copyFrom(MemorySegment.ofArray(values));
        return s;
    }

    /**
     * n floats of garbage (so that an element the kernels do not write cannot match the reference), starting
     * offsetFloats floats past a 16-byte boundary, as cudaMalloc'd memory and its row slices do.
     */
    private MemorySegment unwritten(int n, int offsetFloats) {
        MemorySegment s = memory.allocate((long) (n + offsetFloats) * Float.BYTES, 16);
        s.fill((byte) 0x5E);
        return s.asSlice((long) offsetFloats * Float.BYTES, (long) n * Float.BYTES);
    }

    private static double[] doubles(MemorySegment s, int n) {
        return s.asSlice(0, (long) n * Double.BYTES).toArray(ValueLayout.JAVA_DOUBLE);
    }
}
