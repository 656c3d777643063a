package dev.fusedgan.loss;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The documented smoothing maps: one-sided moves only the positive label, two-sided moves both toward 1/2. */
class LabelSmoothingTest {

    @Test
    void oneSidedMovesOnlyThePositiveLabel() {
        LabelSmoothing s = LabelSmoothing.oneSided(0.1f);
        assertEquals(0.9f, s.apply(1f));
        assertEquals(0f, s.apply(0f));
        assertEquals(0.45f, s.apply(0.5f), Math.ulp(0.45f));
    }

    @Test
    void twoSidedMovesBothLabelsTowardOneHalf() {
        LabelSmoothing s = LabelSmoothing.twoSided(0.2f);
        // y (1 - a) + a/2 is two float operations: within one ulp of the decimal value.
        assertEquals(0.9f, s.apply(1f), Math.ulp(0.9f));
        assertEquals(0.1f, s.apply(0f), Math.ulp(0.1f));
        assertEquals(0.5f, s.apply(0.5f));
    }

    @Test
    void noneIsTheIdentityAndOutOfRangeAmountsAreRefused() {
        assertEquals(0.37f, LabelSmoothing.NONE.apply(0.37f));
        assertThrows(IllegalArgumentException.class, () -> LabelSmoothing.oneSided(1f));
        assertThrows(IllegalArgumentException.class, () -> LabelSmoothing.twoSided(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> LabelSmoothing.oneSided(Float.NaN));
    }
}
