package dev.callscope.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that appear whole or not at all: written beside the destination, then moved over it.
 *
 * <p>Only a regular file or a new path is replaced that way. A destination that exists and is
 * something else (a FIFO, {@code /dev/stdout}, a device) is written into directly, since moving a
 * file over it would replace the special file itself (as root, {@code --out /dev/null} would
 * replace the system's {@code /dev/null}); a folder is refused. A symbolic link to a regular file
 * keeps being a link: its target is replaced.
 */
public final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code content} to {@code destination}; on any failure nothing is left at or beside it. */
    public static void write(Path destination, Content content) throws IOException {
        Path target = replaceable(destination);
        if (target == null) {
            writeInto(destination, content);
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        write(target, content, Files.createTempFile(dir, "." + target.getFileName() + ".", ".part"));
    }

    /**
     * As {@link #write}, for secrets: the file is readable and writable by its owner only
     * ({@code rw-------}) from its first byte, where the file system has POSIX permissions.
     */
    public static void writeOwnerOnly(Path destination, Content content) throws IOException {
        Path target = replaceable(destination);
        if (target == null) {
            throw new IOException("Not a regular file: " + destination);
        }
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(
                        dir,
                        prefix,
                        ".part",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, prefix, ".part");
        write(target, content, temp);
    }

    /**
     * The path a temporary file may be moved onto for {@code destination}: itself when it does not
     * exist, its real path when it is (a link to) a regular file; null when it is a special file,
     * which must be written in place.
     *
     * @throws IOException when it is a folder
     */
    public static Path replaceable(Path destination) throws IOException {
        if (!Files.exists(destination)) {
            return destination; // a new path, or a dangling link (moved over like a new file)
        }
        if (Files.isDirectory(destination)) {
            throw new IOException("Is a folder, not a file: " + destination);
        }
        return Files.isRegularFile(destination) ? destination.toRealPath() : null;
    }

    /** A special file takes the bytes as they come: it cannot be replaced, nor left untouched on failure. */
    private static void writeInto(Path destination, Content content) throws IOException {
        try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.WRITE)) {
            content.writeTo(out);
        }
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
