package dev.northstar.platform.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.northstar.platform.messaging.TransientFailure;

import javax.crypto.SecretKey;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Opens the sealed values in a JSON document, wherever they are: each becomes its clear text, or {@link SealedValues#ERASED}
 * when its customer's key was destroyed.
 */
public final class SealedJson {

    /** The document with its sealed values opened; the same text when it has none. */
    public static String open(String document, ObjectMapper json, CustomerKeyring keyring) {
        if (document == null || !document.contains(SealedValues.PREFIX)) {
            return document;
        }
        try {
            return json.writeValueAsString(open(json.readTree(document), keyring));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    /**
     * A copy of the tree with its sealed values opened.
     *
     * @throws TransientFailure when a value names a customer the keyring has not heard of yet (its key is on its way)
     */
    public static JsonNode open(JsonNode tree, CustomerKeyring keyring) {
        Set<UUID> refs = new HashSet<>();
        map(tree.deepCopy(), value -> {
            refs.add(SealedValues.refOf(value));
            return value;
        });
        if (refs.isEmpty()) {
            return tree;
        }
        Map<UUID, Optional<SecretKey>> keys = keyring.keysOf(refs);
        return map(tree.deepCopy(), value -> {
            Optional<SecretKey> key = keys.get(SealedValues.refOf(value));
            if (key == null) {
                throw new TransientFailure("the data key of customer ref " + SealedValues.refOf(value) + " has not arrived yet");
            }
            return key.map(k -> SealedValues.open(k, value)).orElse(SealedValues.ERASED);
        });
    }

    private static JsonNode map(JsonNode node, UnaryOperator<String> sealed) {
        if (node.isTextual() && SealedValues.isSealed(node.textValue())) {
            return TextNode.valueOf(sealed.apply(node.textValue()));
        }
        if (node instanceof ObjectNode object) {
            object.properties().forEach(field -> field.setValue(map(field.getValue(), sealed)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, map(array.get(i), sealed));
            }
        }
        return node;
    }

    private SealedJson() {
    }
}
