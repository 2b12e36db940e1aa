package dev.northstar.integrations;

import dev.northstar.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void the_domain_is_plain_java_and_nothing_below_the_api_depends_on_it() {
        ArchitectureRules.check("dev.northstar.integrations");
    }
}
