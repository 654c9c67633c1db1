package dev.selfheal.otlp;

import static dev.selfheal.otlp.OtlpFixtures.START;
import static dev.selfheal.otlp.OtlpFixtures.TRACE;
import static dev.selfheal.otlp.OtlpFixtures.attr;
import static dev.selfheal.otlp.OtlpFixtures.id;
import static dev.selfheal.otlp.OtlpFixtures.request;
import static dev.selfheal.otlp.OtlpFixtures.resource;
import static dev.selfheal.otlp.OtlpFixtures.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.selfheal.contracts.v1.DependencyCalled;
import dev.selfheal.contracts.v1.DependencyKind;
import dev.selfheal.contracts.v1.ErrorObserved;
import dev.selfheal.contracts.v1.SpanKind;
import dev.selfheal.contracts.v1.SpanRecorded;
import dev.selfheal.contracts.v1.SpanStatus;
import dev.selfheal.contracts.v1.StateMutated;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceMapperTest {

    private static final Resource CHECKOUT = resource(attr("service.name", "checkout"), attr("service.version", "1.4.2"),
            attr("deployment.environment.name", "production"));

    @Test
    void spanTakesServiceVersionEnvironmentHandlerKindAndAttributes() {
        TraceBatch batch = TraceMapper.map(request(CHECKOUT, span("00f067aa0ba902b7", "POST /orders")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .addAttributes(attr("code.namespace", "com.shop.OrderResource"))
                .addAttributes(attr("code.function", "create"))
                .addAttributes(attr("http.response.status_code", 201))));

        SpanRecorded span = batch.spans().get(0);
        assertThat(span.service()).isEqualTo("checkout");
        assertThat(span.version()).isEqualTo("1.4.2");
        assertThat(span.environment()).isEqualTo("production");
        assertThat(span.traceId()).isEqualTo(TRACE);
        assertThat(span.parentSpanId()).isNull();
        assertThat(span.handler()).isEqualTo("POST /orders");
        assertThat(span.kind()).isEqualTo(SpanKind.SERVER);
        assertThat(span.start()).isEqualTo(Instant.ofEpochSecond(0, START));
        assertThat(span.durationMs()).isEqualTo(12.5);
        assertThat(span.status()).isEqualTo(SpanStatus.OK);
        assertThat(span.attributes()).containsEntry("code.namespace", "com.shop.OrderResource")
                .containsEntry("code.function", "create").containsEntry("http.response.status_code", "201");
        assertThat(batch.errors()).isEmpty();
        assertThat(batch.dependencies()).isEmpty();
        assertThat(batch.rejected()).isZero();
    }

    @Test
    void missingServiceNameAndVersionFallBackAsTheSdkDoes() {
        SpanRecorded span = TraceMapper.map(request(resource(attr("deployment.environment", "dev")),
                span("00f067aa0ba902b7", "job"))).spans().get(0);

        assertThat(span.service()).isEqualTo("unknown_service");
        assertThat(span.version()).isEqualTo("unknown");
        assertThat(span.environment()).isEqualTo("dev");
        assertThat(span.kind()).isEqualTo(SpanKind.INTERNAL);
    }

    @Test
    void exceptionEventBecomesAnErrorWithTemplateTopFrameAndSignature() {
        Span.Builder failing = span("00f067aa0ba902b7", "POST /orders")
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(START + 1000)
                        .addAttributes(attr("exception.type", "java.lang.IllegalStateException"))
                        .addAttributes(attr("exception.message", "order 4711 has no items"))
                        .addAttributes(attr("exception.stacktrace", "java.lang.IllegalStateException: order 4711\n"
                                + "\tat com.shop.OrderService.place(OrderService.java:88)\n\tat com.shop.X.y(X.java:1)")));
        Span.Builder sameErrorOtherOrder = failing.clone().setSpanId(id("a3ce929d0e0e4736"))
                .setEvents(0, failing.getEvents(0).toBuilder().setAttributes(1, attr("exception.message", "order 12 has no items")));

        TraceBatch batch = TraceMapper.map(request(CHECKOUT, failing, sameErrorOtherOrder));

        assertThat(batch.errors()).hasSize(2);
        ErrorObserved error = batch.errors().get(0);
        assertThat(error.exceptionType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.message()).isEqualTo("order 4711 has no items");
        assertThat(error.messageTemplate()).isEqualTo("order <*> has no items");
        assertThat(error.topFrame()).isEqualTo("com.shop.OrderService.place(OrderService.java:88)");
        assertThat(error.handler()).isEqualTo("POST /orders");
        assertThat(error.time()).isEqualTo(Instant.ofEpochSecond(0, START + 1000));
        assertThat(error.environment()).isEqualTo("production");
        assertThat(batch.errors().get(1).signature()).isEqualTo(error.signature());
        assertThat(batch.errors().get(1).eventId()).isNotEqualTo(error.eventId());
    }

    @Test
    void statusErrorWithoutExceptionEventStillBecomesAnError() {
        TraceBatch batch = TraceMapper.map(request(CHECKOUT, span("00f067aa0ba902b7", "GET /cart")
                .addAttributes(attr("error.type", "timeout"))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("took 5000 ms"))));

        assertThat(batch.errors()).singleElement().satisfies(error -> {
            assertThat(error.exceptionType()).isEqualTo("timeout");
            assertThat(error.messageTemplate()).isEqualTo("took <*> ms");
            assertThat(error.topFrame()).isNull();
            assertThat(error.time()).isEqualTo(Instant.ofEpochSecond(0, START + 12_500_000L));
        });
        TraceBatch bare = TraceMapper.map(request(CHECKOUT, span("00f067aa0ba902b7", "GET /cart")
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))));
        assertThat(bare.errors()).singleElement().extracting(ErrorObserved::exceptionType)
                .isEqualTo(TraceMapper.STATUS_ERROR_TYPE);
    }

    @Test
    void clientSpansBecomeDependencyCallsWithTargetByPrecedence() {
        TraceBatch batch = TraceMapper.map(request(CHECKOUT,
                client("0000000000000001", attr("peer.service", "inventory"), attr("server.address", "10.0.0.7"),
                        attr("http.request.method", "GET")),
                client("0000000000000002", attr("server.address", "payments.internal"), attr("server.port", 8443),
                        attr("http.request.method", "POST")),
                client("0000000000000003", attr("db.system", "postgresql"), attr("db.namespace", "shop")),
                span("0000000000000004", "orders publish").setKind(Span.SpanKind.SPAN_KIND_PRODUCER)
                        .addAttributes(attr("messaging.system", "kafka"))
                        .addAttributes(attr("messaging.destination.name", "orders")),
                client("0000000000000005", attr("rpc.system", "grpc"), attr("server.address", "ledger")),
                client("0000000000000006", attr("http.request.method", "GET")),
                span("0000000000000007", "internal").addAttributes(attr("db.system", "h2"))));

        assertThat(batch.dependencies()).extracting(DependencyCalled::target).containsExactly(
                "inventory", "payments.internal:8443", "postgresql/shop", "orders", "ledger");
        assertThat(batch.dependencies()).extracting(DependencyCalled::kind).containsExactly(
                DependencyKind.HTTP, DependencyKind.HTTP, DependencyKind.DATABASE, DependencyKind.MESSAGING,
                DependencyKind.RPC);
        assertThat(batch.dependencies()).extracting(DependencyCalled::system).containsExactly(
                null, null, "postgresql", "kafka", "grpc");
        assertThat(batch.dependencies()).allSatisfy(call -> {
            assertThat(call.outcome()).isEqualTo(SpanStatus.OK);
            assertThat(call.errorType()).isNull();
            assertThat(call.durationMs()).isEqualTo(12.5);
        });
        assertThat(batch.dependencies().get(0).caller()).isEqualTo("call 0000000000000001");
    }

    @Test
    void failedCallsNameTheirErrorType() {
        Status error = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).build();
        TraceBatch batch = TraceMapper.map(request(CHECKOUT,
                client("0000000000000001", attr("peer.service", "a"), attr("error.type", "java.net.ConnectException"))
                        .setStatus(error),
                client("0000000000000002", attr("peer.service", "b")).setStatus(error)
                        .addEvents(Span.Event.newBuilder().setName("exception")
                                .addAttributes(attr("exception.type", "java.net.SocketTimeoutException"))),
                client("0000000000000003", attr("peer.service", "c"), attr("http.response.status_code", 503))
                        .setStatus(error),
                client("0000000000000004", attr("peer.service", "d")).setStatus(error)));

        assertThat(batch.dependencies()).extracting(DependencyCalled::errorType).containsExactly(
                "java.net.ConnectException", "java.net.SocketTimeoutException", "503", TraceMapper.OTHER_ERROR);
        assertThat(batch.dependencies()).extracting(DependencyCalled::outcome).containsOnly(SpanStatus.ERROR);
    }

    @Test
    void stateMutationEventsBecomeStateEvents() {
        TraceBatch batch = TraceMapper.map(request(CHECKOUT, span("00f067aa0ba902b7", "POST /orders/{id}/pay")
                .addEvents(Span.Event.newBuilder().setName("state.mutation").setTimeUnixNano(START + 5)
                        .addAttributes(attr("state.key", "order.status"))
                        .addAttributes(attr("state.value", "PAID"))
                        .addAttributes(attr("state.previous", "NEW")))
                .addEvents(Span.Event.newBuilder().setName("state.mutation")
                        .addAttributes(attr("state.key", "order.total"))
                        .addAttributes(attr("state.value", 120)))
                .addEvents(Span.Event.newBuilder().setName("state.mutation").addAttributes(attr("state.value", "x")))));

        assertThat(batch.mutations()).extracting(StateMutated::key, StateMutated::value, StateMutated::previous)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order.status", "PAID", "NEW"),
                        org.assertj.core.groups.Tuple.tuple("order.total", "120", null));
        assertThat(batch.mutations().get(0).time()).isEqualTo(Instant.ofEpochSecond(0, START + 5));
        assertThat(batch.mutations().get(0).handler()).isEqualTo("POST /orders/{id}/pay");
    }

    @Test
    void invalidSpansAreDroppedAndCountedWithTheirReason() {
        TraceBatch batch = TraceMapper.map(request(CHECKOUT,
                span("00f067aa0ba902b7", "good"),
                span("00f067aa0ba902b8", "zero trace").setTraceId(ByteString.copyFrom(new byte[16])),
                span("00f067aa0ba902b9", "short span id").setSpanId(ByteString.copyFrom(new byte[] {1, 2})),
                span("00f067aa0ba902ba", ""),
                span("00f067aa0ba902bb", "backwards").setEndTimeUnixNano(START - 1),
                span("00f067aa0ba902bc", "no start").setStartTimeUnixNano(0),
                span("00f067aa0ba902bd", "bad parent").setParentSpanId(ByteString.copyFrom(new byte[8]))));

        assertThat(batch.spans()).extracting(SpanRecorded::handler).containsExactly("good");
        assertThat(batch.rejected()).isEqualTo(6);
        assertThat(String.join("; ", batch.rejections())).contains("traceId").contains("spanId").contains("name")
                .contains("endTimeUnixNano").contains("startTimeUnixNano").contains("parentSpanId");
    }

    @Test
    void eventsListEveryEventInPublicationOrderSpansThenErrorsCallsAndMutations() {
        Status error = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).build();
        var request = request(CHECKOUT,
                span("0000000000000001", "POST /orders").setKind(Span.SpanKind.SPAN_KIND_SERVER).setStatus(error)
                        .addEvents(Span.Event.newBuilder().setName("state.mutation")
                                .addAttributes(attr("state.key", "order.status"))
                                .addAttributes(attr("state.value", "NEW"))),
                client("0000000000000002", attr("peer.service", "inventory")).setStatus(error),
                span("0000000000000003", "bad").setStartTimeUnixNano(0));
        TraceBatch batch = TraceMapper.map(request);

        assertThat(TraceMapper.events(request)).isEqualTo(batch.events());
        assertThat(batch.events()).extracting(event -> event.getClass().getSimpleName()).containsExactly(
                "SpanRecorded", "SpanRecorded", "ErrorObserved", "ErrorObserved", "DependencyCalled", "StateMutated");
        assertThat(batch.events()).containsExactly(batch.spans().get(0), batch.spans().get(1), batch.errors().get(0),
                batch.errors().get(1), batch.dependencies().get(0), batch.mutations().get(0));
        assertThat(batch.rejected()).isEqualTo(1);
    }

    @Test
    void topFrameIsTheFirstAtLine() {
        assertThat(TraceMapper.topFrame("E: boom\n  at a.B.c(B.java:3)\n  at d.E.f(E.java:9)")).isEqualTo("a.B.c(B.java:3)");
        assertThat(TraceMapper.topFrame("Traceback (most recent call last):")).isNull();
        assertThat(TraceMapper.topFrame(null)).isNull();
    }

    private static Span.Builder client(String spanId, io.opentelemetry.proto.common.v1.KeyValue... attributes) {
        Span.Builder span = span(spanId, "call " + spanId).setKind(Span.SpanKind.SPAN_KIND_CLIENT);
        for (var attribute : attributes) {
            span.addAttributes(attribute);
        }
        return span;
    }
}
