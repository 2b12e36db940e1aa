package dev.northstar.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.platform.messaging.Failures;
import dev.northstar.platform.messaging.TransientFailure;
import dev.northstar.platform.privacy.MasterKey;
import dev.northstar.platform.privacy.SealedJson;
import dev.northstar.platform.privacy.SealedValues;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedValuesTest {
    static final MasterKey MASTER = new MasterKey(Optional.of("bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU="));
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_sealed_value_names_its_customer_and_opens_only_with_their_key() {
        UUID ref = UUID.randomUUID();
        SecretKey key = MASTER.newDataKey();
        String sealed = SealedValues.seal(key, ref, "Jane Doe");
        assertThat(sealed).startsWith("enc:v1:" + ref + ":").doesNotContain("Jane");
        assertThat(SealedValues.seal(key, ref, "Jane Doe")).isNotEqualTo(sealed);
        assertThat(SealedValues.refOf(sealed)).isEqualTo(ref);
        assertThat(SealedValues.open(key, sealed)).isEqualTo("Jane Doe");
        assertThatThrownBy(() -> SealedValues.open(MASTER.newDataKey(), sealed)).isInstanceOf(IllegalStateException.class);
        // moved to another customer's ref, it does not open (the ref is authenticated)
        UUID other = UUID.randomUUID();
        assertThatThrownBy(() -> SealedValues.open(key, sealed.replace(ref.toString(), other.toString())))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void data_keys_travel_wrapped_and_unwrap_only_under_their_ref_and_master_key() {
        UUID ref = UUID.randomUUID();
        SecretKey key = MASTER.newDataKey();
        String wrapped = MASTER.wrap(ref, key);
        assertThat(MASTER.unwrap(ref, wrapped).getEncoded()).isEqualTo(key.getEncoded());
        assertThatThrownBy(() -> MASTER.unwrap(UUID.randomUUID(), wrapped)).isInstanceOf(IllegalStateException.class);
        MasterKey another = new MasterKey(Optional.of("YW5vdGhlci1tYXN0ZXIta2V5LW9mLTMyLWJ5dGVzISE="));
        assertThatThrownBy(() -> another.unwrap(ref, wrapped)).isInstanceOf(IllegalStateException.class);
        String index = MASTER.blindIndexKey("account", MASTER.keyId()).indexOf("p/acme");
        assertThat(index).isEqualTo(MASTER.blindIndexKey("account", MASTER.keyId()).indexOf("p/acme"))
                .isNotEqualTo(MASTER.blindIndexKey("customer", MASTER.keyId()).indexOf("p/acme"))
                .isNotEqualTo(another.blindIndexKey("account", another.keyId()).indexOf("p/acme"));
    }

    @Test
    void a_missing_or_malformed_master_key_says_what_to_set() {
        assertThatThrownBy(() -> new MasterKey(Optional.empty()).requireConfigured())
                .hasMessageContaining("NORTHSTAR_CUSTOMER_DATA_MASTER_KEY");
        assertThatThrownBy(() -> new MasterKey(Optional.of("c2hvcnQ=")).requireConfigured()).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new MasterKey(MasterKeyTest.settings(null, "/nonexistent/master-key", null, null)).requireConfigured())
                .hasMessageContaining("/nonexistent/master-key");
    }

    @Test
    void the_master_key_can_come_from_a_file_such_as_a_mounted_secret() throws Exception {
        Path file = Files.createTempFile("master-key", "");
        Files.writeString(file, "bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=\n");
        MasterKey fromFile = new MasterKey(MasterKeyTest.settings(null, file.toString(), null, null));
        UUID ref = UUID.randomUUID();
        SecretKey key = MASTER.newDataKey();
        assertThat(fromFile.unwrap(ref, MASTER.wrap(ref, key)).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void a_document_opens_to_clear_text_erased_or_waits_for_a_key_not_known_yet() {
        UUID alive = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        SecretKey key = MASTER.newDataKey();
        SecretKey gone = MASTER.newDataKey();
        String document = "{\"customer\":{\"customerId\":\"" + SealedValues.seal(key, alive, "c-1") + "\"},\"feedback\":[{\"text\":\""
                + SealedValues.seal(gone, erased, "hello") + "\"}],\"rating\":3}";
        String opened = SealedJson.open(document, JSON, refs -> Map.of(alive, Optional.of(key), erased, Optional.empty()));
        assertThat(opened).isEqualTo("{\"customer\":{\"customerId\":\"c-1\"},\"feedback\":[{\"text\":\"[erased]\"}],\"rating\":3}");
        String waiting = "{\"customerId\":\"" + SealedValues.seal(key, unknown, "c-2") + "\"}";
        assertThatThrownBy(() -> SealedJson.open(waiting, JSON, refs -> Map.of()))
                .isInstanceOf(TransientFailure.class).satisfies(e -> assertThat(Failures.isTransient(e)).isTrue());
        assertThat(SealedJson.open("{\"a\":1}", JSON, refs -> Map.of())).isEqualTo("{\"a\":1}");
    }
}
