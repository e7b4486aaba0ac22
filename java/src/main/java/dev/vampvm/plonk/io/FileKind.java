package dev.vampvm.plonk.io;

/** What a vampvm binary file holds; the byte after the magic number. */
public enum FileKind {
    PROOF(1, "proof"),
    VERIFYING_KEY(2, "verifying key"),
    PROVING_KEY(3, "proving key"),
    VM_PROOF(4, "VM proof"),
    /** A proof of a VampIR program: the proof with how its circuit was compiled and its public values. */
    PROGRAM_PROOF(5, "program proof"),
    /** A key-cache entry (dev.vampvm.api). */
    KEY_CACHE_ENTRY(6, "key cache entry");

    private final int code;
    private final String description;

    FileKind(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static FileKind fromCode(int code) {
        for (FileKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
