{{/* Chart name. */}}
{{- define "northstar.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the prefix of every resource name (room is left for "-analytics-<suffix>"). */}}
{{- define "northstar.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "northstar.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The version of the services: the image tag, or the chart's appVersion. */}}
{{- define "northstar.version" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "northstar.labels" -}}
helm.sh/chart: {{ include "northstar.chart" . }}
{{ include "northstar.selectorLabels" . }}
app.kubernetes.io/version: {{ include "northstar.version" . | replace "+" "_" | trunc 63 | quote }}
app.kubernetes.io/part-of: northstar
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the release's service pods (the NetworkPolicies use them). */}}
{{- define "northstar.selectorLabels" -}}
app.kubernetes.io/name: {{ include "northstar.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector (matchLabels and matchExpressions) of every service pod of the release, and of nothing else: Strimzi's
pods, say, carry their own component labels.
*/}}
{{- define "northstar.servicePodSelector" -}}
matchLabels:
  {{- include "northstar.selectorLabels" . | nindent 2 }}
matchExpressions:
  - key: app.kubernetes.io/component
    operator: In
    values:
      {{- range $name, $svc := .Values.services }}
      - {{ $name }}-service
      {{- end }}
{{- end }}

{{/* Labels of one service's resources; call with (dict "root" $ "name" "roadmap"). */}}
{{- define "northstar.componentLabels" -}}
{{ include "northstar.labels" .root }}
app.kubernetes.io/component: {{ .name }}-service
{{- end }}

{{/* Selector of one service's pods; call with (dict "root" $ "name" "roadmap"). */}}
{{- define "northstar.componentSelectorLabels" -}}
{{ include "northstar.selectorLabels" .root }}
app.kubernetes.io/component: {{ .name }}-service
{{- end }}

{{/* Resource name of one service; call with (dict "root" $ "name" "roadmap"). */}}
{{- define "northstar.componentName" -}}
{{- printf "%s-%s" (include "northstar.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Image of one service; call with (dict "root" $ "name" "roadmap"): pinned by its digest (services.<name>.imageDigest)
when given, else by the tag.
*/}}
{{- define "northstar.image" -}}
{{- $repository := printf "northstar/%s-service" .name }}
{{- with .root.Values.image.registry }}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}
{{- end }}
{{- $digest := (index .root.Values.services .name).imageDigest }}
{{- if $digest }}
{{- if not (regexMatch "^sha256:[a-f0-9]{64}$" $digest) }}
{{- fail (printf "services.%s.imageDigest must be sha256:<64 hex digits>, not %q" .name $digest) }}
{{- end }}
{{- printf "%s@%s" $repository $digest }}
{{- else }}
{{- printf "%s:%s" $repository (include "northstar.version" .root) }}
{{- end }}
{{- end }}

{{- define "northstar.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "northstar.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret with the services' database connections. */}}
{{- define "northstar.postgresSecret" -}}
{{- default (printf "%s-postgres" (include "northstar.fullname" .)) .Values.postgres.existingSecret }}
{{- end }}

{{- define "northstar.configMapName" -}}
{{- printf "%s-config" (include "northstar.fullname" .) }}
{{- end }}

{{/* Whether the services authenticate to the chart's Strimzi cluster as KafkaUsers (SCRAM-SHA-512 over TLS). */}}
{{- define "northstar.kafkaScram" -}}
{{- if and .Values.kafka.strimzi.enabled (eq .Values.kafka.strimzi.authentication "scram-sha-512") }}true{{ end }}
{{- end }}

{{/* The KafkaUser (and the Secret Strimzi writes for it) of one service; call with (dict "root" $ "name" "roadmap"). */}}
{{- define "northstar.kafkaUser" -}}
{{- printf "%s-%s" (include "northstar.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
What each service may do on Kafka: the topics it writes, the topics it reads (and their dead-letter topics, which it
writes and re-drives from). Its consumer groups are "<name>-service.*". Keep in step with the services'
application.properties (northstar.events.topic, northstar.topics.also-published, mp.messaging.incoming.*.topics).
*/}}
{{- define "northstar.kafkaAccess" -}}
roadmap:
  writes: [northstar.roadmap.events]
  reads: [northstar.integrations.events]
backlog:
  writes: [northstar.backlog.events]
  reads: [northstar.roadmap.events, northstar.analytics.metrics]
feedback:
  writes: [northstar.feedback.events, northstar.feedback.customer-keys]
  reads: [northstar.roadmap.events, northstar.backlog.events]
analytics:
  writes: [northstar.analytics.metrics]
  reads: [northstar.roadmap.events, northstar.backlog.events, northstar.feedback.events, northstar.analytics.metrics, northstar.integrations.events]
integrations:
  writes: [northstar.integrations.events]
  reads: [northstar.roadmap.events, northstar.backlog.events, northstar.feedback.events, northstar.feedback.customer-keys, northstar.analytics.metrics, northstar.integrations.events]
{{- end }}

{{/* The Secret with the CA certificate the services trust Kafka's brokers by (empty: none, plain listener). */}}
{{- define "northstar.kafkaCaSecret" -}}
{{- if include "northstar.kafkaScram" . }}
{{- printf "%s-cluster-ca-cert" .Values.kafka.strimzi.clusterName }}
{{- else if not .Values.kafka.strimzi.enabled }}
{{- .Values.kafka.external.caCertificateSecret.name }}
{{- end }}
{{- end }}

{{/* Kafka bootstrap servers of the services. */}}
{{- define "northstar.kafkaBootstrapServers" -}}
{{- if .Values.kafka.strimzi.enabled }}
{{- printf "%s-kafka-bootstrap:%d" .Values.kafka.strimzi.clusterName (ternary 9093 9092 (eq (include "northstar.kafkaScram" .) "true")) }}
{{- else }}
{{- required "kafka.bootstrapServers is required when kafka.strimzi.enabled=false" .Values.kafka.bootstrapServers }}
{{- end }}
{{- end }}

{{/* Where the services read the token issuer's public key (empty: nowhere, every call is refused). */}}
{{- define "northstar.publicKeyLocation" -}}
{{- if .Values.auth.publicKeySecret.name }}
{{- printf "/etc/northstar/jwt/%s" .Values.auth.publicKeySecret.key }}
{{- else }}
{{- .Values.auth.publicKeyLocation }}
{{- end }}
{{- end }}

{{/*
One NetworkPolicyPeer list for a target of values.networkPolicy: its selectors when either is
set, its cidr otherwise. Renders nothing when neither is set (the caller then leaves the rule out).
*/}}
{{- define "northstar.peers" -}}
{{- if or .namespaceSelector .podSelector }}
{{- $peer := dict }}
{{- with .namespaceSelector }}{{ $_ := set $peer "namespaceSelector" . }}{{ end }}
{{- with .podSelector }}{{ $_ := set $peer "podSelector" . }}{{ end }}
{{- toYaml (list $peer) }}
{{- else if .cidr }}
{{- toYaml (list (dict "ipBlock" (dict "cidr" .cidr))) }}
{{- end }}
{{- end }}

{{/*
The peers of one egress destination of values.networkPolicy.egress (call with (dict "name" "postgres" "target" ...)):
its selectors when either is set, else its cidr (less its except ranges), else every pod of the release's namespace.
A cidr that takes in every address (0.0.0.0/0, ::/0) without except ranges is refused: it would reopen the private
ranges that webhook egress leaves out.
*/}}
{{- define "northstar.destination" -}}
{{- $t := .target }}
{{- if or $t.namespaceSelector $t.podSelector }}
{{- include "northstar.peers" $t }}
{{- else if $t.cidr }}
{{- if and (has $t.cidr (list "0.0.0.0/0" "::/0")) (not $t.except) }}
{{- fail (printf "networkPolicy.egress.%s.cidr %s would open every private address to every service (integrations-service included, whose webhook egress leaves them out): name the %s's address or range, or its namespaceSelector/podSelector, or list the private ranges in networkPolicy.egress.%s.except" .name $t.cidr .name .name) }}
{{- end }}
{{- $block := dict "cidr" $t.cidr }}
{{- with $t.except }}{{ $_ := set $block "except" . }}{{ end }}
{{- toYaml (list (dict "ipBlock" $block)) }}
{{- else }}
{{- toYaml (list (dict "podSelector" (dict))) }}
{{- end }}
{{- end }}

{{/* DNS: UDP and TCP 53. */}}
{{- define "northstar.dnsPorts" -}}
- protocol: UDP
  port: 53
- protocol: TCP
  port: 53
{{- end }}

{{/* The TCP ports of an egress target. */}}
{{- define "northstar.tcpPorts" -}}
{{- $ports := list }}
{{- range . }}
{{- $ports = append $ports (dict "protocol" "TCP" "port" (int .)) }}
{{- end }}
{{- toYaml $ports }}
{{- end }}

{{/* The database connection of one service, from the Secret; call with (dict "root" $ "name" "roadmap"). */}}
{{- define "northstar.databaseEnv" -}}
{{- $prefix := upper .name }}
{{- $secret := include "northstar.postgresSecret" .root }}
{{- range $key := list "url" "user" "password" }}
- name: {{ $prefix }}_DB_{{ upper $key }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $.name }}-{{ $key }}
{{- end }}
{{- end }}

{{/* The customer-data master keys, for the services that seal and open customers' data (feedback, integrations). */}}
{{- define "northstar.masterKeyEnv" -}}
{{- if and (has .name (list "feedback" "integrations")) .root.Values.customerData.masterKeySecret.name }}
{{- $secret := .root.Values.customerData.masterKeySecret }}
# seals and opens customers' data (feedback-service, integrations-service)
- name: NORTHSTAR_CUSTOMER_DATA_MASTER_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret.name }}
      key: {{ $secret.key }}
{{- if $secret.previousKeysKey }}
# keys a rotation retires: they only open, until everything is re-wrapped (absent from the Secret: none)
- name: NORTHSTAR_CUSTOMER_DATA_PREVIOUS_MASTER_KEYS
  valueFrom:
    secretKeyRef:
      name: {{ $secret.name }}
      key: {{ $secret.previousKeysKey }}
      optional: true
{{- end }}
{{- end }}
{{- end }}
