package dev.callscope.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callscope.platform.AtomicFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A price table as JSON, the form the Cost tab saves and {@code callscope export cost --prices} reads. */
public final class PriceFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PriceFiles() {}

    /** Reads a table; a malformed file or a negative price is an IllegalArgumentException naming the problem. */
    public static Prices read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static Prices parse(String json) {
        try {
            Prices p = JSON.readValue(json, Prices.class);
            if (p == null) {
                throw new IllegalArgumentException("not a price table: it holds null");
            }
            if (p.gpuPerSecond() == null) {
                throw new IllegalArgumentException("no gpuPerSecond table");
            }
            return p;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a price table: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The telling part of why a file did not read: a binary or non-UTF-8 file says so (the JDK's
     * own message is "Input length = 1").
     */
    public static String reason(Exception e) {
        if (e instanceof CharacterCodingException) {
            return "it is not a text file";
        }
        return e.getMessage();
    }

    public static String json(Prices prices) {
        try {
            return JSON.writeValueAsString(prices);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes atomically: a reader never sees half a table. */
    public static void write(Path file, Prices prices) throws IOException {
        byte[] bytes = json(prices).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
