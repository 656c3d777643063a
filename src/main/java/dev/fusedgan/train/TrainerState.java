package dev.fusedgan.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.fusedgan.backend.Backend;
import dev.fusedgan.checkpoint.CheckpointException;
import dev.fusedgan.checkpoint.Snapshot;
import dev.fusedgan.nn.Parameter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a {@link Trainer} lays its state out in a {@link Snapshot}: per parameter {@code NAME} its value, its
 * Adam moments {@code NAME.adam_m} and {@code NAME.adam_v} and its shape as counters {@code NAME.rows} and
 * {@code NAME.cols}; the step and stream counters; and the configuration as JSON under {@code config}.
 * Reading back checks every name and shape against the configured networks before anything is uploaded.
 */
final class TrainerState {
    static final String CONFIG = "config";
    static final String STEP = "step";
    static final String DATA_BATCHES = "data_batches";
    static final String NOISE_DRAWS = "noise_draws";
    static final String ADAM_G_STEPS = "adam.G.steps";
    static final String ADAM_D_STEPS = "adam.D.steps";
    private static final String M = ".adam_m";
    private static final String V = ".adam_v";

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private TrainerState() {}

    static void putParameters(Backend be, Snapshot s, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            s.putArray(p.name(), be.download(p.value()));
            s.putArray(p.name() + M, be.download(p.adamM()));
            s.putArray(p.name() + V, be.download(p.adamV()));
            s.putCounter(p.name() + ".rows", p.value().rows());
            s.putCounter(p.name() + ".cols", p.value().cols());
        }
    }

    /**
     * Refuses, naming the tensor and both shapes, a snapshot whose tensors do not match {@code parameters}
     * one to one; then uploads the values and moments.
     */
    static void loadParameters(Backend be, Snapshot s, List<Parameter> parameters) {
        Set<String> expected = new HashSet<>();
        for (Parameter p : parameters) {
            String n = p.name();
            List<String> names = List.of(n, n + M, n + V);
            expected.addAll(names);
            if (!s.has(n)) throw new CheckpointException("the checkpoint has no tensor " + n + " (" + p.value().shape() + " in the configured networks)");
            long rows = s.counter(n + ".rows"), cols = s.counter(n + ".cols");
            if (rows != p.value().rows() || cols != p.value().cols()) {
                throw new CheckpointException("tensor " + n + " is " + rows + "x" + cols + " in the checkpoint but "
                        + p.value().shape() + " in the configured networks");
            }
            for (String name : names) {
                if (s.array(name).length != p.value().size()) {
                    throw new CheckpointException("tensor " + name + " holds " + s.array(name).length + " values, expected " + p.value().size());
                }
            }
        }
        for (String name : s.arrays().keySet()) {
            if (!expected.contains(name)) throw new CheckpointException("the checkpoint holds tensor " + name + ", which the configured networks do not have");
        }
        for (Parameter p : parameters) {
            be.upload(s.array(p.name()), p.value());
            be.upload(s.array(p.name() + M), p.adamM());
            be.upload(s.array(p.name() + V), p.adamV());
        }
    }

    static String configJson(TrainConfig config) { return GSON.toJson(config); }

    /** The configuration a checkpoint was trained with; a checkpoint without a readable one is refused. */
    static TrainConfig config(Snapshot s) {
        try {
            TrainConfig c = GSON.fromJson(s.text(CONFIG), TrainConfig.class);
            if (c == null) throw new CheckpointException("the checkpoint's configuration is empty");
            return c;
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new CheckpointException("the checkpoint's configuration is unreadable: " + e.getMessage(), e);
        }
    }

    static long nonNegative(Snapshot s, String name) {
        long v = s.counter(name);
        if (v < 0) throw new CheckpointException("the checkpoint's counter " + name + " is negative (" + v + ")");
        return v;
    }
}
