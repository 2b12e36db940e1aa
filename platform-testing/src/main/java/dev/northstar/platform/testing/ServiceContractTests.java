package dev.northstar.platform.testing;

import org.junit.jupiter.api.Test;

/**
 * What every service's HTTP surface must hold to, whatever its API: implemented by each service's access test, which
 * runs them against the running application.
 */
public interface ServiceContractTests {

    @Test
    default void the_openapi_document_declares_the_token_an_operation_id_bounds_examples_and_problems_of_every_operation()
            throws Exception {
        OpenApiDocument.assertEveryApiOperationIsDocumented();
    }

    @Test
    default void health_and_metrics_answer_on_the_management_port_only() {
        ManagementInterface.assertHealthAndMetricsAreOnlyOnTheManagementPort();
    }

    @Test
    default void every_write_operation_refuses_each_kind_of_bad_input_with_a_problem() throws Exception {
        BadInput.assertEveryWriteOperationRefusesIt();
    }
}
