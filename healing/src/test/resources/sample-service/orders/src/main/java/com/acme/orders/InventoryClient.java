package com.acme.orders;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Inventory's stock API. */
@Path("/stock")
@RegisterRestClient(configKey = "inventory-api")
public interface InventoryClient {

    /** Units of a SKU on hand. */
    @GET
    @Path("/{sku}")
    int available(@PathParam("sku") String sku);

    // Reserving is idempotent on the order id, so a retried call cannot reserve twice.
    @POST
    @Path("/reservations/{orderId}")
    void reserve(@PathParam("orderId") long orderId);
}
