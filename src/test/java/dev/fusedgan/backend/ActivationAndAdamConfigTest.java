package dev.fusedgan.backend;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationAndAdamConfigTest {
    @Test
    void parseAcceptsEveryDocumentedSpellingAndRoundTripsThroughToString() {
        assertEquals(Activation.RELU, Activation.parse(" ReLU "));
        assertEquals(Activation.IDENTITY, Activation.parse("linear"));
        assertEquals(Activation.leakyRelu(0.2f), Activation.parse("leaky"));
        assertEquals(Activation.leakyRelu(0.1f), Activation.parse("leaky_relu:0.1"));
        for (Activation a : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.TANH, Activation.SIGMOID, Activation.leakyRelu(0.05f)}) {
            assertEquals(a, Activation.parse(a.toString()));
        }
    }

    @Test
    void parseRefusesUnknownNamesWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("'swish'") && e.getMessage().contains("leaky_relu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Float.NaN));
    }

    @Test
    void adamConfigRefusesOutOfRangeHyperParameters() {
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(0f, 0.9f, 0.999f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(Float.POSITIVE_INFINITY, 0.9f, 0.999f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3f, 1f, 0.999f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3f, 0.9f, -0.1f, 1e-8f));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3f, 0.9f, 0.999f, 0f));
    }

    /** The bias corrections are 1 - beta^t computed in double and rounded once: compare with a float64 power. */
    @Test
    void biasCorrectionsMatchTheirDefinitionAtEarlyAndLateSteps() {
        AdamConfig c = new AdamConfig(2e-4f, 0.5f, 0.999f, 1e-8f);
        for (long t : new long[] {1, 2, 10, 1000, 100000}) {
            assertEquals((float) (1 - Math.pow((double) 0.5f, t)), c.biasCorrection1(t));
            assertEquals((float) (1 - Math.pow((double) 0.999f, t)), c.biasCorrection2(t));
        }
        assertEquals(0.5f, c.biasCorrection1(1));
    }
}
