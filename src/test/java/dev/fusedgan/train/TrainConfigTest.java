package dev.fusedgan.train;

import dev.fusedgan.checkpoint.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainConfigTest {
    @Test
    void learningRateIsConstantThenFallsLinearlyToOneStepsWorth() {
        TrainConfig c = TrainConfig.defaults().withSteps(100);
        assertEquals(0.5f, c.decayFrom());
        assertEquals(c.learningRate(), c.learningRateAt(1));
        assertEquals(c.learningRate(), c.learningRateAt(50));
        assertEquals(c.learningRate(), c.learningRateAt(51), 1e-9);
        assertEquals(c.learningRate() * 25 / 50, c.learningRateAt(76), 1e-9);
        assertEquals(c.learningRate() / 50, c.learningRateAt(100), 1e-9);
        for (int s = 51; s < 100; s++) assertTrue(c.learningRateAt(s + 1) < c.learningRateAt(s), "decreasing at " + s);
    }

    @Test
    void invalidSettingsAreRejectedWithTheirName() {
        TrainConfig d = TrainConfig.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> d.withBatch(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withHidden(List.of(8, 0)));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        assertEquals("d-warmup must be >= 0, got -1", assertThrows(IllegalArgumentException.class, () -> d.withDWarmup(-1)).getMessage());
    }

    @Test
    void checkpointConfigurationWithoutTheWarmupReadsAsNoWarmup() {
        String json = TrainerState.configJson(TrainConfig.defaults().withDWarmup(7));
        assertTrue(json.contains("\"dWarmup\":7"), json);
        Snapshot s = new Snapshot().putText(TrainerState.CONFIG, json.replace(",\"dWarmup\":7", ""));
        assertEquals(TrainConfig.defaults(), TrainerState.config(s));
    }
}
