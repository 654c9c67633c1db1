package com.acme.orders;

import java.math.BigDecimal;

/** An order as it is stored. */
public class Order {

    public Long id;

    public String sku;

    /** Units ordered. */
    public int quantity;

    public String status;

    public BigDecimal total;
}
