package dev.fusedgan.data.image;

/**
 * Rasterises a {@link GlyphClass} in a {@link GlyphPose} into a 28x28 image with values in [-1, 1]
 * (background -1, ink 1). Each pixel's ink is its distance from the glyph's strokes turned into
 * coverage over a one-pixel ramp, which anti-aliases the edges; a 3x3 blur then softens them further.
 */
public final class GlyphRenderer {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    private GlyphRenderer() {}

    public static float[] render(GlyphClass glyph, GlyphPose pose) {
        float[] ink = new float[PIXELS];
        double cos = Math.cos(pose.rotation()), sin = Math.sin(pose.rotation());
        float[][] segments = glyph.segments();
        double halfWidth = pose.strokeWidth() / 2.0;
        for (int py = 0; py < SIDE; py++) {
            for (int px = 0; px < SIDE; px++) {
                double dx = px + 0.5 - pose.centerX(), dy = py + 0.5 - pose.centerY();
                // Rotating the pixel by -rotation puts it in the glyph's frame; distances stay in pixels.
                double lx = cos * dx - sin * dy, ly = sin * dx + cos * dy;
                double outside = switch (glyph) {
                    case DISC -> Math.hypot(lx, ly) - pose.radius();
                    case RING -> Math.abs(Math.hypot(lx, ly) - pose.radius()) - halfWidth;
                    default -> distanceToSegments(segments, lx, ly, pose.radius()) - halfWidth;
                };
                ink[py * SIDE + px] = (float) Math.clamp(0.5 - outside, 0.0, 1.0);
            }
        }
        float[] soft = blur(ink, pose.blur());
        for (int i = 0; i < PIXELS; i++) soft[i] = 2f * soft[i] - 1f;
        return soft;
    }

    private static double distanceToSegments(float[][] segments, double x, double y, double radius) {
        double best = Double.POSITIVE_INFINITY;
        for (float[] s : segments) {
            double ax = s[0] * radius, ay = s[1] * radius, bx = s[2] * radius, by = s[3] * radius;
            double ex = bx - ax, ey = by - ay;
            double t = Math.clamp(((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey), 0.0, 1.0);
            best = Math.min(best, Math.hypot(x - ax - t * ex, y - ay - t * ey));
        }
        return best;
    }

    /** Each pixel becomes (1 - w) itself + w times the mean of its in-image 8 neighbours; stays in [0, 1]. */
    private static float[] blur(float[] ink, float w) {
        if (w == 0f) return ink.clone();
        float[] out = new float[PIXELS];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double sum = 0;
                int n = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(SIDE - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(SIDE - 1, x + 1); xx++) {
                        if (xx == x && yy == y) continue;
                        sum += ink[yy * SIDE + xx];
                        n++;
                    }
                }
                out[y * SIDE + x] = (float) ((1 - w) * ink[y * SIDE + x] + w * sum / n);
            }
        }
        return out;
    }
}
