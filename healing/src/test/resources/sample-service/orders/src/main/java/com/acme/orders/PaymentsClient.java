package com.acme.orders;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

@RegisterRestClient(baseUri = "https://payments.example.com")
public interface PaymentsClient {

    @POST
    @Path("/charges")
    @Timeout(2000)
    String charge(String order);
}
