package dev.callscope.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that appear whole or not at all: written beside the destination, then moved over it. */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code destination}; on any failure nothing is left at or beside it. */
    public static void write(Path destination, Content content) throws IOException {
        Path dir = destination.toAbsolutePath().getParent();
        write(destination, content, Files.createTempFile(dir, "." + destination.getFileName() + ".", ".part"));
    }

    /**
     * As {@link #write}, for secrets: the file is readable and writable by its owner only
     * ({@code rw-------}) from its first byte, where the file system has POSIX permissions.
     */
    public static void writeOwnerOnly(Path destination, Content content) throws IOException {
        Path dir = destination.toAbsolutePath().getParent();
        String prefix = "." + destination.getFileName() + ".";
        Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(dir, prefix, ".part",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, prefix, ".part");
        write(destination, content, temp);
    }

    private static void write(Path destination, Content content, Path temp) throws IOException {
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
