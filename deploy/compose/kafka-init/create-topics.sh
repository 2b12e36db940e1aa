#!/bin/sh
# One-shot topic set-up for docker-compose.yml (the services run with NORTHSTAR_TOPICS_CREATE=false).
# Idempotent (--if-not-exists): it runs on every `docker compose up`. The settings match the Helm chart's
# KafkaTopics: domain events are kept forever (rebuilds replay them), dead letters for 30 days, metrics and customers' keys compacted.
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
PARTITIONS="${NORTHSTAR_TOPICS_PARTITIONS:-6}"
REPLICAS="${NORTHSTAR_TOPICS_REPLICATION_FACTOR:-1}"
DLT_RETENTION_MS=2592000000

topic() {
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
        --topic "$1" --partitions "$2" --replication-factor "$REPLICAS" --config "$3"
}

for domain in roadmap backlog feedback integrations; do
    topic "northstar.$domain.events" "$PARTITIONS" retention.ms=-1
    topic "northstar.$domain.events.dlt" 1 retention.ms=$DLT_RETENTION_MS
done
topic northstar.analytics.metrics "$PARTITIONS" cleanup.policy=compact
topic northstar.analytics.metrics.dlt 1 retention.ms=$DLT_RETENTION_MS
# customers' data keys: compacted soon after a change, so that an erased customer's key leaves Kafka within hours
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic northstar.feedback.customer-keys --partitions "$PARTITIONS" --replication-factor "$REPLICAS" \
    --config cleanup.policy=compact --config segment.ms=3600000 --config max.compaction.lag.ms=3600000 \
    --config min.cleanable.dirty.ratio=0.01 --config delete.retention.ms=3600000
topic northstar.feedback.customer-keys.dlt 1 retention.ms=$DLT_RETENTION_MS

/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list
