package dev.selfheal.telemetry.otlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads OTLP/HTTP request bodies (protobuf or OTLP/JSON, gzip or identity) and writes responses in the request's
 * encoding. OTLP/JSON differs from protobuf's canonical JSON in one way that matters here: trace and span ids
 * are hex strings, not base64, so they are converted before the protobuf JSON parser sees them.
 */
public final class OtlpCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final Set<String> ID_FIELDS = Set.of("traceId", "trace_id", "spanId", "span_id", "parentSpanId",
            "parent_span_id");
    /** One byte: decodes, then fails the id-length check, so a non-hex id rejects its item, not the batch. */
    private static final String NOT_AN_ID = Base64.getEncoder().encodeToString(new byte[] {0});

    private final long maxBodyBytes;

    public OtlpCodec(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public ExportTraceServiceRequest traces(byte[] body, OtlpEncoding encoding, String contentEncoding) {
        ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
        decode(inflate(body, contentEncoding), encoding, builder);
        return builder.build();
    }

    public ExportLogsServiceRequest logs(byte[] body, OtlpEncoding encoding, String contentEncoding) {
        ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
        decode(inflate(body, contentEncoding), encoding, builder);
        return builder.build();
    }

    /** A response message (an Export*ServiceResponse or a google.rpc.Status) in the given encoding. */
    public static byte[] encode(Message message, OtlpEncoding encoding) {
        if (encoding == OtlpEncoding.PROTOBUF) {
            return message.toByteArray();
        }
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("OTLP response messages hold no Any fields and always print", e);
        }
    }

    /** The error body OTLP/HTTP prescribes: a google.rpc.Status with a message for the client's logs. */
    public static Status status(int httpStatus, String message) {
        Code code = switch (httpStatus) {
            case 400 -> Code.INVALID_ARGUMENT;
            case 413, 429 -> Code.RESOURCE_EXHAUSTED;
            case 415 -> Code.INVALID_ARGUMENT;
            case 503 -> Code.UNAVAILABLE;
            default -> Code.INTERNAL;
        };
        return Status.newBuilder().setCode(code.getNumber()).setMessage(message == null ? "" : message).build();
    }

    byte[] inflate(byte[] body, String contentEncoding) {
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > maxBodyBytes) {
            throw OtlpRequestException.tooLarge("the body holds " + raw.length + " bytes; at most " + maxBodyBytes);
        }
        String coding = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity")) {
            return raw;
        }
        if (!coding.equals("gzip")) {
            throw OtlpRequestException.unsupportedType("Content-Encoding '" + contentEncoding
                    + "' is not supported; use gzip or identity");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, raw.length * 4));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBodyBytes) {
                    throw OtlpRequestException.tooLarge("the gzip body inflates to more than " + maxBodyBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw OtlpRequestException.undecodable("the body is not valid gzip: " + e.getMessage(), e);
        }
    }

    private static void decode(byte[] body, OtlpEncoding encoding, Message.Builder builder) {
        if (encoding == OtlpEncoding.PROTOBUF) {
            try {
                builder.mergeFrom(body);
            } catch (InvalidProtocolBufferException e) {
                throw OtlpRequestException.undecodable("the body is not a valid OTLP protobuf message: "
                        + e.getMessage(), e);
            }
            return;
        }
        try {
            JsonNode tree = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw OtlpRequestException.undecodable("the body must be a JSON object", null);
            }
            hexIdsToBase64(tree);
            PARSER.merge(JSON.writeValueAsString(tree), builder);
        } catch (JsonProcessingException e) {
            throw OtlpRequestException.undecodable("the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw OtlpRequestException.undecodable("the body is not a valid OTLP/JSON message: " + e.getMessage(), e);
        } catch (IOException e) {
            throw OtlpRequestException.undecodable("the body could not be read as JSON: " + e.getMessage(), e);
        }
    }

    /** Rewrites every id field in the tree from OTLP/JSON's hex to the base64 protobuf's JSON parser expects. */
    static void hexIdsToBase64(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (ID_FIELDS.contains(name) && value.isTextual()) {
                    object.put(name, base64(value.asText()));
                } else {
                    hexIdsToBase64(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(OtlpCodec::hexIdsToBase64);
        }
    }

    private static String base64(String hex) {
        if (hex.isEmpty()) {
            return "";
        }
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return NOT_AN_ID;
        }
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }
}
