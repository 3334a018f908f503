package dev.callscope.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One function's deliveries in arrival order, kept in a temporary file: a day of every function
 * (50M events at full scale) is merged into one stream of arrivals without holding it in memory.
 */
final class ArrivalSpill {

    private final DemoFunction function;
    private final Path file;

    private ArrivalSpill(DemoFunction function, Path file) {
        this.function = function;
        this.file = file;
    }

    /** Writes {@code arrivals} (in arrival order) to a new file in {@code dir}. */
    static ArrivalSpill write(Path dir, DemoFunction function, List<Event> arrivals) {
        try {
            Path file = Files.createTempFile(dir, "arrivals-", ".bin");
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
                for (Event e : arrivals) {
                    out.writeLong(e.eventAt());
                    out.writeByte(e.type().ordinal());
                    out.writeUTF(e.callId());
                    out.writeShort(e.attempt());
                    out.writeUTF(e.containerId());
                    out.writeBoolean(e.coldStart());
                    out.writeLong(e.enqueuedAt());
                    out.writeLong(e.coldStartBegan());
                    out.writeLong(e.coldStartEnded());
                    out.writeLong(e.startedAt());
                    out.writeLong(e.finishedAt());
                    out.writeByte(e.status().ordinal());
                    out.writeUTF(e.error());
                    out.writeLong(e.ingestedAt());
                }
            }
            return new ArrivalSpill(function, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the pipeline's arrivals to " + dir, e);
        }
    }

    /** Every spill's deliveries merged into arrival order; each file is deleted once read through. */
    static Iterator<Delivery> merge(List<ArrivalSpill> spills) {
        List<Reader> readers = new ArrayList<>();
        for (ArrivalSpill s : spills) {
            readers.add(s.new Reader());
        }
        return new Merged(readers);
    }

    private final class Reader {
        private final DataInputStream in;
        private Event head;

        Reader() {
            try {
                in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            advance();
        }

        /** Reads the next event into {@link #head}, or null and deletes the file at its end. */
        void advance() {
            try {
                head = new Event(
                        in.readLong(),
                        Event.Type.values()[in.readByte()],
                        in.readUTF(),
                        in.readUnsignedShort(),
                        in.readUTF(),
                        in.readBoolean(),
                        in.readLong(),
                        in.readLong(),
                        in.readLong(),
                        in.readLong(),
                        in.readLong(),
                        Event.Status.values()[in.readByte()],
                        in.readUTF(),
                        in.readLong());
            } catch (EOFException end) {
                head = null;
                close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                in.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        DemoFunction function() {
            return function;
        }
    }

    private static final class Merged implements Iterator<Delivery> {
        private final PriorityQueue<Reader> heads =
                new PriorityQueue<>(Comparator.comparingLong(r -> r.head.ingestedAt()));

        Merged(List<Reader> readers) {
            readers.stream().filter(r -> r.head != null).forEach(heads::add);
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Delivery next() {
            Reader r = heads.poll();
            if (r == null) {
                throw new NoSuchElementException();
            }
            Delivery d = new Delivery(r.function(), r.head);
            r.advance();
            if (r.head != null) {
                heads.add(r);
            }
            return d;
        }
    }
}
