package dev.selfheal.telemetry.receipt;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ReceiptRepository implements PanacheRepositoryBase<StoredReceipt, String> {
}
