package dev.fusedgan.cli;

import dev.fusedgan.report.ObjectivesReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectivesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ObjectivesCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesBothChartsAndTheTextWithComputedNumbers() throws IOException {
        Path target = dir.resolve("report");
        assertEquals(0, run("--out", target.toString(), "--device", "cpu"), err.toString());
        assertEquals(target.toString(), out.toString().strip());
        for (String png : new String[]{ObjectivesReport.GENERATOR_PNG, ObjectivesReport.PIXEL_PNG}) {
            BufferedImage img = ImageIO.read(target.resolve(png).toFile());
            assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 100, png);
        }
        String text = Files.readString(target.resolve(ObjectivesReport.TEXT));
        assertTrue(text.contains("minimax gradient is -4.540e-05, 2.203e+04 times smaller than the non-saturating one (-0.99995)"), text);
        assertTrue(text.contains("dL/dl is -1 at every one of the 401 points"), text);
        assertTrue(text.contains("| HINGE | -1 | -1 | -1 | -1 | -1 | -1 | -1 |"), text);
        assertTrue(text.contains("a slope of 1:"), text);
    }

    @Test
    void outUnderARegularFileIsAOneLineErrorWithExitCode1() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertEquals(1, run("--out", file.resolve("sub").toString(), "--device", "cpu"));
        String message = err.toString().strip();
        assertEquals("fusedgan: cannot use " + file.resolve("sub") + " as the output directory: " + file
                + " is a file, not a directory", message);
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("Exception\n\tat"), message);
        assertEquals("", out.toString());
    }

    @Test
    void unknownDeviceIsAOneLineErrorWithExitCode1() {
        assertEquals(1, run("--out", dir.resolve("r").toString(), "--device", "tpu"));
        assertEquals("fusedgan: unknown device 'tpu' (expected auto, cpu or cuda)", err.toString().strip());
    }

    @Test
    void tooFewPointsIsRefused() {
        assertEquals(1, run("--out", dir.resolve("r").toString(), "--points", "1"));
        assertEquals("fusedgan: --points must be between 2 and 100001, got 1", err.toString().strip());
    }
}
