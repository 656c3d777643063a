package dev.fusedgan.cli;

import dev.fusedgan.backend.Activation;
import dev.fusedgan.gan.DiscriminatorObjective;
import dev.fusedgan.gan.GeneratorObjective;
import dev.fusedgan.loss.LossFunction;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** The short command-line names of objectives, BCE variants and activations; a bad name is a usage error (exit 2). */
final class Converters {
    private Converters() {}

    private static String key(String s) { return s.trim().toLowerCase(Locale.ROOT); }

    static final class GeneratorObjectives implements ITypeConverter<GeneratorObjective> {
        @Override
        public GeneratorObjective convert(String value) {
            return switch (key(value)) {
                case "ns", "non-saturating" -> GeneratorObjective.NON_SATURATING;
                case "minimax" -> GeneratorObjective.MINIMAX;
                case "lsgan" -> GeneratorObjective.LEAST_SQUARES;
                case "hinge" -> GeneratorObjective.HINGE;
                case "fm", "feature-matching" -> GeneratorObjective.FEATURE_MATCHING;
                case "mse" -> GeneratorObjective.PIXEL_MSE;
                case "mae" -> GeneratorObjective.PIXEL_MAE;
                default -> throw new TypeConversionException("'" + value
                        + "' is not a generator objective (expected ns, minimax, lsgan, hinge, fm, mse or mae)");
            };
        }
    }

    static final class DiscriminatorObjectives implements ITypeConverter<DiscriminatorObjective> {
        @Override
        public DiscriminatorObjective convert(String value) {
            return switch (key(value)) {
                case "ce", "cross-entropy" -> DiscriminatorObjective.CROSS_ENTROPY;
                case "lsgan" -> DiscriminatorObjective.LEAST_SQUARES;
                case "hinge" -> DiscriminatorObjective.HINGE;
                default -> throw new TypeConversionException("'" + value + "' is not a discriminator objective (expected ce, lsgan or hinge)");
            };
        }
    }

    static final class Bce implements ITypeConverter<LossFunction> {
        @Override
        public LossFunction convert(String value) {
            return switch (key(value)) {
                case "fused" -> LossFunction.BCE_WITH_LOGITS;
                case "unfused" -> LossFunction.BCE_UNFUSED;
                default -> throw new TypeConversionException("'" + value + "' is not a BCE variant (expected fused or unfused)");
            };
        }
    }

    static final class Activations implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
