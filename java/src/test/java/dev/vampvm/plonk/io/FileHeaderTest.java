package dev.vampvm.plonk.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FileHeaderTest {

    private static String refusal(byte[] bytes, FileKind kind, int newest) {
        return assertThrows(IncompatibleFileException.class, () -> FileHeader.read(bytes, kind, newest)).getMessage();
    }

    @Test
    void roundTripAndEveryRefusal() throws IncompatibleFileException {
        byte[] h = FileHeader.current(FileKind.PROOF, 1).toBytes();
        assertEquals(16, h.length);
        assertEquals(FileHeader.current(FileKind.PROOF, 1), FileHeader.read(h, FileKind.PROOF, 1));
        assertEquals(FileHeader.current(FileKind.PROOF, 1), FileHeader.read(h, FileKind.PROOF, 3), "older versions read");

        assertTrue(refusal(new byte[3], FileKind.PROOF, 1).contains("not a vampvm file"));
        byte[] bad = h.clone();
        bad[0] = 'X';
        assertTrue(refusal(bad, FileKind.PROOF, 1).contains("not a vampvm file"));
        assertTrue(refusal(h, FileKind.VERIFYING_KEY, 1).contains("expected a verifying key file, got a proof file"));
        byte[] newer = FileHeader.current(FileKind.PROOF, 2).toBytes();
        assertTrue(refusal(newer, FileKind.PROOF, 1).contains("newer than this vampvm reads"));
        bad = h.clone();
        bad[8] = 99;
        assertTrue(refusal(bad, FileKind.PROOF, 1).contains("unknown vampvm file kind 99"));
        bad = h.clone();
        bad[12] = 2;
        assertTrue(refusal(bad, FileKind.PROOF, 1).contains("Vesta"));
        bad = h.clone();
        bad[15] = 1;
        assertTrue(refusal(bad, FileKind.PROOF, 1).contains("reserved"));
        byte[] v0 = Arrays.copyOf(FileHeader.current(FileKind.PROOF, 0).toBytes(), 16);
        assertTrue(refusal(v0, FileKind.PROOF, 1).contains("version 0"));
    }
}
