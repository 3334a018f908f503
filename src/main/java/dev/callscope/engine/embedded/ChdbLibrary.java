package dev.callscope.engine.embedded;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Downcall handles for the part of libchdb's C API ({@code chdb.h}) that Callscope uses.
 * Loaded once per process: the engine keeps one storage path per process.
 */
final class ChdbLibrary {

    final MethodHandle version;
    final MethodHandle setSignalHandlersEnabled;
    final MethodHandle connect;
    final MethodHandle closeConn;
    final MethodHandle queryWithParamsN;
    final MethodHandle streamInsertN;
    final MethodHandle streamAppend;
    final MethodHandle streamDone;
    final MethodHandle streamInsertError;
    final MethodHandle destroyInsertStream;
    final MethodHandle resultBuffer;
    final MethodHandle resultLength;
    final MethodHandle resultError;
    final MethodHandle resultElapsed;
    final MethodHandle resultRowsRead;
    final MethodHandle resultStorageRowsRead;
    final MethodHandle resultStorageBytesRead;
    final MethodHandle resultRowsWritten;
    final MethodHandle destroyQueryResult;

    private static volatile ChdbLibrary loaded;
    private static volatile Path loadedFrom;

    private ChdbLibrary(Path file) {
        SymbolLookup lib = SymbolLookup.libraryLookup(file, Arena.global());
        Linker linker = Linker.nativeLinker();
        version = handle(linker, lib, "chdb_version", FunctionDescriptor.of(ADDRESS));
        setSignalHandlersEnabled =
                handle(linker, lib, "chdb_set_signal_handlers_enabled", FunctionDescriptor.ofVoid(JAVA_INT));
        connect = handle(linker, lib, "chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        closeConn = handle(linker, lib, "chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
        queryWithParamsN = handle(
                linker,
                lib,
                "chdb_query_with_params_n",
                FunctionDescriptor.of(
                        ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                        JAVA_LONG));
        streamInsertN = handle(
                linker,
                lib,
                "chdb_stream_insert_n",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        streamAppend =
                handle(linker, lib, "chdb_stream_append", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        streamDone = handle(linker, lib, "chdb_stream_done", FunctionDescriptor.of(ADDRESS, ADDRESS));
        streamInsertError = handle(linker, lib, "chdb_stream_insert_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        destroyInsertStream = handle(linker, lib, "chdb_destroy_insert_stream", FunctionDescriptor.ofVoid(ADDRESS));
        resultBuffer = handle(linker, lib, "chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultLength = handle(linker, lib, "chdb_result_length", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultError = handle(linker, lib, "chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultElapsed = handle(linker, lib, "chdb_result_elapsed", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS));
        resultRowsRead = handle(linker, lib, "chdb_result_rows_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultStorageRowsRead =
                handle(linker, lib, "chdb_result_storage_rows_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultStorageBytesRead =
                handle(linker, lib, "chdb_result_storage_bytes_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultRowsWritten = handle(linker, lib, "chdb_result_rows_written", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        destroyQueryResult = handle(linker, lib, "chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** Loads the library once; later calls must name the same file. */
    static synchronized ChdbLibrary load(Path file) {
        Path real = file.toAbsolutePath().normalize();
        if (loaded != null) {
            if (!real.equals(loadedFrom)) {
                throw new IllegalStateException("libchdb is already loaded from " + loadedFrom);
            }
            return loaded;
        }
        ChdbLibrary lib = new ChdbLibrary(real);
        try {
            // The JVM handles SIGSEGV and friends itself; chDB must not replace those handlers.
            lib.setSignalHandlersEnabled.invokeExact(0);
        } catch (Throwable t) {
            throw new IllegalStateException("chdb_set_signal_handlers_enabled failed", t);
        }
        loadedFrom = real;
        loaded = lib;
        return lib;
    }

    String versionString() {
        try {
            MemorySegment s = (MemorySegment) version.invokeExact();
            return s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        MemorySegment symbol = lib.find(name)
                .orElseThrow(() -> new IllegalStateException("libchdb lacks " + name + ": version too old?"));
        return linker.downcallHandle(symbol, fd);
    }
}
