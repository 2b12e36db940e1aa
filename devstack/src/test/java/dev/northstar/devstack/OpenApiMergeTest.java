package dev.northstar.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenApiMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void one_document_with_every_current_path_one_server_the_tags_once_and_clashing_schemas_named_by_service() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("roadmap-service", document("""
                {'openapi':'3.1.0','info':{'title':'roadmap','version':'1'},'servers':[{'url':'/'}],
                 'tags':[{'name':'Releases'},{'name':'Shared'}],
                 'paths':{'/api/v1/products':{'get':{'operationId':'list','responses':{'200':{'content':{'application/json':
                   {'schema':{'$ref':'#/components/schemas/Status'}}}}}}},
                  '/api/v1/admin/consumers':{'get':{'operationId':'old','deprecated':true}}},
                 'components':{'schemas':{'Status':{'enum':['PLANNED']},'Problem':{'type':'object'}}}}"""));
        documents.put("backlog-service", document("""
                {'openapi':'3.1.0','info':{'title':'backlog','version':'1'},'tags':[{'name':'Backlog'},{'name':'Shared'}],
                 'paths':{'/api/v1/products/{productId}/backlog/items':{'get':{'operationId':'items','responses':{'200':
                   {'content':{'application/json':{'schema':{'$ref':'#/components/schemas/Status'}}}}}}}},
                 'components':{'schemas':{'Status':{'enum':['NEW']},'Problem':{'type':'object'}}}}"""));

        ObjectNode merged = OpenApiMerge.merge(documents);

        assertThat(merged.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(merged.path("servers")).hasSize(1);
        assertThat(merged.path("paths").properties()).extracting(Map.Entry::getKey)
                .containsExactly("/api/v1/products", "/api/v1/products/{productId}/backlog/items");
        assertThat(merged.path("tags").findValuesAsText("name")).containsExactly("Backlog", "Releases", "Shared");
        assertThat(merged.path("components").path("schemas").properties()).extracting(Map.Entry::getKey)
                .containsExactly("BacklogStatus", "Problem", "RoadmapStatus");
        assertThat(merged.at("/paths/~1api~1v1~1products/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/RoadmapStatus");
        assertThat(merged.at("/paths/~1api~1v1~1products~1{productId}~1backlog~1items/get/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/BacklogStatus");
    }

    @Test
    void an_operation_id_two_services_use_fails_the_merge() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        documents.put("roadmap-service", document("{'paths':{'/a':{'get':{'operationId':'same'}}}}"));
        documents.put("backlog-service", document("{'paths':{'/b':{'get':{'operationId':'same'}}}}"));

        assertThatThrownBy(() -> OpenApiMerge.merge(documents)).hasMessageContaining("same in roadmap-service and backlog-service");
    }
}
