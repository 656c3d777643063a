package dev.fusedgan.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of one checkpoint: named float arrays (weights, optimizer moments), named counters (steps,
 * positions) and named texts (the configuration as JSON). Insertion order is kept, so the same state
 * always serialises to the same bytes.
 */
public final class Snapshot {
    private final Map<String, float[]> arrays = new LinkedHashMap<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final Map<String, String> texts = new LinkedHashMap<>();

    public Snapshot putArray(String name, float[] values) {
        unique(name);
        arrays.put(name, values);
        return this;
    }

    public Snapshot putCounter(String name, long value) {
        unique(name);
        counters.put(name, value);
        return this;
    }

    public Snapshot putText(String name, String value) {
        unique(name);
        texts.put(name, value);
        return this;
    }

    public float[] array(String name) { return required(arrays, name, "array"); }

    public long counter(String name) { return required(counters, name, "counter"); }

    public String text(String name) { return required(texts, name, "text"); }

    public boolean has(String name) {
        return arrays.containsKey(name) || counters.containsKey(name) || texts.containsKey(name);
    }

    public Map<String, float[]> arrays() { return Collections.unmodifiableMap(arrays); }

    public Map<String, Long> counters() { return Collections.unmodifiableMap(counters); }

    public Map<String, String> texts() { return Collections.unmodifiableMap(texts); }

    private void unique(String name) {
        if (name == null || name.isEmpty() || name.length() > 200 || !name.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("checkpoint entry names are 1-200 printable ASCII characters, got '" + name + "'");
        }
        if (has(name)) throw new IllegalArgumentException("checkpoint entry '" + name + "' written twice");
    }

    private static <T> T required(Map<String, T> map, String name, String kind) {
        T v = map.get(name);
        if (v == null) throw new CheckpointException("checkpoint has no " + kind + " named '" + name + "'");
        return v;
    }
}
