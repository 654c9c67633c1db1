package com.acme.orders;

/** Thrown when inventory cannot cover an order. */
public class OutOfStockException extends RuntimeException {

    public OutOfStockException(String message) {
        super(message);
    }
}
