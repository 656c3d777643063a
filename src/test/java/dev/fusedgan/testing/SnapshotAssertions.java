package dev.fusedgan.testing;

import dev.fusedgan.checkpoint.Snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checkpoint contents compared bit for bit. */
public final class SnapshotAssertions {
    private SnapshotAssertions() {}

    /** The same arrays (every float's bit pattern), counters and texts under the same names. */
    public static void assertSameState(Snapshot expected, Snapshot actual) {
        assertEquals(expected.arrays().keySet(), actual.arrays().keySet());
        for (String name : expected.arrays().keySet()) {
            float[] e = expected.array(name), a = actual.array(name);
            assertEquals(e.length, a.length, name);
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), name + "[" + i + "]: " + e[i] + " vs " + a[i]);
            }
        }
        assertEquals(expected.counters(), actual.counters());
        assertEquals(expected.texts(), actual.texts());
    }
}
