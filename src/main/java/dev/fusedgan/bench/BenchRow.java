package dev.fusedgan.bench;

import dev.fusedgan.cuda.CudaBackend;

/**
 * One result line, shared by the Java harness and benchmarks/pytorch/bench_torch.py (same CSV columns).
 * Numbers that do not apply are NaN (doubles) or -1 (bytes) and are written as empty CSV fields.
 *
 * @param suite           "loss", "step" or "copy"
 * @param variant         e.g. "fused-tensor", "unfused", "torch-eager", "gpu-fused"
 * @param device          the backend's name (e.g. "cpu", "cuda:0 NVIDIA H100 80GB HBM3")
 * @param n               elements for the loss and copy suites, the batch size for the step suite
 * @param msMedian        median milliseconds per call (per iteration for the step suite)
 * @param bytes           bytes a call must move by the napkin count in {@link LossVariant#bytesMoved}
 * @param pctCopy         achieved GB/s as a percentage of the copy bandwidth measured in the same run
 * @param launchesPerCall kernel launches and library calls per call
 * @param samplesPerS     batch size / seconds per iteration (step suite)
 */
public record BenchRow(String suite, String variant, String device, long n, Status status, double msMedian,
                       double msMin, long bytes, double gbPerS, double pctCopy, double launchesPerCall,
                       double samplesPerS, String note) {

    public enum Status { OK, FAILED, SKIPPED }

    public BenchRow {
        if (suite == null || variant == null || device == null || status == null) {
            throw new IllegalArgumentException("bench row needs suite, variant, device and status");
        }
        note = note == null ? "" : note;
    }

    /** A row for a variant that was not timed (failed validation or was skipped), with the reason. */
    public static BenchRow untimed(String suite, String variant, String device, long n, Status status, long bytes, String note) {
        return new BenchRow(suite, variant, device, n, status, Double.NaN, Double.NaN, bytes, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, note);
    }

    public boolean ok() { return status == Status.OK; }

    /**
     * True when the row was measured on a GPU (the performance targets are about the GPU only): not the CPU, and not
     * the simulated device, whose figures time the kernel emulator on the host.
     */
    public boolean onGpu() {
        return !device.equalsIgnoreCase("cpu") && !device.isBlank() && !device.contains(CudaBackend.SIMULATED_DEVICE_NAME);
    }
}
