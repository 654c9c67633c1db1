package dev.selfheal.workload.shop;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends to telemetry-service over HTTP: OTLP/HTTP protobuf to {@code /v1/traces}, OpenAPI documents to
 * {@code /api/specs}, JaCoCo reports to {@code /api/test-reports}.
 *
 * <p>telemetry-service answers {@code 503} with {@code Retry-After} while its database or Kafka is away, and
 * nothing of a refused request is kept, so the same request is sent again after the time it names (an HTTP date
 * or seconds), as an OTLP exporter does; {@code 429} likewise. A connection that fails (the service restarting)
 * is retried with a doubling back-off. After {@link #MAX_ATTEMPTS} attempts, or at once on any other answer, the
 * call throws: data is never dropped without the caller knowing. Spans telemetry-service accepts the request but
 * rejects as invalid ({@code partialSuccess}) are counted and reported on standard error.
 */
public final class HttpTelemetrySink implements TelemetrySink {

    /** Attempts per request before giving up. */
    public static final int MAX_ATTEMPTS = 12;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** Waits between attempts; tests replace it to see the waits without spending them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient http;
    private final String base;
    private final Sleeper sleeper;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rejectedSpans = new AtomicLong();

    public HttpTelemetrySink(String baseUrl) {
        this(baseUrl, d -> Thread.sleep(d.toMillis()));
    }

    public HttpTelemetrySink(String baseUrl, Sleeper sleeper) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.base = baseUrl.replaceAll("/+$", "");
        this.sleeper = sleeper;
    }

    @Override
    public void export(ExportTraceServiceRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(URI.create(base + "/v1/traces"), "application/x-protobuf",
                request.toByteArray());
        try {
            ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
            if (answer.hasPartialSuccess() && answer.getPartialSuccess().getRejectedSpans() > 0) {
                rejectedSpans.addAndGet(answer.getPartialSuccess().getRejectedSpans());
                System.err.printf("telemetry-service rejected %d span(s): %s%n",
                        answer.getPartialSuccess().getRejectedSpans(), answer.getPartialSuccess().getErrorMessage());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IOException("telemetry-service accepted the spans but its answer is not an OTLP response", e);
        }
    }

    @Override
    public void spec(String service, String version, String openApiJson) throws IOException, InterruptedException {
        send(evidence("/api/specs", service, version), "application/json", openApiJson.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void testReport(String service, String version, String xml) throws IOException, InterruptedException {
        send(evidence("/api/test-reports", service, version), "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP requests answered with success. */
    public long requests() {
        return requests.get();
    }

    /** Attempts repeated after a 503, a 429 or a failed connection. */
    public long retries() {
        return retries.get();
    }

    /** Spans telemetry-service reported as rejected in a partial success. */
    public long rejectedSpans() {
        return rejectedSpans.get();
    }

    private URI evidence(String path, String service, String version) {
        return URI.create(base + path + "?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8)
                + "&version=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> send(URI uri, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            String problem;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    requests.incrementAndGet();
                    return response;
                }
                problem = "answered " + status + ": " + new String(response.body(), StandardCharsets.UTF_8);
                if (status != 503 && status != 429) {
                    throw new Refused(uri.getPath() + " " + problem);
                }
                wait = response.headers().firstValue("Retry-After").map(HttpTelemetrySink::retryAfter).orElse(backoff);
            } catch (Refused e) {
                throw e;
            } catch (IOException e) {
                problem = "could not be reached: " + e;
                wait = backoff;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IOException(uri.getPath() + " " + problem + " (gave up after " + attempt + " attempts)");
            }
            retries.incrementAndGet();
            sleeper.sleep(wait);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; an unreadable value waits one second. */
    static Duration retryAfter(String value) {
        String v = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return Duration.ofSeconds(1);
            }
        }
    }

    /** An answer that sending again would not change. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }
}
