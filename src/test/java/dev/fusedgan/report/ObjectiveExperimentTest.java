package dev.fusedgan.report;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny experiment: one row per objective, finite gradient norms, the PNG and the table written. */
class ObjectiveExperimentTest {
    @TempDir
    Path tmp;

    @Test
    void tinyExperimentWritesTableAndChartWithFiniteNumbers() throws IOException {
        TrainConfig base = TrainConfig.defaults().withSteps(12).withBatch(16).withHidden(List.of(8)).withEvalSamples(100);
        ObjectiveExperiment.Result r;
        try (Backend be = new CpuBackend()) {
            r = ObjectiveExperiment.write(be, tmp, base);
        }
        assertEquals(ObjectiveExperiment.OBJECTIVES.size(), r.rows().size());
        for (ObjectiveExperiment.Row row : r.rows()) {
            assertEquals(12, row.gradNorms().length);
            for (double g : row.gradNorms()) assertTrue(Double.isFinite(g) && g > 0, row.objective() + ": |grad G| " + g);
            assertTrue(row.metrics().samples() == 100);
        }
        assertNotNull(ImageIO.read(tmp.resolve(ObjectiveExperiment.PNG).toFile()));
        String md = Files.readString(tmp.resolve(ObjectiveExperiment.TEXT));
        for (ObjectiveExperiment.Row row : r.rows()) {
            assertTrue(md.contains("| " + row.objective().name() + " |"), "table lacks " + row.objective());
        }
        assertTrue(!md.contains("NaN") && !md.contains("Infinity"), md);
    }
}
