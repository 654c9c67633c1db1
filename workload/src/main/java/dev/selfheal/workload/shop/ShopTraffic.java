package dev.selfheal.workload.shop;

import static dev.selfheal.workload.shop.ShopModel.*;

import dev.selfheal.workload.shop.Perturbation.ConnectionRefused;
import dev.selfheal.workload.shop.Perturbation.DependencyFailure;
import dev.selfheal.workload.shop.Perturbation.Slow;
import dev.selfheal.workload.shop.Perturbation.UnknownHost;
import dev.selfheal.workload.shop.TraceRecorder.Open;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Simulates the shop's requests, one trace each, as instrumented services would report them: a server span per
 * handler named {@code METHOD /route} with {@code http.*} and {@code code.*} attributes, an HTTP client span for
 * every call between services ({@code peer.service} the callee), a database client span per query
 * ({@code db.system}, {@code db.namespace}), cache calls to Redis, a call to the payment provider and a Kafka
 * producer span per order, {@code state.mutation} events where state changes, and {@code exception} events where
 * something is thrown.
 *
 * <p>Requests come in the mix of a shop's day: mostly browsing, some carts, few orders. Latencies are log-normal
 * around each handler's median, with a thin tail of slow executions (garbage collection, a cold connection).
 * The healthy shop is not uniform either: about 30% of catalog reads are answered from the cache and skip the
 * database, 8% of orders apply a promotion code, products are sometimes not found and cards sometimes declined,
 * and a declined card releases the reservation. Status codes follow the HTTP semantic conventions: a server span
 * is an error from 500 on, a client span from 400 on.
 *
 * <p>Not thread-safe; deterministic for a given generator.
 */
public final class ShopTraffic {

    /** The shopper requests and their share of the traffic. */
    public enum RequestType {
        BROWSE(0.33), PRODUCT_PAGE(0.27), ADD_TO_CART(0.14), VIEW_CART(0.10), PLACE_ORDER(0.08), ORDER_STATUS(0.08);

        private final double share;

        RequestType(double share) {
            this.share = share;
        }

        public double share() {
            return share;
        }
    }

    /** The share of requests that go to the handlers a release added, while one runs. */
    static final double ADDED_HANDLER_SHARE = 0.05;
    static final double CACHE_HIT_RATE = 0.30;
    static final double PROMOTION_RATE = 0.08;
    static final double SHIPPED_ORDER_RATE = 0.70;
    private static final double SELF_SIGMA = 0.30;
    private static final double CALL_SIGMA = 0.40;
    private static final double TAIL_RATE = 0.005;
    private static final int PRODUCTS = 2_000;
    private static final int RESTOCK_BELOW = 3;
    private static final int RESTOCK_TO = 250;

    private final Deployment deployment;
    private final RandomGenerator random;
    private final Map<Integer, Integer> stock = new HashMap<>();
    private Perturbation perturbation = Perturbation.NONE;
    private long nextOrder;

    public ShopTraffic(Deployment deployment, RandomGenerator random) {
        this.deployment = deployment;
        this.random = random;
        this.nextOrder = 100_000 + random.nextInt(900_000);
    }

    /** One request of the usual mix, starting at the given simulated time; its spans. */
    public List<SpanRecord> request(long startNanos, Perturbation active) {
        List<Handler> added = deployment.addedHandlers();
        if (!added.isEmpty() && random.nextDouble() < ADDED_HANDLER_SHARE) {
            perturbation = active;
            TraceRecorder r = new TraceRecorder(random, startNanos);
            Handler handler = added.get(random.nextInt(added.size()));
            serve(r, null, handler, path(handler.route()), s -> addedHandler(r, s, handler));
            return r.spans();
        }
        double draw = random.nextDouble();
        RequestType[] types = RequestType.values();
        RequestType type = types[types.length - 1];
        for (RequestType t : types) {
            draw -= t.share();
            if (draw < 0) {
                type = t;
                break;
            }
        }
        return request(type, startNanos, active);
    }

    /** One request of the given type, starting at the given simulated time; its spans. */
    public List<SpanRecord> request(RequestType type, long startNanos, Perturbation active) {
        perturbation = active;
        TraceRecorder r = new TraceRecorder(random, startNanos);
        Request request = new Request();
        switch (type) {
            case BROWSE -> serve(r, null, WEB_PRODUCTS, "/api/products",
                    s -> call(r, s, CATALOG_LIST, "/api/products?page=" + (1 + random.nextInt(20)),
                            c -> catalogList(r, c)));
            case PRODUCT_PAGE -> serve(r, null, WEB_PRODUCT, "/api/products/" + request.product,
                    s -> flow(r, s, PRODUCT_PAGE, PRODUCT_PAGE.steps(), request));
            case ADD_TO_CART -> serve(r, null, WEB_ADD_ITEM, "/api/cart/items",
                    s -> call(r, s, CART_ADD, "/api/cart/items", c -> cartAdd(r, c, request)));
            case VIEW_CART -> serve(r, null, WEB_CART, "/api/cart",
                    s -> call(r, s, CART_VIEW, "/api/cart", c -> cartView(r, c)));
            case PLACE_ORDER -> serve(r, null, WEB_PLACE_ORDER, "/api/orders",
                    s -> call(r, s, CHECKOUT_PLACE, "/api/orders", c -> placeOrder(r, c, request)));
            case ORDER_STATUS -> serve(r, null, WEB_ORDER, "/api/orders/" + request.order,
                    s -> call(r, s, CHECKOUT_GET, "/api/orders/" + request.order, c -> orderStatus(r, c, request)));
        }
        return r.spans();
    }

    /** What one request is about. */
    private final class Request {
        final int product = 1 + random.nextInt(PRODUCTS);
        final int quantity = 1 + (random.nextDouble() < 0.8 ? 0 : random.nextInt(3));
        final long order = nextOrder++;
        String orderStatus;
    }

    @FunctionalInterface
    private interface Body {
        /** Does the handler's work inside its span; answers the HTTP status. */
        int run(Open span);
    }

    // ---- handlers

    private int catalogList(TraceRecorder r, Open s) {
        if (!cached(r, s)) {
            if (!query(r, s, CATALOG_DB, "SELECT", "products",
                    "select id, name, price from products order by rank limit ? offset ?", 4.0)) {
                return 503;
            }
            cache(r, s, "SET");
        }
        return 200;
    }

    private int catalogGet(TraceRecorder r, Open s, Request request) {
        if (!cached(r, s)) {
            if (!query(r, s, CATALOG_DB, "SELECT", "products", "select * from products where id = ?", 1.5)) {
                return 503;
            }
            cache(r, s, "SET");
        }
        if (random.nextDouble() < perturbation.knownErrorRate(PRODUCT_NOT_FOUND)) {
            exception(s, PRODUCT_NOT_FOUND.type(), PRODUCT_NOT_FOUND.message().formatted(request.product),
                    PRODUCT_NOT_FOUND.frame(), "com.shop.catalog.ProductResource.get(ProductResource.java:41)");
            return PRODUCT_NOT_FOUND.status();
        }
        return 200;
    }

    private int cartAdd(TraceRecorder r, Open s, Request request) {
        int status = flow(r, s, ADD_ITEM, ADD_ITEM.steps(), request);
        if (status >= 400) {
            return status;
        }
        if (!cache(r, s, "HSET")) {
            return 503;
        }
        int before = (int) Math.floor(-Math.log(1 - random.nextDouble()) * 1.5);
        mutate(s, CART_ADD, CART_ITEMS, (long) before + request.quantity, (long) before);
        return 201;
    }

    private int cartView(TraceRecorder r, Open s) {
        return cache(r, s, "HGETALL") ? 200 : 503;
    }

    private int cartClear(TraceRecorder r, Open s) {
        if (!cache(r, s, "DEL")) {
            return 503;
        }
        mutate(s, CART_CLEAR, CART_ITEMS, 0L, (long) 1 + random.nextInt(4));
        return 204;
    }

    private int placeOrder(TraceRecorder r, Open s, Request request) {
        if (!query(r, s, ORDERS_DB, "INSERT", "orders",
                "insert into orders (id, customer_id, status, total) values (?, ?, ?, ?)", 2.0)) {
            return 503;
        }
        double total = Math.round(Math.exp(Math.log(60) + 0.7 * random.nextGaussian()) * 100) / 100.0 + 4.95;
        mutate(s, CHECKOUT_PLACE, ORDER_STATUS, "NEW", null);
        request.orderStatus = "NEW";
        mutate(s, CHECKOUT_PLACE, ORDER_TOTAL, total, null);
        List<Step> steps = PLACE_ORDER.steps();
        if (random.nextDouble() < PROMOTION_RATE) {
            steps = new java.util.ArrayList<>(steps);
            steps.add(1, Step.APPLY_PROMOTION);
        }
        int status = flow(r, s, PLACE_ORDER, steps, request);
        if (status >= 400) {
            return status;
        }
        query(r, s, ORDERS_DB, "UPDATE", "orders", "update orders set status = ? where id = ?", 1.5);
        // Publishing goes through an outbox: a failed send is retried later and does not fail the order.
        dependencyCall(r, s, ORDERS_TOPIC, "publish orders", Map.of(), ORDERS_TOPIC.medianMs());
        return 201;
    }

    private int orderStatus(TraceRecorder r, Open s, Request request) {
        if (!query(r, s, ORDERS_DB, "SELECT", "orders", "select * from orders where id = ?", 1.2)) {
            return 503;
        }
        if (random.nextDouble() < SHIPPED_ORDER_RATE) {
            int status = step(r, s, Step.TRACK_SHIPMENT, request);
            if (status >= 500) {
                return 502;
            }
        }
        return 200;
    }

    private int reserve(TraceRecorder r, Open s, Request request) {
        if (!query(r, s, INVENTORY_DB, "UPDATE", "stock",
                "update stock set available = available - ? where sku = ? and available >= ?", 2.5)) {
            return 503;
        }
        int before = stock.computeIfAbsent(request.product, p -> 20 + random.nextInt(RESTOCK_TO));
        int after = before - request.quantity;
        stock.put(request.product, after < RESTOCK_BELOW ? RESTOCK_TO : after);
        mutate(s, INVENTORY_RESERVE, INVENTORY_STOCK_LEVEL, (long) after, (long) before);
        return 201;
    }

    private int release(TraceRecorder r, Open s, Request request) {
        if (!query(r, s, INVENTORY_DB, "UPDATE", "stock", "update stock set available = available + ? where sku = ?",
                2.0)) {
            return 503;
        }
        int before = stock.getOrDefault(request.product, RESTOCK_TO);
        stock.put(request.product, before + request.quantity);
        mutate(s, INVENTORY_RELEASE, INVENTORY_STOCK_LEVEL, (long) before + request.quantity, (long) before);
        return 204;
    }

    private int stockLevel(TraceRecorder r, Open s) {
        return query(r, s, INVENTORY_DB, "SELECT", "stock", "select available from stock where sku = ?", 1.0) ? 200 : 503;
    }

    private int charge(TraceRecorder r, Open s, Request request) {
        if (!query(r, s, PAYMENTS_DB, "INSERT", "charges",
                "insert into charges (id, order_id, amount, status) values (?, ?, ?, ?)", 1.8)) {
            return 503;
        }
        if (!dependencyCall(r, s, PAYMENT_PROVIDER, "POST", Dependency.ordered("http.request.method", "POST",
                "url.full", "https://" + PAYMENT_PROVIDER.host() + "/v1/charges"), PAYMENT_PROVIDER.medianMs())) {
            return 502;
        }
        if (random.nextDouble() < perturbation.knownErrorRate(CARD_DECLINED)) {
            exception(s, CARD_DECLINED.type(), CARD_DECLINED.message().formatted(request.order),
                    CARD_DECLINED.frame(), "com.shop.payments.ChargeResource.charge(ChargeResource.java:37)");
            mutate(s, PAYMENTS_CHARGE, PAYMENT_STATUS, "DECLINED", null);
            return CARD_DECLINED.status();
        }
        query(r, s, PAYMENTS_DB, "UPDATE", "charges", "update charges set status = ? where id = ?", 1.2);
        mutate(s, PAYMENTS_CHARGE, PAYMENT_STATUS, "CAPTURED", null);
        return 201;
    }

    private int shipmentCreate(TraceRecorder r, Open s) {
        if (!query(r, s, SHIPPING_DB, "INSERT", "shipments",
                "insert into shipments (id, order_id, carrier, address_id) values (?, ?, ?, ?)", 2.2)) {
            return 503;
        }
        List<String> carriers = SHIPMENT_CARRIER.values();
        mutate(s, SHIPPING_CREATE, SHIPMENT_CARRIER, carriers.get(random.nextInt(carriers.size())), null);
        return 201;
    }

    private int shipmentGet(TraceRecorder r, Open s) {
        return query(r, s, SHIPPING_DB, "SELECT", "shipments", "select * from shipments where order_id = ?", 1.0)
                ? 200 : 503;
    }

    private int addedHandler(TraceRecorder r, Open s, Handler handler) {
        Dependency db = DATABASES.get(handler.service());
        if (db == null) {
            return cache(r, s, "HGETALL") ? 200 : 503;
        }
        String table = handler.route().split("/")[2];
        return query(r, s, db, "SELECT", table, "select * from " + table + " where id = ?", 2.0) ? 200 : 503;
    }

    // ---- flows

    /** Runs a flow's steps (as the perturbation has them); stops at the first failed one and answers its status. */
    private int flow(TraceRecorder r, Open s, Flow flow, List<Step> normal, Request request) {
        for (Step step : perturbation.steps(flow, normal, random)) {
            int status = step(r, s, step, request);
            if (status >= 400) {
                return status >= 500 ? 502 : status;
            }
        }
        return flow.owner().method().equals("POST") ? 201 : 200;
    }

    private int step(TraceRecorder r, Open s, Step step, Request request) {
        r.advance(latency(0.15, CALL_SIGMA));
        return switch (step) {
            case LOAD_PRODUCT -> call(r, s, CATALOG_GET, "/api/products/" + request.product,
                    c -> catalogGet(r, c, request));
            case CHECK_STOCK -> call(r, s, INVENTORY_STOCK, "/api/stock/SKU-" + request.product, c -> stockLevel(r, c));
            case APPLY_PROMOTION -> call(r, s, CATALOG_PROMOTION, "/api/promotions/SPRING" + (10 + random.nextInt(4) * 5),
                    c -> query(r, c, CATALOG_DB, "SELECT", "promotions", "select * from promotions where code = ?", 1.0)
                            ? 200 : 503);
            case LOAD_CART -> call(r, s, CART_VIEW, "/api/cart", c -> cartView(r, c));
            case RESERVE_STOCK -> {
                int status = call(r, s, INVENTORY_RESERVE, "/api/reservations", c -> reserve(r, c, request));
                if (status < 400) {
                    moveOrder(s, request, "RESERVED");
                }
                yield status;
            }
            case CHARGE_PAYMENT -> {
                int status = call(r, s, PAYMENTS_CHARGE, "/api/charges", c -> charge(r, c, request));
                if (status == CARD_DECLINED.status() || status == 502) {
                    moveOrder(s, request, "PAYMENT_FAILED");
                    step(r, s, Step.RELEASE_STOCK, request);
                } else if (status < 400) {
                    moveOrder(s, request, "PAID");
                }
                yield status;
            }
            case CREATE_SHIPMENT -> {
                int status = call(r, s, SHIPPING_CREATE, "/api/shipments", c -> shipmentCreate(r, c));
                if (status < 400) {
                    moveOrder(s, request, "SHIPPED");
                }
                yield status;
            }
            case CLEAR_CART -> call(r, s, CART_CLEAR, "/api/cart", c -> cartClear(r, c));
            case RELEASE_STOCK -> call(r, s, INVENTORY_RELEASE, "/api/reservations/R" + request.order,
                    c -> release(r, c, request));
            case TRACK_SHIPMENT -> call(r, s, SHIPPING_GET, "/api/shipments/" + request.order, c -> shipmentGet(r, c));
        };
    }

    private void moveOrder(Open s, Request request, String status) {
        mutate(s, CHECKOUT_PLACE, ORDER_STATUS, status, request.orderStatus);
        request.orderStatus = status;
    }

    // ---- spans

    /** A handler's server span: part of its own time, its work, an injected exception if any, the rest of its time. */
    private int serve(TraceRecorder r, Open caller, Handler handler, String path, Body body) {
        Open span = r.open(handler.service(), deployment.version(handler.service()), handler.name(),
                SpanRecord.Kind.SERVER, caller);
        span.attribute("http.request.method", handler.method())
                .attribute("http.route", handler.route())
                .attribute("url.path", path.contains("?") ? path.substring(0, path.indexOf('?')) : path)
                .attribute("url.scheme", "http")
                .attribute("code.namespace", handler.className())
                .attribute("code.function", handler.function());
        double self = latency(handler.selfMedianMs() * perturbation.selfTimeFactor(handler), SELF_SIGMA)
                + perturbation.extraSelfMs(handler, random);
        r.advance(self * 0.6);
        int status = body.run(span);
        for (String host : perturbation.undeclaredCalls(handler)) {
            undeclaredCall(r, span, host);
        }
        Perturbation.InjectedError error = status < 400 ? perturbation.error(handler, random) : null;
        r.advance(self * 0.4);
        if (error != null) {
            span.event("exception", Dependency.ordered("exception.type", error.type(),
                    "exception.message", error.message(), "exception.stacktrace", error.stacktrace()));
            status = 500;
        }
        span.attribute("http.response.status_code", (long) status);
        if (status >= 500) {
            span.attribute("error.type", error != null ? error.type() : String.valueOf(status));
            span.fail(error != null ? error.message() : null);
        }
        span.close();
        return status;
    }

    /** An HTTP call to another service's handler: the caller's client span around the callee's server span. */
    private int call(TraceRecorder r, Open from, Handler target, String path, Body body) {
        Open client = r.open(from.service, from.version, target.method(), SpanRecord.Kind.CLIENT, from);
        client.attribute("http.request.method", target.method())
                .attribute("server.address", target.service())
                .attribute("server.port", 8080L)
                .attribute("url.full", "http://" + target.service() + ":8080" + path)
                .attribute("peer.service", target.service());
        r.advance(latency(0.4, CALL_SIGMA));
        int status = serve(r, client, target, path, body);
        r.advance(latency(0.3, CALL_SIGMA));
        client.attribute("http.response.status_code", (long) status);
        if (status >= 400) {
            client.attribute("error.type", String.valueOf(status));
            client.fail(null);
        }
        client.close();
        return status;
    }

    /** A read through the cache; answers whether it was a hit. A failing cache counts as a miss. */
    private boolean cached(TraceRecorder r, Open s) {
        boolean answered = cache(r, s, "GET");
        return answered && random.nextDouble() < CACHE_HIT_RATE;
    }

    private boolean cache(TraceRecorder r, Open s, String operation) {
        return dependencyCall(r, s, CACHE, operation, Dependency.ordered("db.operation.name", operation), CACHE.medianMs());
    }

    private boolean query(TraceRecorder r, Open s, Dependency db, String operation, String table, String sql,
            double medianMs) {
        return dependencyCall(r, s, db, operation + " " + table, Dependency.ordered("db.operation.name", operation,
                "db.collection.name", table, "db.query.text", sql), medianMs);
    }

    /**
     * A client (or, for Kafka, producer) span for one call to a dependency, going wrong as the perturbation says.
     * Answers whether the call succeeded.
     */
    private boolean dependencyCall(TraceRecorder r, Open s, Dependency dependency, String name,
            Map<String, Object> attributes, double medianMs) {
        DependencyFailure failure = perturbation.dependency(s.service, dependency, random);
        SpanRecord.Kind kind = dependency.kind() == Dependency.Kind.KAFKA ? SpanRecord.Kind.PRODUCER : SpanRecord.Kind.CLIENT;
        Open span = r.open(s.service, s.version, name, kind, s).attributes(dependency.attributes()).attributes(attributes);
        boolean http = dependency.kind() == Dependency.Kind.HTTP_API;
        if (failure instanceof ConnectionRefused) {
            r.advance(latency(1.2, CALL_SIGMA));
            failed(span, "java.net.ConnectException", "Connection refused",
                    "sun.nio.ch.Net.pollConnect(Native Method)");
            return false;
        }
        if (failure instanceof UnknownHost unknown) {
            r.advance(latency(6, CALL_SIGMA));
            failed(span, "java.net.UnknownHostException", unknown.host() + ": Name or service not known",
                    "java.net.Inet6AddressImpl.lookupAllHostAddr(Native Method)");
            return false;
        }
        r.advance(latency(medianMs, CALL_SIGMA) + (failure instanceof Slow slow ? latency(slow.extraMs(), 0.25) : 0));
        if (http) {
            span.attribute("http.response.status_code", 200L);
        }
        span.close();
        return true;
    }

    private void failed(Open span, String type, String message, String frame) {
        span.event("exception", Dependency.ordered("exception.type", type, "exception.message", message,
                "exception.stacktrace", type + ": " + message + "\n\tat " + frame + "\n\tat java.base/java.net.Socket.connect(Socket.java:751)"));
        span.attribute("error.type", type);
        span.fail(message);
        span.close();
    }

    private void undeclaredCall(TraceRecorder r, Open s, String host) {
        Open span = r.open(s.service, s.version, "POST", SpanRecord.Kind.CLIENT, s)
                .attribute("http.request.method", "POST")
                .attribute("server.address", host)
                .attribute("server.port", 443L)
                .attribute("url.full", "https://" + host + "/v2/" + host.substring(0, host.indexOf('.')).toLowerCase(Locale.ROOT));
        r.advance(latency(35, CALL_SIGMA));
        span.attribute("http.response.status_code", 200L);
        span.close();
    }

    private void exception(Open s, String type, String message, String... frames) {
        StringBuilder trace = new StringBuilder(type).append(": ").append(message);
        for (String frame : frames) {
            trace.append("\n\tat ").append(frame);
        }
        s.event("exception", Dependency.ordered("exception.type", type, "exception.message", message,
                "exception.stacktrace", trace.toString()));
    }

    private void mutate(Open s, Handler writer, StateKey key, Object value, Object previous) {
        Object written = perturbation.stateValue(writer, key, value, random);
        s.event("state.mutation", previous == null
                ? Dependency.ordered("state.key", key.key(), "state.value", written)
                : Dependency.ordered("state.key", key.key(), "state.value", written, "state.previous", previous));
    }

    /** A route with its path parameters filled in with plausible ids. */
    private String path(String route) {
        String path = route;
        for (String parameter : pathParameters(route)) {
            path = path.replace("{" + parameter + "}", String.valueOf(1 + random.nextInt(99_999)));
        }
        return path;
    }

    /** Log-normal around the median; one execution in 200 takes two to four times longer. */
    private double latency(double medianMs, double sigma) {
        double value = medianMs * Math.exp(sigma * random.nextGaussian());
        if (random.nextDouble() < TAIL_RATE) {
            value *= 2 + 2 * random.nextDouble();
        }
        return value;
    }
}
