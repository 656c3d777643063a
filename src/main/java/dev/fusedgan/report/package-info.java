/**
 * Reports computed by the project's own operations: curves sampled through a {@link dev.fusedgan.backend.Backend}
 * (the generator objectives of {@code dev.fusedgan.gan} and the pixel losses), stacked-panel PNG charts
 * drawn with XChart, and Markdown tables and text whose numbers are read from the computed arrays. No
 * training happens here; an experiment adds its own table and chart from these pieces.
 */
package dev.fusedgan.report;
