package dev.selfheal.telemetry.receipt;

/**
 * What an ingest endpoint answers 202 with: a count for its receipt, and a copy of itself naming that receipt.
 *
 * @param <R> the answer's own type
 */
public interface Receipted<R> {

    /** Items the batch took, as its receipt counts them. */
    int receiptedItems();

    /** This answer, naming the receipt stored for it. */
    R withReceiptId(String receiptId);
}
