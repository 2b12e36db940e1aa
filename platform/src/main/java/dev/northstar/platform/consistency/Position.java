package dev.northstar.platform.consistency;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a write's events sit on Kafka: for each partition it wrote to, the offset of its last record there. Every
 * consumer records the offsets it has applied per partition, so "applied this position" is a comparison per partition.
 * On the wire it is opaque to clients: base64url (no padding) of {@code 1|topic:partition:offset|...}; several
 * positions, comma-separated, are one position (the highest offset per partition).
 */
public record Position(List<Mark> marks) {
    private static final String VERSION = "1";
    private static final int MAX_LENGTH = 4096;
    private static final int MAX_MARKS = 64;
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /** A record's place: its topic, partition and offset. */
    public record Mark(String topic, int partition, long offset) {
    }

    public Position {
        marks = List.copyOf(marks);
    }

    /** The highest offset of each partition among {@code marks}, in a stable order. */
    public static Position of(Collection<Mark> marks) {
        Map<String, Mark> highest = new LinkedHashMap<>();
        for (Mark mark : marks) {
            highest.merge(mark.topic() + ":" + mark.partition(), mark,
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        List<Mark> sorted = new ArrayList<>(highest.values());
        sorted.sort(Comparator.comparing(Mark::topic).thenComparingInt(Mark::partition));
        return new Position(sorted);
    }

    public String encode() {
        StringBuilder text = new StringBuilder(VERSION);
        for (Mark mark : marks) {
            text.append('|').append(mark.topic()).append(':').append(mark.partition()).append(':').append(mark.offset());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a {@code Northstar-After} header: one or more positions, comma-separated.
     *
     * @throws IllegalArgumentException if it is not what {@link #encode} writes, saying why
     */
    public static Position decode(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (header.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("it is longer than " + MAX_LENGTH + " characters");
        }
        List<Mark> marks = new ArrayList<>();
        for (String token : header.split(",")) {
            marks.addAll(decodeOne(token.trim()));
        }
        if (marks.size() > MAX_MARKS) {
            throw new IllegalArgumentException("it names more than " + MAX_MARKS + " partitions");
        }
        return of(marks);
    }

    private static List<Mark> decodeOne(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("it is not a position this API answered (not base64url)");
        }
        String[] parts = text.split("\\|", -1);
        if (!VERSION.equals(parts[0]) || parts.length < 2) {
            throw new IllegalArgumentException("it is not a position this API answered (unknown format)");
        }
        List<Mark> marks = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            String[] fields = parts[i].split(":", -1);
            if (fields.length != 3 || !TOPIC.matcher(fields[0]).matches()) {
                throw new IllegalArgumentException("it is not a position this API answered (bad mark)");
            }
            try {
                int partition = Integer.parseInt(fields[1]);
                long offset = Long.parseLong(fields[2]);
                if (partition < 0 || offset < 0) {
                    throw new NumberFormatException();
                }
                marks.add(new Mark(fields[0], partition, offset));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("it is not a position this API answered (bad partition or offset)");
            }
        }
        return marks;
    }
}
