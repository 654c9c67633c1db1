/**
 * Version 1 of the events Selfheal's services exchange over Kafka.
 *
 * <p>Each record is the JSON {@code data} of a CloudEvent sent in binary mode: the event id, type, source
 * and time travel as {@code ce_} headers, so consumers deduplicate on {@code ce_id}. Within {@code v1} only
 * backward-compatible changes are allowed (new optional fields); anything else is a {@code v2} package and a
 * new topic. Every record has a JSON schema under {@code schemas/v1/} on the classpath.
 */
package dev.selfheal.contracts.v1;
