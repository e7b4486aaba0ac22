package dev.vampvm.plonk.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The largest files vampvm reads, checked before a file is read into memory, so that a huge or endless file (a
 * named pipe, {@code /dev/zero}) is refused with a message instead of exhausting the heap:
 * <ul>
 *   <li>programs and inputs files: {@value #MAX_TEXT_BYTES} bytes (64 MiB; the largest example is 6 KiB);</li>
 *   <li>proofs, verifying keys and key cache entries: {@value #MAX_BINARY_BYTES} bytes (1 GiB; a proof is a few
 *       KiB for static mode and grows with the number of blocks and steps in VM mode).</li>
 * </ul>
 */
public final class FileLimits {
    public static final long MAX_TEXT_BYTES = 64L << 20;
    public static final long MAX_BINARY_BYTES = 1L << 30;

    private FileLimits() {
    }

    /** A file over its limit. */
    public static final class FileTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public FileTooLargeException(Path file, long limit) {
            super(file + " is larger than " + (limit >> 20) + " MiB, the most vampvm reads for this kind of file");
        }
    }

    /** Reads a whole binary file of at most {@link #MAX_BINARY_BYTES}. */
    public static byte[] readBinary(Path file) throws IOException {
        return read(file, MAX_BINARY_BYTES);
    }

    /** Reads a whole UTF-8 text file of at most {@link #MAX_TEXT_BYTES}. */
    public static String readText(Path file) throws IOException {
        byte[] bytes = read(file, MAX_TEXT_BYTES);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new java.nio.charset.MalformedInputException(1); // as Files.readString says it
        }
    }

    /** Reads at most {@code limit} bytes; more (whatever the file's reported size) is refused. */
    public static byte[] read(Path file, long limit) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > limit) {
            throw new FileTooLargeException(file, limit);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > limit) {
                throw new FileTooLargeException(file, limit);
            }
            return bytes;
        }
    }
}
