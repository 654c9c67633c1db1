package dev.selfheal.telemetry.otlp;

/** A request that cannot be decoded at all: the whole batch is refused with {@link #status()}. */
public class OtlpRequestException extends RuntimeException {

    private final int status;

    private OtlpRequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** 400: the body is not a valid OTLP message in its declared encoding. */
    public static OtlpRequestException undecodable(String message, Throwable cause) {
        return new OtlpRequestException(400, message, cause);
    }

    /** 413: the body, or what it inflates to, exceeds the limit. */
    public static OtlpRequestException tooLarge(String message) {
        return new OtlpRequestException(413, message, null);
    }

    /** 415: neither protobuf nor JSON. */
    public static OtlpRequestException unsupportedType(String message) {
        return new OtlpRequestException(415, message, null);
    }

    public int status() {
        return status;
    }
}
