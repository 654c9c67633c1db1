package com.acme.orders;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

@Path("/orders")
public class OrderResource {

    private final InventoryClient inventory;

    public OrderResource(InventoryClient inventory) {
        this.inventory = inventory;
    }

    @POST
    public Response create(OrderRequest request) {
        if (inventory.available(request.sku()) < request.quantity()) {
            throw new OutOfStockException("not enough " + request.sku());
        }
        return Response.status(201).build();
    }

    @GET
    @Path("{id}")
    public Order get(@PathParam("id") long id) {
        Order order = new Order();
        order.id = id;
        return order;
    }
}
