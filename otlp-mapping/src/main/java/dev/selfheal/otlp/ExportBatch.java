package dev.selfheal.otlp;

import com.google.protobuf.Message;
import java.util.List;

/**
 * What an OTLP export normalised to, as the exporter's answer and a receipt see it: counts, reasons and the OTLP
 * export response, whatever the signal.
 */
public interface ExportBatch {

    /** The services of the accepted items, one entry per item. */
    List<String> services();

    /** Items accepted. */
    int accepted();

    /** Items dropped as invalid. */
    int rejected();

    /** Why, one line per reason. */
    List<String> rejections();

    /** The OTLP export response: success, or partial success naming what was dropped. */
    Message response();
}
