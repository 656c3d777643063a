#!/usr/bin/env python3
"""The fusedgan benchmark cases run with PyTorch on the same machine, for `fusedgan bench compare`.

Loss suite (n = 2^min-log2 .. 2^max-log2 elements, reduction mean, forward + backward to the logits):
  torch-eager    F.binary_cross_entropy_with_logits(x, y), then torch.autograd.grad
  torch-compile  the same function under torch.compile (forward and AOT-compiled backward)
  torch-naive    torch.sigmoid(x), then F.binary_cross_entropy(q, y): the unfused textbook chain
Step suite: the 28x28 MLP GAN (G 100-512-512-784 LeakyReLU 0.2 + Tanh, D 784-512-512-1 LeakyReLU 0.2),
torch.optim.Adam(lr 2e-4, betas (0.5, 0.999), fused=True), one D step and one G step per iteration,
exactly the iteration of fusedgan's GanStep (D over [real; fake] in one 2m-row batch; the G step reuses
the fake batch and does not compute D's parameter gradients).

Timing as in the Java harness: warm-up, then each repeat timed alone with CUDA events, median (and min)
of --repeats; between loss-suite repeats a --flush-mib scratch buffer is written to evict the 50 MB L2.
Bytes are the same napkin counts as fusedgan's (fused 12n with a target tensor, unfused chain 40n), so
GB/s columns compare directly. The CSV has the same columns as fusedgan's bench.csv.

--device cpu runs the same cases on PyTorch's CPU backend (wall-clock timing, no L2 flush, Adam without
fused=True, torch-compile skipped when this PyTorch has no torch.compile). It is for checking this script
and the comparison on a machine without a GPU; its figures are not the GPU comparison.

Data: same distribution as fusedgan's LossData (logits Normal(0, 3) with ~10% replaced by +-[20, 1e4]
log-uniform, targets uniform with half snapped to 0/1), drawn with torch's generator, not Philox.
"""
import argparse
import csv
import datetime
import math
import os
import statistics
import sys
import time

HEADER = ["suite", "variant", "device", "n", "status", "ms_median", "ms_min", "bytes", "gb_per_s", "pct_copy",
          "launches_per_call", "samples_per_s", "note"]
ROW_FORMAT = "{:<5} {:<22} {:>12} {:<7} {:>10} {:>10} {:>13} {:>9} {:>7} {:>8} {:>11}  {}"
# Napkin bytes per element, as in fusedgan's LossVariant.bytesMoved (tensor target).
BYTES_PER_ELEMENT = {"torch-eager": 12, "torch-compile": 12, "torch-naive": 40}
STEP_VARIANT = "torch-eager-fused-adam"


def num(v, fmt):
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else fmt.format(v)


def csv_num(v, fmt):
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) else fmt.format(v)


def header_line():
    return ROW_FORMAT.format("suite", "variant", "n", "status", "ms_median", "ms_min", "bytes", "GB/s", "%copy",
                             "launches", "samples/s", "device / note")


def table_line(r):
    where = r["device"] if r["status"] == "OK" else r["device"] + ": " + r["note"]
    return ROW_FORMAT.format(r["suite"], r["variant"], r["n"], r["status"], num(r["ms_median"], "{:.4f}"),
                             num(r["ms_min"], "{:.4f}"), "-" if r["bytes"] is None else r["bytes"],
                             num(r["gb_per_s"], "{:.1f}"), num(r["pct_copy"], "{:.1f}"),
                             num(r["launches_per_call"], "{:.1f}"), num(r["samples_per_s"], "{:.0f}"), where).rstrip()


def csv_fields(r):
    return [r["suite"], r["variant"], r["device"], str(r["n"]), r["status"], csv_num(r["ms_median"], "{:.5f}"),
            csv_num(r["ms_min"], "{:.5f}"), "" if r["bytes"] is None else str(r["bytes"]),
            csv_num(r["gb_per_s"], "{:.2f}"), csv_num(r["pct_copy"], "{:.2f}"),
            csv_num(r["launches_per_call"], "{:.2f}"), csv_num(r["samples_per_s"], "{:.1f}"), r["note"]]


def row(suite, variant, device, n, status="OK", ms_median=math.nan, ms_min=math.nan, nbytes=None, gb_per_s=math.nan,
        pct_copy=math.nan, launches=math.nan, samples=math.nan, note=""):
    return {"suite": suite, "variant": variant, "device": device, "n": n, "status": status, "ms_median": ms_median,
            "ms_min": ms_min, "bytes": nbytes, "gb_per_s": gb_per_s, "pct_copy": pct_copy,
            "launches_per_call": launches, "samples_per_s": samples, "note": note}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", help="output directory; default runs/torch-<timestamp>")
    p.add_argument("--suite", choices=["loss", "step", "all"], default="all")
    p.add_argument("--min-log2", type=int, default=10)
    p.add_argument("--max-log2", type=int, default=27)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--flush-mib", type=int, default=128)
    p.add_argument("--copy-log2", type=int, default=27)
    p.add_argument("--batches", default="64,256,4096")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--no-compile", action="store_true", help="skip the torch.compile variant")
    p.add_argument("--device", choices=["cuda", "cpu"], default="cuda",
                   help="cpu: a dry run of the same cases on PyTorch's CPU backend (default cuda)")
    a = p.parse_args(argv)
    if not (0 <= a.min_log2 <= a.max_log2 <= 30):
        p.error("need 0 <= --min-log2 <= --max-log2 <= 30")
    if a.repeats < 1 or a.warmup < 0 or a.flush_mib < 0:
        p.error("need --repeats >= 1, --warmup >= 0, --flush-mib >= 0")
    try:
        batches = [int(b) for b in a.batches.split(",") if b.strip()]
    except ValueError:
        p.error("--batches must be comma-separated integers, got " + a.batches)

    import torch
    if a.device == "cuda" and not torch.cuda.is_available():
        print("bench_torch: CUDA is not available to PyTorch " + torch.__version__
              + "; nothing to measure (--device cpu runs a dry run on the CPU)", file=sys.stderr)
        return 1
    out = a.out or os.path.join("runs", "torch-" + datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out, exist_ok=True)
    bench = TorchBench(torch, a)
    device_name = torch.cuda.get_device_name() if a.device == "cuda" else "cpu"
    report = ["device: " + device_name + " (PyTorch " + torch.__version__ + ", CUDA " + str(torch.version.cuda) + ")",
              header_line()]
    print("\n".join(report), flush=True)
    rows = []

    def emit(r):
        rows.append(r)
        report.append(table_line(r))
        print(report[-1], flush=True)

    if a.suite in ("loss", "all"):
        bench.loss_suite(device_name, emit)
    if a.suite in ("step", "all"):
        bench.step_suite(device_name, batches, emit)
    with open(os.path.join(out, "torch.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            w.writerow(csv_fields(r))
    with open(os.path.join(out, "torch-report.txt"), "w") as f:
        f.write("\n".join(report) + "\n")
    print("results in " + out)
    return 1 if any(r["status"] == "FAILED" for r in rows) else 0


class TorchBench:
    def __init__(self, torch, args):
        self.torch = torch
        self.a = args
        self.dev = torch.device(args.device)
        self.cuda = args.device == "cuda"
        # torch.cuda.OutOfMemoryError is PyTorch 1.13+; RuntimeError is what older versions raise.
        self.oom = getattr(torch.cuda, "OutOfMemoryError", RuntimeError) if self.cuda else MemoryError
        self.scratch = None
        if args.flush_mib > 0 and self.cuda:
            self.scratch = torch.empty(args.flush_mib * (1 << 20) // 4, dtype=torch.float32, device=self.dev)
        self.flush_value = 0.0

    def empty_cache(self):
        if self.cuda:
            self.torch.cuda.empty_cache()

    def flush(self):
        if self.scratch is not None:
            self.flush_value += 1.0
            self.scratch.fill_(self.flush_value)

    def time(self, fn, flush=True):
        """Median and min ms of --repeats calls, each alone between CUDA events (wall clock on the CPU),
        after --warmup calls."""
        torch = self.torch
        for _ in range(self.a.warmup):
            fn()
        ms = []
        if not self.cuda:
            for _ in range(self.a.repeats):
                t0 = time.perf_counter()
                fn()
                ms.append((time.perf_counter() - t0) * 1e3)
            return statistics.median(ms), min(ms)
        torch.cuda.synchronize()
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        for _ in range(self.a.repeats):
            if flush:
                self.flush()
            start.record()
            fn()
            end.record()
            end.synchronize()
            ms.append(start.elapsed_time(end))
        return statistics.median(ms), min(ms)

    def launches(self, fn):
        """CUDA kernels (and memsets/copies) one call runs, from the profiler; NaN when it cannot tell."""
        torch = self.torch
        if not self.cuda:
            return math.nan
        try:
            from torch.profiler import ProfilerActivity, profile
            torch.cuda.synchronize()
            with profile(activities=[ProfilerActivity.CUDA]) as prof:
                fn()
                torch.cuda.synchronize()
            return float(sum(1 for e in prof.events() if e.device_type == torch.autograd.DeviceType.CUDA))
        except Exception:  # the count is a courtesy column; the timing does not depend on it
            return math.nan

    def data(self, n, log2):
        torch = self.torch
        g = torch.Generator(device=self.dev)
        g.manual_seed(self.a.seed * 1000 + log2)
        x = torch.randn(n, 1, generator=g, device=self.dev) * 3
        pick = torch.rand(n, 1, generator=g, device=self.dev)
        lo, hi = math.log10(20), 4.0
        mag = torch.pow(10.0, lo + (hi - lo) * torch.rand(n, 1, generator=g, device=self.dev))
        x = torch.where(pick < 0.1, torch.where(pick < 0.05, -mag, mag), x)
        y = torch.rand(n, 1, generator=g, device=self.dev)
        y = torch.where(torch.rand(n, 1, generator=g, device=self.dev) < 0.5, torch.round(y), y)
        return x.contiguous(), y.contiguous()

    def copy_row(self, device_name):
        torch = self.torch
        n = 1 << self.a.copy_log2
        src = torch.rand(n, device=self.dev)
        dst = torch.empty_like(src)
        med, mn = self.time(lambda: dst.copy_(src))
        nbytes = 8 * n
        return row("copy", "copy", device_name, n, ms_median=med, ms_min=mn, nbytes=nbytes, gb_per_s=nbytes / (med * 1e6),
                   pct_copy=100.0, note="device-to-device copy, read + write")

    def loss_suite(self, device_name, emit):
        torch = self.torch
        F = torch.nn.functional
        copy = self.copy_row(device_name)
        emit(copy)

        def eager(x, y):
            return F.binary_cross_entropy_with_logits(x, y)

        def naive(x, y):
            return F.binary_cross_entropy(torch.sigmoid(x), y)

        for log2 in range(self.a.min_log2, self.a.max_log2 + 1):
            n = 1 << log2
            x, y = self.data(n, log2)
            x.requires_grad_(True)
            variants = [("torch-eager", eager), ("torch-naive", naive)]
            if not self.a.no_compile and not hasattr(torch, "compile"):
                emit(row("loss", "torch-compile", device_name, n, "SKIPPED", nbytes=BYTES_PER_ELEMENT["torch-compile"] * n,
                         note="PyTorch " + torch.__version__ + " has no torch.compile"))
            elif not self.a.no_compile:
                torch._dynamo.reset()  # a fresh static-shape graph per size, as a fixed-shape training loop gets
                variants.insert(1, ("torch-compile", torch.compile(eager, dynamic=False)))
            for name, f in variants:
                nbytes = BYTES_PER_ELEMENT[name] * n

                def call(f=f):
                    return torch.autograd.grad(f(x, y), x)

                try:
                    problem = self.check(call, x, y, name)
                    if problem:
                        emit(row("loss", name, device_name, n, "FAILED", nbytes=nbytes, note=problem))
                        continue
                    med, mn = self.time(call)
                except self.oom as e:
                    self.empty_cache()
                    emit(row("loss", name, device_name, n, "SKIPPED", nbytes=nbytes, note="out of memory: " + str(e).splitlines()[0]))
                    continue
                gbps = nbytes / (med * 1e6)
                emit(row("loss", name, device_name, n, ms_median=med, ms_min=mn, nbytes=nbytes, gb_per_s=gbps,
                         pct_copy=100 * gbps / copy["gb_per_s"], launches=self.launches(call),
                         note="fwd+bwd (autograd.grad), reduction mean"))
            del x, y

    def check(self, call, x, y, name):
        """None when the gradient on the first 2^20 elements matches a float64 reference of its own formula."""
        torch = self.torch
        (g,) = call()
        k = min(x.shape[0], 1 << 20)
        xd, yd = x.detach()[:k].double(), y[:k].double()
        n = x.shape[0]
        if name == "torch-naive":
            # The textbook chain's gradient is sigmoid(x) - y only while sigmoid(x) is not rounded to 0 or 1.
            ok = xd.abs() < 15
        else:
            ok = torch.ones_like(xd, dtype=torch.bool)
        ref = (torch.sigmoid(xd) - yd) / n
        got = g[:k].double()
        bad = ((got - ref).abs() > 1e-5 / n + 1e-4 * ref.abs()) & ok
        if bool(bad.any()):
            i = int(bad.nonzero()[0, 0])
            return "gradient[%d] = %.7g vs reference %.7g" % (i, float(got[i]), float(ref[i]))
        return None

    def step_suite(self, device_name, batches, emit):
        torch = self.torch
        nn = torch.nn
        F = nn.functional
        for b in batches:
            torch.manual_seed(self.a.seed)
            G = nn.Sequential(nn.Linear(100, 512), nn.LeakyReLU(0.2), nn.Linear(512, 512), nn.LeakyReLU(0.2),
                              nn.Linear(512, 784), nn.Tanh()).to(self.dev)
            D = nn.Sequential(nn.Linear(784, 512), nn.LeakyReLU(0.2), nn.Linear(512, 512), nn.LeakyReLU(0.2),
                              nn.Linear(512, 1)).to(self.dev)
            adam = {"lr": 2e-4, "betas": (0.5, 0.999), "eps": 1e-8}
            if self.cuda:
                adam["fused"] = True  # the CPU dry run uses the default Adam: older PyTorch fuses on CUDA only
            opt_g = torch.optim.Adam(G.parameters(), **adam)
            opt_d = torch.optim.Adam(D.parameters(), **adam)
            real = torch.rand(b, 784, device=self.dev) * 2 - 1
            ones = torch.ones(b, 1, device=self.dev)
            zeros = torch.zeros(b, 1, device=self.dev)
            d_params = list(D.parameters())

            def iteration():
                z = torch.randn(b, 100, device=self.dev)
                fake = G(z)
                logits = D(torch.cat([real, fake.detach()]))
                d_loss = 0.5 * F.binary_cross_entropy_with_logits(logits[:b], ones) \
                    + 0.5 * F.binary_cross_entropy_with_logits(logits[b:], zeros)
                opt_d.zero_grad(set_to_none=True)
                d_loss.backward()
                opt_d.step()
                for q in d_params:
                    q.requires_grad_(False)
                g_loss = F.binary_cross_entropy_with_logits(D(fake), ones)
                opt_g.zero_grad(set_to_none=True)
                g_loss.backward()
                opt_g.step()
                for q in d_params:
                    q.requires_grad_(True)

            try:
                med, mn = self.time(iteration, flush=False)
            except self.oom as e:
                self.empty_cache()
                emit(row("step", STEP_VARIANT, device_name, b, "SKIPPED", note="out of memory: " + str(e).splitlines()[0]))
                continue
            emit(row("step", STEP_VARIANT, device_name, b, ms_median=med, ms_min=mn, launches=self.launches(iteration),
                     samples=b * 1000.0 / med,
                     note="one D step + one G step, eager, Adam(fused=%s)" % self.cuda))


if __name__ == "__main__":
    sys.exit(main())
