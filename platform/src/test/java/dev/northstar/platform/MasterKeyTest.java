package dev.northstar.platform;

import dev.northstar.platform.privacy.CustomerDataSettings;
import dev.northstar.platform.privacy.MasterKey;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The master key as a keyring: the current key wraps and seals, previous ones only open, until a rotation is done. */
class MasterKeyTest {
    static final String A = "bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=";
    static final String B = "YW5vdGhlci1tYXN0ZXIta2V5LW9mLTMyLWJ5dGVzISE=";
    /** Key ids are part of stored values: they must never change (the local run's tools compute them too). */
    static final String ID_OF_A = "62e4a449";
    static final String ID_OF_B = "88d5f696";

    @Test
    void wrapped_keys_and_sealed_secrets_name_the_current_key_and_open_under_a_keyring_that_keeps_it_as_a_previous_one() {
        MasterKey before = MasterKey.of(A);
        MasterKey during = MasterKey.of(B, A);
        assertThat(before.keyId()).isEqualTo(ID_OF_A);
        assertThat(during.keyId()).isEqualTo(ID_OF_B);
        assertThat(during.previousKeyIds()).containsExactly(ID_OF_A);
        UUID ref = UUID.randomUUID();
        SecretKey key = before.newDataKey();

        String wrapped = before.wrap(ref, key);
        assertThat(wrapped).startsWith("mk1:" + ID_OF_A + ":");
        assertThat(MasterKey.keyIdOf(wrapped)).contains(ID_OF_A);
        assertThat(during.isCurrent(wrapped)).isFalse();
        assertThat(during.unwrap(ref, wrapped).getEncoded()).isEqualTo(key.getEncoded());
        String sealed = before.seal("webhook signing secret 1", "whsec_abc");
        assertThat(during.open("webhook signing secret 1", sealed)).isEqualTo("whsec_abc");
    }

    @Test
    void a_previous_key_never_wraps_or_seals_and_what_it_wrapped_is_rewrapped_under_the_current_one() {
        MasterKey during = MasterKey.of(B, A);
        MasterKey after = MasterKey.of(B);
        UUID ref = UUID.randomUUID();
        SecretKey key = during.newDataKey();
        assertThat(during.wrap(ref, key)).startsWith(MasterKey.prefixOf(ID_OF_B));
        assertThat(during.seal("p", "s")).startsWith(MasterKey.prefixOf(ID_OF_B));

        String underA = MasterKey.of(A).wrap(ref, key);
        String rewrapped = during.rewrap(ref, underA);
        assertThat(during.isCurrent(rewrapped)).isTrue();
        assertThat(after.unwrap(ref, rewrapped).getEncoded()).isEqualTo(key.getEncoded());
        String resealed = during.reseal("p", MasterKey.of(A).seal("p", "s"));
        assertThat(after.open("p", resealed)).isEqualTo("s");
    }

    @Test
    void a_data_key_wrapped_before_key_ids_opens_with_whichever_configured_key_wrapped_it() {
        UUID ref = UUID.randomUUID();
        SecretKey key = MasterKey.of(A).newDataKey();
        // before key ids a wrapped key was the base64url alone, under the same associated data
        String legacy = withoutKeyId(MasterKey.of(A).wrap(ref, key));
        assertThat(MasterKey.keyIdOf(legacy)).isEmpty();
        assertThat(MasterKey.of(A).unwrap(ref, legacy).getEncoded()).isEqualTo(key.getEncoded());
        assertThat(MasterKey.of(B, A).unwrap(ref, legacy).getEncoded()).isEqualTo(key.getEncoded());
        assertThat(MasterKey.of(B, A).keyIdThatUnwraps(ref, legacy)).isEqualTo(ID_OF_A);
        assertThat(MasterKey.of(B, A).isCurrent(legacy)).isFalse();
        assertThatThrownBy(() -> MasterKey.of(B).unwrap(ref, legacy)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("customer ref " + ref).hasMessageContaining("previous");
    }

    @Test
    void a_value_under_a_key_no_longer_configured_fails_naming_that_key_and_what_to_set() {
        UUID ref = UUID.randomUUID();
        String wrapped = MasterKey.of(A).wrap(ref, MasterKey.of(A).newDataKey());
        assertThatThrownBy(() -> MasterKey.of(B).unwrap(ref, wrapped)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master key " + ID_OF_A).hasMessageContaining(ID_OF_B)
                .hasMessageContaining("NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS");
        String sealed = MasterKey.of(A).seal("p", "s");
        assertThatThrownBy(() -> MasterKey.of(B).open("p", sealed)).hasMessageContaining("master key " + ID_OF_A);
        assertThatThrownBy(() -> MasterKey.of(B).blindIndexKey("account", ID_OF_A)).hasMessageContaining(ID_OF_A);
    }

    /** Blind indexes made before a rotation must stay as they are: published account refs are counted by them. */
    @Test
    void a_blind_index_key_derives_from_the_master_key_it_names_as_it_always_did() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(A), "HmacSHA256"));
        mac.init(new SecretKeySpec(mac.doFinal("northstar blind index: account".getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal("p/acme".getBytes(StandardCharsets.UTF_8)));
        assertThat(MasterKey.of(A).blindIndexKey("account", ID_OF_A).indexOf("p/acme")).isEqualTo(expected);
        assertThat(MasterKey.of(B, A).blindIndexKey("account", ID_OF_A).indexOf("p/acme")).isEqualTo(expected);
        assertThat(MasterKey.of(B, A).blindIndexKey("account", ID_OF_B).indexOf("p/acme")).isNotEqualTo(expected);
    }

    @Test
    void previous_keys_come_from_the_setting_and_a_file_and_the_current_key_among_them_is_left_out() throws Exception {
        Path file = Files.createTempFile("previous-master-keys", "");
        Files.writeString(file, "# retired on 2026-12-08\n\n" + A + "\n");
        MasterKey configured = new MasterKey(settings(B, null, List.of(B), file.toString()));
        assertThat(configured.keyId()).isEqualTo(ID_OF_B);
        assertThat(configured.previousKeyIds()).containsExactly(ID_OF_A);
        assertThat(new MasterKey(settings(B, null, null, null)).previousKeyIds()).isEmpty();
        assertThatThrownBy(() -> new MasterKey(settings(B, null, List.of("c2hvcnQ="), null)).requireConfigured())
                .hasMessageContaining("previous-master-keys").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new MasterKey(settings(B, null, null, "/nonexistent/previous")).requireConfigured())
                .hasMessageContaining("/nonexistent/previous");
    }

    static String withoutKeyId(String wrapped) {
        return wrapped.substring(wrapped.indexOf(':', "mk1:".length()) + 1);
    }

    static CustomerDataSettings settings(String key, String keyFile, List<String> previous, String previousFile) {
        return new CustomerDataSettings() {
            @Override
            public Optional<String> masterKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<String> masterKeyFile() {
                return Optional.ofNullable(keyFile);
            }

            @Override
            public Optional<List<String>> previousMasterKeys() {
                return Optional.ofNullable(previous);
            }

            @Override
            public Optional<String> previousMasterKeysFile() {
                return Optional.ofNullable(previousFile);
            }
        };
    }
}
