package dev.northstar.platform.testing;

import static dev.northstar.platform.testing.ManagementInterface.management;

/** Reads the application's Prometheus metrics ({@code /q/metrics}) as a test would scrape them. */
public final class Prometheus {

    /**
     * The sum of a metric's samples whose labels contain {@code labelFragment}: the value after the labels, not an
     * exemplar's (a sample may end with {@code # {span_id=...} 1.0 <timestamp>}).
     */
    public static double sum(String metric, String labelFragment) {
        return management().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(metric + "{") && line.contains(labelFragment)
                        || labelFragment.isEmpty() && line.startsWith(metric + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.startsWith(metric + "{")
                        ? line.indexOf("} ") + 2 : metric.length() + 1).split(" ")[0]))
                .sum();
    }

    private Prometheus() {
    }
}
