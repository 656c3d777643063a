package dev.fusedgan.backend;

/**
 * A pointwise activation. {@code slope} is LeakyReLU's negative slope and is ignored by the others.
 * Backward formulas (what every backend computes as dx = dy * f'(.)):
 * identity 1; relu x&gt;0 ? 1 : 0; leaky x&gt;0 ? 1 : slope; tanh 1 - y^2; sigmoid y (1 - y).
 */
public record Activation(Kind kind, float slope) {
    public enum Kind { IDENTITY, RELU, LEAKY_RELU, TANH, SIGMOID }

    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0f);
    public static final Activation RELU = new Activation(Kind.RELU, 0f);
    public static final Activation TANH = new Activation(Kind.TANH, 0f);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0f);

    public Activation {
        if (kind == null) throw new IllegalArgumentException("activation kind is null");
        if (!Float.isFinite(slope)) throw new IllegalArgumentException("activation slope must be finite, got " + slope);
    }

    public static Activation leakyRelu(float slope) { return new Activation(Kind.LEAKY_RELU, slope); }

    /** Parses "relu", "tanh", "sigmoid", "identity", "leaky_relu" / "leaky" (slope 0.2) or "leaky_relu:0.1". */
    public static Activation parse(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.startsWith("leaky")) {
            int colon = s.indexOf(':');
            return leakyRelu(colon < 0 ? 0.2f : Float.parseFloat(s.substring(colon + 1)));
        }
        return switch (s) {
            case "identity", "linear", "none" -> IDENTITY;
            case "relu" -> RELU;
            case "tanh" -> TANH;
            case "sigmoid" -> SIGMOID;
            default -> throw new IllegalArgumentException("unknown activation '" + text
                    + "' (expected identity, relu, leaky_relu[:slope], tanh, sigmoid)");
        };
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "leaky_relu:" + slope : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
