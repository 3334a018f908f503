package dev.callscope.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in plain-text store: owner-only from the first byte, whole writes, deletes that stick. */
class PlainSecretFileTest {

    @TempDir
    Path config;

    @Test
    void roundTripsAnySecretAndIsOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        PlainSecretFile store = new PlainSecretFile(config);
        String hostile = "p\"a'ss\\w\0rd\n🚀{}";
        store.write("profile-1", hostile);
        store.write("profile-2", "other");
        assertEquals(Optional.of(hostile), new PlainSecretFile(config).read("profile-1"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
        try (var files = Files.list(config)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        store.delete("profile-1");
        assertEquals(Optional.empty(), store.read("profile-1"));
        assertEquals(Optional.of("other"), store.read("profile-2"));
    }

    @Test
    void aFileMadeReadableByOthersIsNarrowedAgain() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        PlainSecretFile store = new PlainSecretFile(config);
        store.write("p", "secret");
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.of("secret"), store.read("p"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    }

    @Test
    void anUnreadableFileNeverQuotesItsContent() throws Exception {
        PlainSecretFile store = new PlainSecretFile(config);
        Files.writeString(store.file(), "{\"p\": \"hunter2\", broken");
        SecretStoreException e =
                org.junit.jupiter.api.Assertions.assertThrows(SecretStoreException.class, () -> store.read("p"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }
}
