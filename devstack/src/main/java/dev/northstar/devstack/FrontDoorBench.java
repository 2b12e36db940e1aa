package dev.northstar.devstack;

import java.time.Duration;

/**
 * What the local run's front door costs: the same creates straight to backlog-service and through the front door,
 * side by side, in alternating rounds (each way goes first in every other round), so that a machine that drifts
 * (another build, a compaction) weighs on both alike.
 */
final class FrontDoorBench {
    private static final int ROUNDS = 4;

    /** p50 of a create at 1 client and creates per second at {@code clients} clients, each way; items created. */
    record Figures(double directP50, double doorP50, double directRate, double doorRate, long created) {
    }

    private FrontDoorBench() {
    }

    static Figures measure(String direct, String door, String token, int clients, Duration each, String body) throws Exception {
        Latencies directOne = new Latencies();
        Latencies doorOne = new Latencies();
        long created = 0;
        Totals directMany = new Totals();
        Totals doorMany = new Totals();
        for (int round = 0; round < ROUNDS; round++) {
            boolean doorFirst = round % 2 == 1;
            for (String url : doorFirst ? new String[]{door, direct} : new String[]{direct, door}) {
                Bench.Result one = Bench.timed(url, token, 1, each, body);
                (url.equals(door) ? doorOne : directOne).addAll(one.latencies());
                created += one.requests();
            }
            for (String url : doorFirst ? new String[]{door, direct} : new String[]{direct, door}) {
                Bench.Result many = Bench.timed(url, token, clients, each, body);
                (url.equals(door) ? doorMany : directMany).add(many);
                created += many.requests();
            }
        }
        return new Figures(directOne.millis(50), doorOne.millis(50), directMany.rate(), doorMany.rate(), created);
    }

    /** Requests and time summed over the rounds. */
    private static final class Totals {
        private long requests;
        private long millis;

        void add(Bench.Result result) {
            requests += result.requests();
            millis += result.elapsed().toMillis();
        }

        double rate() {
            return requests / (millis / 1000.0);
        }
    }
}
