package dev.fusedgan.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    private static final String HEADER = String.join(",", BenchCsv.HEADER) + "\n";
    private static final String GPU = "\"cuda:0 NVIDIA H100, test\"";

    /** Synthetic fusedgan rows: fused 0.3 ms and unfused 1.2 ms at 2^26; fused-scalar below the roofline target. */
    private static final String JAVA = HEADER
            + "copy,copy,GPU,134217728,OK,0.36,0.35,1073741824,2982.6,100,1,,\n"
            + "loss,fused-tensor,GPU,16777216,OK,0.070,0.069,201326592,2876.1,96.4,2,,validated\n"
            + "loss,unfused,GPU,16777216,OK,0.300,0.29,671088640,2237,75,4,,validated\n"
            + "loss,fused-scalar,GPU,16777216,OK,0.060,0.059,134217728,2236.9,75.0,2,,validated\n"
            + "loss,fused-tensor,GPU,67108864,OK,0.30,0.29,805306368,2684.3,90.0,2,,validated\n"
            + "loss,unfused,GPU,67108864,OK,1.20,1.1,2684354560,2236.9,75.0,4,,validated\n"
            + "step,fused,GPU,256,OK,2.0,1.9,,,,40,128000,\n"
            + "step,fused,cpu,64,OK,400,390,,,,0,160,\n";
    private static final String TORCH = HEADER
            + "loss,torch-eager,GPU,67108864,OK,1.8,1.7,805306368,447.4,15,6,,\n"
            + "loss,torch-compile,GPU,67108864,OK,0.25,0.24,805306368,3221,108,2,,\n"
            + "step,torch-eager-fused-adam,GPU,256,OK,3.0,2.9,,,,,85333,\n";

    private static List<BenchRow> rows(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text.replace("GPU", GPU));
        return BenchCsv.read(file);
    }

    @Test
    void speedupIsTorchTimeOverFusedganTimeAtTheSameSize(@TempDir Path dir) throws Exception {
        List<BenchRow> all = new java.util.ArrayList<>(rows(dir, "java.csv", JAVA));
        all.addAll(rows(dir, "torch.csv", TORCH));
        assertEquals(6.0, Comparison.speedup(all, "loss", 1L << 26, "fused-tensor", "torch-eager"), 1e-12);
        assertEquals(0.25 / 0.3, Comparison.speedup(all, "loss", 1L << 26, "fused-tensor", "torch-compile"), 1e-12);
        assertEquals(1.5, Comparison.speedup(all, "step", 256, "fused", Targets.STEP_TORCH), 1e-12);
        assertTrue(Double.isNaN(Comparison.speedup(all, "loss", 1L << 24, "fused-tensor", "torch-eager")), "no torch row at 2^24");
    }

    @Test
    void targetsAreJudgedFromTheJoinedRows(@TempDir Path dir) throws Exception {
        List<BenchRow> all = new java.util.ArrayList<>(rows(dir, "java.csv", JAVA));
        all.addAll(rows(dir, "torch.csv", TORCH));
        List<Targets.Verdict> verdicts = Targets.evaluate(all).stream().map(Targets.Outcome::verdict).toList();
        assertEquals(List.of(
                Targets.Verdict.MET,      // fused-tensor 96.4% and 90.0% of copy
                Targets.Verdict.MISSED,   // fused-scalar 75%
                Targets.Verdict.MET,      // unfused / fused = 4.29x and 4x
                Targets.Verdict.MET,      // torch eager 6x
                Targets.Verdict.MISSED,   // torch.compile faster
                Targets.Verdict.MISSED),  // step 1.5x < 2x
                verdicts);
    }

    @Test
    void targetsWithoutTorchRowsAreNotMeasured(@TempDir Path dir) throws Exception {
        List<Targets.Outcome> outcomes = Targets.evaluate(rows(dir, "java.csv", JAVA));
        assertEquals(Targets.Verdict.NOT_MEASURED, outcomes.get(3).verdict());
        assertEquals(Targets.Verdict.NOT_MEASURED, outcomes.get(5).verdict());
        assertTrue(outcomes.get(3).numbers().contains("torch-eager"), outcomes.get(3).numbers());
    }

    @Test
    void reportPrintsBothSidesAndTheSpeedup(@TempDir Path dir) throws Exception {
        String report = Comparison.report(rows(dir, "java.csv", JAVA), rows(dir, "torch.csv", TORCH));
        String line = report.lines().filter(l -> l.trim().startsWith("67108864")).findFirst().orElseThrow();
        assertTrue(line.contains("0.3000") && line.contains("1.8000") && line.contains("6.00x"), line);
        assertTrue(report.contains("targets"), report);
        assertTrue(report.lines().noneMatch(l -> l.trim().startsWith("64 ")), "CPU step rows are not compared: " + report);
    }

    @Test
    void csvRoundTripKeepsQuotedFieldsAndEmptyNumbers(@TempDir Path dir) throws Exception {
        BenchRow row = new BenchRow("loss", "fused-tensor", "cuda:0 \"H100\", 80GB", 1024, BenchRow.Status.FAILED, Double.NaN,
                Double.NaN, 12288, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "gradient[3] = 1, not 2");
        Path file = dir.resolve("rows.csv");
        BenchCsv.write(file, List.of(row));
        assertEquals(List.of(row), BenchCsv.read(file));
    }

    @Test
    void csvWithoutAColumnIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, HEADER.replace("ms_median,", "") + "loss,x,cpu,1,OK,1,8,1,1,1,,\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchCsv.read(file));
        assertTrue(e.getMessage().contains("ms_median"), e.getMessage());
    }

    @Test
    void aCpuDryRunComparesTheCpuRowsAndSaysSo(@TempDir Path dir) throws Exception {
        String java = HEADER + "loss,fused-tensor,cpu,1024,OK,0.50,0.45,12288,0.02,1,0,,validated\n"
                + "step,fused,cpu,64,OK,200,190,,,,0,320,\n";
        String torch = HEADER + "loss,torch-eager,cpu,1024,OK,0.10,0.09,12288,0.1,1,,,\n"
                + "step,torch-eager-fused-adam,cpu,64,OK,300,290,,,,,213,\n";
        String report = Comparison.report(rows(dir, "java.csv", java), rows(dir, "torch.csv", torch));
        assertTrue(report.startsWith("CPU dry run"), report);
        String loss = report.lines().filter(l -> l.trim().startsWith("1024")).findFirst().orElseThrow();
        assertTrue(loss.contains("0.5000") && loss.contains("0.1000") && loss.contains("0.20x"), loss);
        String step = report.lines().filter(l -> l.trim().startsWith("64 ")).findFirst().orElseThrow();
        assertTrue(step.contains("1.50x"), step);
        assertTrue(Targets.evaluate(BenchCsv.read(dir.resolve("java.csv"))).stream()
                .allMatch(o -> o.verdict() == Targets.Verdict.NOT_MEASURED), "CPU rows never count for a target");
        assertTrue(Double.isNaN(Comparison.speedup(BenchCsv.read(dir.resolve("torch.csv")), "loss", 1024, "fused-tensor",
                "torch-eager")), "the public speedup is GPU-only");
    }

    @Test
    void simulatedDeviceRowsNeverCountAsGpuMeasurements(@TempDir Path dir) throws Exception {
        // The JAVA rows, every one met or missed on the H100 name, relabelled as the simulated device's.
        String simulated = JAVA.replace("GPU", "\"cuda:0 " + dev.fusedgan.cuda.CudaBackend.SIMULATED_DEVICE_NAME + " (not a GPU)\"");
        Path file = dir.resolve("sim.csv");
        Files.writeString(file, simulated);
        List<BenchRow> rows = BenchCsv.read(file);
        assertTrue(rows.stream().noneMatch(BenchRow::onGpu), "simulated rows are not GPU rows");
        assertTrue(Targets.evaluate(rows).stream().allMatch(o -> o.verdict() == Targets.Verdict.NOT_MEASURED),
                "the simulated device's figures never meet or miss a target");
        assertTrue(Comparison.report(rows, List.of()).startsWith("CPU dry run"));
    }
}
