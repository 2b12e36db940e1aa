package dev.northstar.deployment;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The Northstar chart through helm-java: Helm's own library (Go, through JNA), no helm binary and no cluster. */
final class Chart {
    static final String RELEASE = "northstar";
    static final String NAMESPACE = "northstar";

    private final Path valuesFile;
    private final Map<String, Object> sets = new LinkedHashMap<>();

    private Chart(Path valuesFile) {
        this.valuesFile = valuesFile;
    }

    static Chart defaults() {
        return new Chart(null);
    }

    static Chart production() {
        return new Chart(Repository.chart().resolve("values-production.yaml"));
    }

    Chart set(String key, Object value) {
        sets.put(key, value);
        return this;
    }

    String template() {
        TemplateCommand command = new Helm(Repository.chart()).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    Manifests render() {
        return Manifests.parse(template());
    }

    static LintResult lint() {
        return new Helm(Repository.chart()).lint().strict().call();
    }
}
