package dev.fusedgan.report;

import dev.fusedgan.backend.Backend;
import dev.fusedgan.cpu.CpuBackend;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny experiment in both conditions: a row per run, finite numbers, a panel per condition, the table written. */
class ObjectiveExperimentTest {
    @TempDir
    Path tmp;

    @Test
    void theHeadStartConditionWarmsDUpForAThirdOfTheStepsAndLeavesThePixelLossOut() {
        List<ObjectiveExperiment.Condition> c = ObjectiveExperiment.conditions(TrainConfig.defaults());
        assertEquals(List.of("balanced", "D head start"), c.stream().map(ObjectiveExperiment.Condition::name).toList());
        assertEquals(0, c.get(0).dWarmup());
        assertEquals(TrainConfig.STEPS, c.get(0).steps());
        assertEquals(ObjectiveExperiment.OBJECTIVES, c.get(0).objectives());
        assertEquals(ObjectiveExperiment.HEAD_START_WARMUP, c.get(1).dWarmup());
        assertEquals(TrainConfig.STEPS / 3, c.get(1).steps());
        assertTrue(c.get(1).objectives().contains(GeneratorObjective.MINIMAX));
        assertFalse(c.get(1).objectives().contains(GeneratorObjective.PIXEL_MSE), "no D to give a head start");
    }

    @Test
    void tinyExperimentWritesTableAndChartWithFiniteNumbers() throws IOException {
        TrainConfig base = TrainConfig.defaults().withSteps(12).withBatch(16).withHidden(List.of(8)).withEvalSamples(100);
        List<ObjectiveExperiment.Condition> conditions = List.of(
                new ObjectiveExperiment.Condition("balanced", 0, 12, ObjectiveExperiment.OBJECTIVES),
                new ObjectiveExperiment.Condition("D head start", 40, 6, List.of(GeneratorObjective.NON_SATURATING, GeneratorObjective.MINIMAX)));
        ObjectiveExperiment.Result r;
        try (Backend be = new CpuBackend()) {
            r = ObjectiveExperiment.write(be, tmp, base, conditions);
        }
        assertEquals(ObjectiveExperiment.OBJECTIVES.size() + 2, r.rows().size());
        for (ObjectiveExperiment.Row row : r.rows()) {
            int steps = row.condition().steps();
            assertEquals(steps, row.config().steps());
            assertEquals(row.condition().dWarmup(), row.config().dWarmup());
            assertEquals(steps, row.gradNorms().length);
            assertEquals(steps, row.dFake().length);
            for (double g : row.gradNorms()) assertTrue(Double.isFinite(g) && g > 0, row.objective() + ": |grad G| " + g);
            assertTrue(row.metrics().samples() == 100);
        }
        BufferedImage png = ImageIO.read(tmp.resolve(ObjectiveExperiment.PNG).toFile());
        assertNotNull(png);
        assertTrue(png.getHeight() > png.getWidth() / 2, "two stacked panels, got " + png.getWidth() + "x" + png.getHeight());
        String md = Files.readString(tmp.resolve(ObjectiveExperiment.TEXT));
        for (ObjectiveExperiment.Row row : r.rows()) {
            assertTrue(md.contains(" | " + row.objective().name() + " |"), "table lacks " + row.objective());
        }
        assertTrue(md.contains("| D head start (40) | 6 | MINIMAX |"), md);
        assertTrue(md.contains("| balanced | 12 | PIXEL_MSE |"), md);
        assertTrue(!md.contains("NaN") && !md.contains("Infinity"), md);
    }
}
