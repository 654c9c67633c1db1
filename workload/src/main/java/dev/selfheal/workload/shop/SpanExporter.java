package dev.selfheal.workload.shop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Hands spans to a sink the way an SDK's batch span processor does: a span is exported once it has ended (so a
 * trace's spans go out children first, parents last, possibly in different requests), and ended spans are
 * gathered into one request until the batch covers {@code window} of simulated time or holds {@code maxBatch}
 * spans. Spans ending at the same moment keep the order they were recorded in.
 */
public final class SpanExporter {

    private record Pending(SpanRecord span, long sequence) {
    }

    private final TelemetrySink sink;
    private final long windowNanos;
    private final int maxBatch;
    private final PriorityQueue<Pending> running = new PriorityQueue<>((a, b) -> a.span().endNanos() != b.span().endNanos()
            ? Long.compare(a.span().endNanos(), b.span().endNanos()) : Long.compare(a.sequence(), b.sequence()));
    private final List<SpanRecord> batch = new ArrayList<>();
    private long batchStart;
    private long sequence;
    private long exported;
    private long requests;

    public SpanExporter(TelemetrySink sink, long windowMillis, int maxBatch) {
        if (windowMillis <= 0 || maxBatch <= 0) {
            throw new IllegalArgumentException("the batch window and size must be positive");
        }
        this.sink = sink;
        this.windowNanos = windowMillis * 1_000_000;
        this.maxBatch = maxBatch;
    }

    /** Spans just recorded; they are exported once simulated time passes their end. */
    public void record(List<SpanRecord> spans) {
        for (SpanRecord span : spans) {
            running.add(new Pending(span, sequence++));
        }
    }

    /** Simulated time has reached {@code nowNanos}: spans ended by then join the batch, full batches go out. */
    public void advanceTo(long nowNanos) throws IOException, InterruptedException {
        while (!running.isEmpty() && running.peek().span().endNanos() <= nowNanos) {
            SpanRecord span = running.poll().span();
            if (!batch.isEmpty() && span.endNanos() - batchStart >= windowNanos) {
                flush();
            }
            if (batch.isEmpty()) {
                batchStart = span.endNanos();
            }
            batch.add(span);
            if (batch.size() >= maxBatch) {
                flush();
            }
        }
        if (!batch.isEmpty() && nowNanos - batchStart >= windowNanos) {
            flush();
        }
    }

    /** Sends the spans ended by now, however few. */
    public void flush() throws IOException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        sink.export(OtlpEncoder.encode(batch));
        exported += batch.size();
        requests++;
        batch.clear();
    }

    /** Sends every span recorded, ended or not (the end of a run). */
    public void drain() throws IOException, InterruptedException {
        advanceTo(Long.MAX_VALUE);
        flush();
    }

    public long exportedSpans() {
        return exported;
    }

    public long requests() {
        return requests;
    }
}
