package dev.fusedgan.data.image;

import java.util.Arrays;

/**
 * The contents of one IDX file: its element type, its dimensions (outermost first) and its values as
 * floats, row-major. Unsigned bytes are kept as their integer values 0..255 here; {@link IdxReader}
 * scales them for images.
 */
public record IdxData(IdxType type, int[] dims, float[] values) {
    public IdxData {
        dims = dims.clone();
    }

    @Override
    public int[] dims() { return dims.clone(); }

    /** The dimensions as written in messages, e.g. "60000x28x28". */
    public String shape() {
        return shapeOf(dims);
    }

    static String shapeOf(int[] dims) {
        return String.join("x", Arrays.stream(dims).mapToObj(Integer::toString).toList());
    }
}
