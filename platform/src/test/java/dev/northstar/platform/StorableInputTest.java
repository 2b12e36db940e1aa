package dev.northstar.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.northstar.platform.api.StorableInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Texts that no consumer could store, or no feed could carry, are refused while the request body is read. */
class StorableInputTest {
    record Release(String name) {
    }

    final ObjectMapper api = new StorableInput(new ObjectMapper()).getContext(Release.class);

    @Test
    void noncharacters_controls_and_unpaired_surrogates_are_refused_naming_the_character() {
        assertRefused("Spring \\uFFFF", "must not contain noncharacters (found U+FFFF)");
        assertRefused("Spring \\uFDD0", "must not contain noncharacters (found U+FDD0)");
        assertRefused("Spring \\uD83F\\uDFFE", "must not contain noncharacters (found U+1FFFE)");
        assertRefused("Spring \\u0000", "must not contain control characters (found U+0000)");
        assertRefused("Spring \\u0085", "must not contain control characters (found U+0085)");
        assertRefused("Spring \\uD800 release", "must not contain unpaired surrogates (found U+D800)");
    }

    @Test
    void text_with_tabs_line_breaks_and_any_other_character_is_kept() throws Exception {
        String name = "Spring\\t\\r\\n\\uD83D\\uDCB3 \\u00e9t\\u00e9 \\uFFFD";
        assertThat(api.readValue("{\"name\":\"" + name + "\"}", Release.class).name())
                .isEqualTo("Spring\t\r\n\uD83D\uDCB3 été \uFFFD");
    }

    void assertRefused(String json, String message) {
        assertThatThrownBy(() -> api.readValue("{\"name\":\"" + json + "\"}", Release.class))
                .isInstanceOf(MismatchedInputException.class).hasMessageContaining(message);
    }
}
