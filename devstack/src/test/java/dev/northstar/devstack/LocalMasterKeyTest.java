package dev.northstar.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's master keys: a rotation keeps the old key as a previous one until the services no longer need it. */
class LocalMasterKeyTest {
    static final String TEST_KEY = "bm9ydGhzdGFyLXRlc3QtbWFzdGVyLWtleS0zMmJ5dGU=";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void a_rotation_makes_a_new_current_key_and_keeps_the_old_one_as_a_previous_key_readable_by_its_owner_only() throws Exception {
        String first = LocalMasterKey.ensure(data);
        assertThat(LocalMasterKey.ensure(data)).isEqualTo(first);
        assertThat(LocalMasterKey.previousKeys(data)).isEmpty();
        assertThat(LocalMasterKey.previousFile(data)).exists();

        String second = LocalMasterKey.rotate(data);
        assertThat(second).isNotEqualTo(first);
        assertThat(LocalMasterKey.ensure(data)).isEqualTo(second);
        assertThat(LocalMasterKey.previousKeys(data)).containsExactly(first);
        String third = LocalMasterKey.rotate(data);
        assertThat(LocalMasterKey.previousKeys(data)).containsExactly(first, second);
        assertThat(LocalMasterKey.ensure(data)).isEqualTo(third);
        for (Path file : new Path[]{LocalMasterKey.file(data), LocalMasterKey.previousFile(data)}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }

        LocalMasterKey.forgetPrevious(data);
        assertThat(LocalMasterKey.previousKeys(data)).isEmpty();
        assertThat(LocalMasterKey.ensure(data)).isEqualTo(third);
    }

    /** The services name keys by the same id (platform's MasterKeyTest pins the same value). */
    @Test
    void a_key_id_is_the_one_the_services_report() {
        assertThat(LocalMasterKey.keyId(TEST_KEY)).isEqualTo("62e4a449");
    }

    @Test
    void previous_keys_are_forgotten_only_once_every_sealing_service_runs_with_them_and_has_nothing_under_them() throws Exception {
        String url = "http://localhost:8083/api/v1/admin/feedback/master-keys";
        Set<String> previous = Set.of("88d5f696");
        assertThat(Keys.refusals("feedback-service", url, JSON.readTree("""
                {"currentKeyId":"62e4a449","previousKeyIds":["88d5f696"],"remaining":{"88d5f696":0},"remainingTotal":0}"""),
                "62e4a449", previous)).isEmpty();
        assertThat(Keys.refusals("feedback-service", url, null, "62e4a449", previous))
                .singleElement().asString().contains("does not answer", "./northstar up");
        // started before the rotation: it knows nothing of the new key, and has re-wrapped nothing under it
        assertThat(Keys.refusals("feedback-service", url, JSON.readTree("""
                {"currentKeyId":"88d5f696","previousKeyIds":[],"remaining":{},"remainingTotal":0}"""), "62e4a449", previous))
                .singleElement().asString().contains("restart");
        assertThat(Keys.refusals("feedback-service", url, JSON.readTree("""
                {"currentKeyId":"62e4a449","previousKeyIds":["88d5f696"],"remaining":{"88d5f696":3},"remainingTotal":3}"""),
                "62e4a449", previous)).singleElement().asString().contains("88d5f696\":3", "rewrap");
    }
}
