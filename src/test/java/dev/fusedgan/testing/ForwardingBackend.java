package dev.fusedgan.testing;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.backend.AdamConfig;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.backend.Stopwatch;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.loss.LossFunction;
import dev.fusedgan.loss.LossOptions;
import dev.fusedgan.loss.LossResult;
import dev.fusedgan.loss.Target;
import dev.fusedgan.tensor.Tensor;

/**
 * The CPU reference behind the {@link Backend} interface, every call forwarded, for test backends that change
 * one operation (a deliberately wrong loss, a perturbed GEMM) and keep the rest exact.
 */
public abstract class ForwardingBackend implements Backend {
    protected final CpuBackend cpu = new CpuBackend();

    @Override public boolean isGpu() { return false; }
    @Override public Tensor allocate(int rows, int cols) { return cpu.allocate(rows, cols); }
    @Override public void upload(float[] src, Tensor dst) { cpu.upload(src, dst); }
    @Override public void download(Tensor src, float[] dst) { cpu.download(src, dst); }
    @Override public void copy(Tensor src, Tensor dst) { cpu.copy(src, dst); }
    @Override public void fill(Tensor dst, float value) { cpu.fill(dst, value); }
    @Override public void gemm(boolean ta, boolean tb, float alpha, Tensor a, Tensor b, float beta, Tensor c) { cpu.gemm(ta, tb, alpha, a, b, beta, c); }
    @Override public void addBias(Tensor x, Tensor bias) { cpu.addBias(x, bias); }
    @Override public void sumRows(Tensor dy, Tensor out) { cpu.sumRows(dy, out); }
    @Override public void activate(Activation f, Tensor x, Tensor y) { cpu.activate(f, x, y); }
    @Override public void activateBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) { cpu.activateBackward(f, x, y, dy, dx); }
    @Override public void axpy(float alpha, Tensor x, Tensor y) { cpu.axpy(alpha, x, y); }
    @Override public double sumOfSquares(Tensor x) { return cpu.sumOfSquares(x); }
    @Override
    public LossResult loss(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss) {
        return cpu.loss(fn, input, target, options, grad, elementLoss);
    }
    @Override
    public void lossInto(LossFunction fn, Tensor input, Target target, LossOptions options, Tensor grad, Tensor elementLoss, Tensor result) {
        cpu.lossInto(fn, input, target, options, grad, elementLoss, result);
    }
    @Override public void adamStep(AdamConfig c, long step, Tensor p, Tensor g, Tensor m, Tensor v) { cpu.adamStep(c, step, p, g, m, v); }
    @Override public void fillNormal(Tensor dst, long seed, long stream, float mean, float std) { cpu.fillNormal(dst, seed, stream, mean, std); }
    @Override public void fillUniform(Tensor dst, long seed, long stream, float low, float high) { cpu.fillUniform(dst, seed, stream, low, high); }
    @Override public void synchronize() { cpu.synchronize(); }
    @Override public Stopwatch stopwatch() { return cpu.stopwatch(); }
    @Override public long launches() { return cpu.launches(); }
    @Override public void close() { cpu.close(); }
}
