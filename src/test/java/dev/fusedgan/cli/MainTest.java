package dev.fusedgan.cli;

import dev.fusedgan.backend.BackendUnavailableException;
import dev.fusedgan.backend.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of the command line. */
class MainTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        Result r = run("train", "--no-such-option");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option") && r.err().contains("Usage: fusedgan train"), r.err());
    }

    @Test
    void unknownObjectiveNameIsAUsageErrorWithExitTwo() {
        Result r = run("train", "--g-objective", "wasserstein");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("wasserstein") && r.err().contains("Usage:"), r.err());
    }

    @Test
    void missingSubcommandIsAUsageErrorWithExitTwo() {
        assertEquals(2, run().code());
    }

    @Test
    void invalidSettingIsOneLineAndExitOne() {
        Result r = run("train", "--steps", "0", "--quiet", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        assertEquals("fusedgan: steps must be >= 1, got 0", r.err().strip());
    }

    @Test
    void cudaWithoutAGpuIsOneLineAndExitOne() {
        boolean gpu;
        try {
            Backends.openCuda().close();
            gpu = true;
        } catch (BackendUnavailableException e) {
            gpu = false;
        }
        Assumptions.assumeFalse(gpu, "this machine has a usable GPU, so --device cuda succeeds");
        Result r = run("train", "--device", "cuda", "--quiet", "--steps", "5", "--out", tmp.resolve("x").toString());
        assertEquals(1, r.code());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("fusedgan: "), lines[0]);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void trainPrintsASummaryLineAndTheRunDirectory() throws Exception {
        Path dir = tmp.resolve("run");
        Result r = run("train", "--device", "cpu", "--quiet", "--steps", "30", "--batch", "32", "--hidden", "16,16",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].startsWith("30 steps in ") && lines[0].contains("/8 modes"), lines[0]);
        assertEquals(dir.toString(), lines[1]);
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }
}
