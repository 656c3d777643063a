package dev.fusedgan.data.image;

/**
 * The IDX element types this reader accepts: the third byte of the magic number. The format also defines
 * signed bytes, shorts, ints and doubles; no image data set fusedgan reads uses them, so they are refused.
 */
public enum IdxType {
    UNSIGNED_BYTE(0x08, 1),
    FLOAT(0x0D, 4);

    private final int code;
    private final int bytes;

    IdxType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() { return code; }

    /** Bytes per element in the file. */
    public int bytes() { return bytes; }

    /** The type for a magic-number type byte, or null when this reader does not accept it. */
    static IdxType of(int code) {
        for (IdxType t : values()) {
            if (t.code == code) return t;
        }
        return null;
    }
}
