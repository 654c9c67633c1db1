package com.acme.orders;

/** What a client sends to place an order. */
public record OrderRequest(String sku, Integer quantity, String currency) {
}
