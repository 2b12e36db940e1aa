package dev.northstar.platform.testing;

import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The versioning rule, enforced: {@code contract-baseline/<context>.json} in the contracts module records, per
 * CloudEvents type, the fields (with their JSON types) and the required fields its AsyncAPI document promised. Within
 * a {@code .vN} type a field may not disappear, change type or become nullable, a required field may not become
 * optional, and no new required field may appear (readers of older events would not find it). New optional fields
 * and new types are allowed but must be recorded, so that the baseline keeps protecting them.
 */
final class ContractBaseline {
    /** Set to true to write the current shapes to the baseline in the source tree (refused on breaking changes). */
    static final String RECORD_PROPERTY = "northstar.contract-baseline.record";
    private static final String DIRECTORY = "contract-baseline";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One field per line, required fields too, so that a change of the baseline reads as a small diff. */
    private static final PrettyPrinter ONE_PER_LINE = new DefaultPrettyPrinter()
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    record Changes(List<String> breaking, List<String> additive) {
        boolean none() {
            return breaking.isEmpty() && additive.isEmpty();
        }
    }

    static void check(String context, String service, String document, SortedMap<String, SchemaShape> current) {
        String resource = DIRECTORY + "/" + context + ".json";
        boolean record = Boolean.getBoolean(RECORD_PROPERTY);
        Optional<SortedMap<String, SchemaShape>> baseline = read(resource);
        String howToRecord = "run\n  ./mvnw -o -q -pl " + service + " -am test -Dtest=ContractTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + RECORD_PROPERTY + "=true\n"
                + "which rewrites contracts/src/main/resources/" + resource + "; review the diff and commit it"
                + " (or edit that file by hand).";
        if (baseline.isEmpty()) {
            if (record) {
                write(resource, current);
                return;
            }
            fail("There is no " + resource + " yet, so nothing protects the published types of " + document
                    + " from breaking changes. To record what they promise now, " + howToRecord);
        }
        Changes changes = compare(baseline.get(), current);
        if (!changes.breaking().isEmpty()) {
            fail(document + " makes breaking changes within a .vN type (compared with " + resource + "):\n  - "
                    + String.join("\n  - ", changes.breaking())
                    + "\nWithin a .vN type a payload may only gain optional fields; readers of older events and older"
                    + " readers depend on the rest. Keep the field as it was, or publish the new shape as a new type:"
                    + " a contracts record <Name>V2 annotated @EventVersion(name = \"<Name>\", version = 2), its own"
                    + " message in " + document + ", published as northstar." + context + ".<Name>.v2 beside .v1 for as"
                    + " long as consumers need it. Do not edit the baseline to make this pass.");
        }
        if (!changes.additive().isEmpty()) {
            if (record) {
                write(resource, current);
                return;
            }
            fail(document + " has additive changes that " + resource + " does not record yet:\n  - "
                    + String.join("\n  - ", changes.additive())
                    + "\nThey are allowed within a .vN type (readers ignore fields they do not know). To record them, "
                    + howToRecord);
        }
    }

    static Changes compare(SortedMap<String, SchemaShape> baseline, SortedMap<String, SchemaShape> current) {
        List<String> breaking = new ArrayList<>();
        List<String> additive = new ArrayList<>();
        baseline.forEach((type, before) -> {
            SchemaShape now = current.get(type);
            if (now == null) {
                breaking.add(type + ": the type is no longer documented (consumers may still receive it; keep its message)");
                return;
            }
            before.fields().forEach((field, was) -> {
                String is = now.fields().get(field);
                if (is == null) {
                    breaking.add(type + ": field '" + field + "' (" + was + ") was removed or renamed");
                } else if (!SchemaShape.nonNull(was).equals(SchemaShape.nonNull(is))) {
                    breaking.add(type + ": field '" + field + "' changed type from " + was + " to " + is);
                } else if (!SchemaShape.nullable(was) && SchemaShape.nullable(is)) {
                    breaking.add(type + ": field '" + field + "' may now be null (was " + was + ")");
                } else if (!was.equals(is)) {
                    additive.add(type + ": field '" + field + "' is no longer null (" + was + " -> " + is + ")");
                }
            });
            for (String field : before.required()) {
                if (!now.required().contains(field) && now.fields().containsKey(field)) {
                    breaking.add(type + ": field '" + field + "' is no longer required");
                }
            }
            for (String field : now.required()) {
                if (before.required().contains(field)) {
                    continue;
                }
                String parent = SchemaShape.parentOf(field);
                boolean parentExisted = parent.isEmpty() || before.fields().containsKey(parent)
                        || parent.endsWith(": ") && before.fields().keySet().stream().anyMatch(f -> f.startsWith(parent));
                if (parentExisted) {
                    breaking.add(type + ": new required field '" + field + "' (events published before it lack it;"
                            + " make it optional, or publish a new .vN type)");
                } else {
                    additive.add(type + ": field '" + field + "' is required within the new '" + parent + "'");
                }
            }
            // new required fields were judged above
            now.fields().forEach((field, is) -> {
                if (!before.fields().containsKey(field) && !now.required().contains(field)) {
                    additive.add(type + ": new optional field '" + field + "' (" + is + ")");
                }
            });
        });
        current.keySet().stream().filter(type -> !baseline.containsKey(type))
                .forEach(type -> additive.add(type + ": a new type"));
        return new Changes(breaking, additive);
    }

    static Optional<SortedMap<String, SchemaShape>> read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    static SortedMap<String, SchemaShape> parse(String json) {
        SortedMap<String, SchemaShape> shapes = new TreeMap<>();
        try {
            JSON.readTree(json).properties().forEach(type -> {
                SortedMap<String, String> fields = new TreeMap<>();
                type.getValue().path("fields").properties().forEach(field -> fields.put(field.getKey(), field.getValue().asText()));
                SortedSet<String> required = new TreeSet<>();
                type.getValue().path("required").forEach(field -> required.add(field.asText()));
                shapes.put(type.getKey(), new SchemaShape(fields, required));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("the contract baseline is not JSON", e);
        }
        return shapes;
    }

    static String toJson(SortedMap<String, SchemaShape> shapes) {
        ObjectNode root = JSON.createObjectNode();
        shapes.forEach((type, shape) -> {
            ObjectNode entry = root.putObject(type);
            ObjectNode fields = entry.putObject("fields");
            shape.fields().forEach(fields::put);
            shape.required().forEach(entry.putArray("required")::add);
        });
        try {
            return JSON.writer(ONE_PER_LINE).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String resource, SortedMap<String, SchemaShape> shapes) {
        Path file = sourceDirectory().resolve(resource);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toJson(shapes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        System.out.println("Recorded the contract baseline in " + file + ": review the diff and commit it.");
    }

    /** contracts/src/main/resources of the source tree the test runs in (found from the module directory upwards). */
    private static Path sourceDirectory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path resources = dir.resolve("contracts/src/main/resources");
            if (Files.isDirectory(resources)) {
                return resources;
            }
        }
        throw new IllegalStateException("no contracts/src/main/resources above " + System.getProperty("user.dir"));
    }

    private ContractBaseline() {
    }
}
