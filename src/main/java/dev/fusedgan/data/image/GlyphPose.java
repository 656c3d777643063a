package dev.fusedgan.data.image;

/**
 * Where and how one glyph is drawn, in pixels of the 28x28 image.
 *
 * @param centerX     glyph centre, x (the image centre is 14)
 * @param centerY     glyph centre, y
 * @param radius      half the glyph's extent: local coordinate 1 lands this many pixels from the centre
 * @param rotation    radians about the centre
 * @param strokeWidth stroke width in pixels (outline glyphs and the ring)
 * @param blur        weight of the neighbours in the 3x3 blur that softens edges; 0 = none
 */
public record GlyphPose(float centerX, float centerY, float radius, float rotation, float strokeWidth, float blur) {
    /** The untransformed pose the classifier's templates start from. */
    public static final GlyphPose CANONICAL = new GlyphPose(14f, 14f, 9f, 0f, 2.25f, 0.25f);
}
