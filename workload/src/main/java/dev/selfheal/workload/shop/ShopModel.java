package dev.selfheal.workload.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated shop: its services, their handlers and the code behind them, their dependencies, the errors
 * they know, the state they write, and the endpoints a later release may add. Everything here is what the shop
 * is; what it does with it per request lives in {@link ShopTraffic}.
 *
 * <p>{@code web} is the gateway every shopper's request enters by; it composes the product page from
 * {@code catalog} and {@code inventory} and forwards the rest. {@code checkout} orchestrates an order across
 * {@code cart}, {@code inventory}, {@code payments} and {@code shipping}, then publishes it on the Kafka topic
 * {@code orders}. Each service has its own PostgreSQL database; {@code catalog} and {@code cart} share a Redis
 * cache; {@code payments} calls an external payment provider.
 */
public final class ShopModel {

    /** {@code deployment.environment.name} of every span. */
    public static final String ENVIRONMENT = "production";

    public static final String WEB = "web";
    public static final String CATALOG = "catalog";
    public static final String CART = "cart";
    public static final String CHECKOUT = "checkout";
    public static final String INVENTORY = "inventory";
    public static final String PAYMENTS = "payments";
    public static final String SHIPPING = "shipping";

    /** The services, the gateway first. */
    public static final List<String> SERVICES = List.of(WEB, CATALOG, CART, CHECKOUT, INVENTORY, PAYMENTS, SHIPPING);

    /** The versions running when the simulation starts. */
    public static final Map<String, String> INITIAL_VERSIONS = ordered(WEB, "3.2.0", CATALOG, "2.4.1", CART, "1.8.0",
            CHECKOUT, "1.12.3", INVENTORY, "2.3.1", PAYMENTS, "5.0.4", SHIPPING, "1.5.2");

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    public static final Handler WEB_PRODUCTS = handler(WEB, "GET", "/api/products", "ProductGateway", "listProducts", 3.0)
            .withBudget(250);
    public static final Handler WEB_PRODUCT = handler(WEB, "GET", "/api/products/{id}", "ProductGateway", "productPage", 2.5);
    public static final Handler WEB_ADD_ITEM = handler(WEB, "POST", "/api/cart/items", "CartGateway", "addItem", 2.0);
    public static final Handler WEB_CART = handler(WEB, "GET", "/api/cart", "CartGateway", "viewCart", 1.8);
    public static final Handler WEB_PLACE_ORDER = handler(WEB, "POST", "/api/orders", "OrderGateway", "placeOrder", 3.0);
    public static final Handler WEB_ORDER = handler(WEB, "GET", "/api/orders/{id}", "OrderGateway", "orderStatus", 1.5);

    public static final Handler CATALOG_LIST = handler(CATALOG, "GET", "/api/products", "ProductResource", "list", 7.0);
    public static final Handler CATALOG_GET = handler(CATALOG, "GET", "/api/products/{id}", "ProductResource", "get", 3.0)
            .withBudget(120);
    public static final Handler CATALOG_PROMOTION = handler(CATALOG, "GET", "/api/promotions/{code}", "PromotionResource",
            "get", 2.0);

    public static final Handler CART_ADD = handler(CART, "POST", "/api/cart/items", "CartResource", "addItem", 2.5);
    public static final Handler CART_VIEW = handler(CART, "GET", "/api/cart", "CartResource", "view", 1.5);
    public static final Handler CART_CLEAR = handler(CART, "DELETE", "/api/cart", "CartResource", "clear", 1.2);

    public static final Handler CHECKOUT_PLACE = handler(CHECKOUT, "POST", "/api/orders", "OrderResource", "placeOrder", 14.0)
            .withBudget(1500);
    public static final Handler CHECKOUT_GET = handler(CHECKOUT, "GET", "/api/orders/{id}", "OrderResource", "get", 3.0);

    public static final Handler INVENTORY_RESERVE = handler(INVENTORY, "POST", "/api/reservations", "ReservationResource",
            "reserve", 5.0);
    public static final Handler INVENTORY_RELEASE = handler(INVENTORY, "DELETE", "/api/reservations/{id}",
            "ReservationResource", "release", 3.0);
    public static final Handler INVENTORY_STOCK = handler(INVENTORY, "GET", "/api/stock/{sku}", "StockResource", "get", 1.5);

    public static final Handler PAYMENTS_CHARGE = handler(PAYMENTS, "POST", "/api/charges", "ChargeResource", "charge", 6.0)
            .withBudget(1200);

    public static final Handler SHIPPING_CREATE = handler(SHIPPING, "POST", "/api/shipments", "ShipmentResource", "create", 9.0);
    public static final Handler SHIPPING_GET = handler(SHIPPING, "GET", "/api/shipments/{id}", "ShipmentResource", "get", 2.0);

    /** Every handler of the normal shop, by service in {@link #SERVICES} order. */
    public static final List<Handler> HANDLERS = List.of(WEB_PRODUCTS, WEB_PRODUCT, WEB_ADD_ITEM, WEB_CART,
            WEB_PLACE_ORDER, WEB_ORDER, CATALOG_LIST, CATALOG_GET, CATALOG_PROMOTION, CART_ADD, CART_VIEW, CART_CLEAR,
            CHECKOUT_PLACE, CHECKOUT_GET, INVENTORY_RESERVE, INVENTORY_RELEASE, INVENTORY_STOCK, PAYMENTS_CHARGE,
            SHIPPING_CREATE, SHIPPING_GET);

    /**
     * Handlers called often enough for a fault on them to show within minutes: all but the reservation release
     * (declined payments only) and the promotion lookup (a few orders only).
     */
    public static final List<Handler> FREQUENT_HANDLERS = HANDLERS.stream()
            .filter(h -> !h.equals(INVENTORY_RELEASE) && !h.equals(CATALOG_PROMOTION)).toList();

    public static final Dependency CATALOG_DB = Dependency.postgresql("catalog", "catalog-db.shop.svc.cluster.local");
    public static final Dependency ORDERS_DB = Dependency.postgresql("orders", "orders-db.shop.svc.cluster.local");
    public static final Dependency INVENTORY_DB = Dependency.postgresql("inventory", "inventory-db.shop.svc.cluster.local");
    public static final Dependency PAYMENTS_DB = Dependency.postgresql("payments", "payments-db.shop.svc.cluster.local");
    public static final Dependency SHIPPING_DB = Dependency.postgresql("shipping", "shipping-db.shop.svc.cluster.local");
    public static final Dependency CACHE = Dependency.redis("shop-cache", "shop-cache.shop.svc.cluster.local");
    public static final Dependency PAYMENT_PROVIDER = Dependency.httpApi("payment-provider", "api.payprovider.example", 180);
    public static final Dependency ORDERS_TOPIC = Dependency.kafka("orders", "kafka-0.kafka.shop.svc.cluster.local");

    /** A service and a dependency it calls. */
    public record DependencyUse(String service, Dependency dependency) {
    }

    /** Which service calls which dependency in the normal shop. */
    public static final List<DependencyUse> DEPENDENCY_USES = List.of(new DependencyUse(CATALOG, CATALOG_DB),
            new DependencyUse(CATALOG, CACHE), new DependencyUse(CART, CACHE), new DependencyUse(CHECKOUT, ORDERS_DB),
            new DependencyUse(CHECKOUT, ORDERS_TOPIC), new DependencyUse(INVENTORY, INVENTORY_DB),
            new DependencyUse(PAYMENTS, PAYMENTS_DB), new DependencyUse(PAYMENTS, PAYMENT_PROVIDER),
            new DependencyUse(SHIPPING, SHIPPING_DB));

    /** Each service's own database. */
    public static final Map<String, Dependency> DATABASES = ordered(CATALOG, CATALOG_DB, CHECKOUT, ORDERS_DB,
            INVENTORY, INVENTORY_DB, PAYMENTS, PAYMENTS_DB, SHIPPING, SHIPPING_DB);

    /**
     * An error the shop raises in normal operation, at a small rate.
     *
     * @param handler   where it is raised
     * @param type      the exception class
     * @param message   its message, with {@code %d} where an id goes
     * @param frame     the top frame of its stack trace
     * @param status    the HTTP status the handler answers with
     * @param rate      the share of the handler's calls that raise it
     */
    public record KnownError(Handler handler, String type, String message, String frame, int status, double rate) {
    }

    public static final KnownError PRODUCT_NOT_FOUND = new KnownError(CATALOG_GET,
            "com.shop.catalog.ProductNotFoundException", "product %d not found",
            "com.shop.catalog.ProductService.find(ProductService.java:58)", 404, 0.005);
    public static final KnownError CARD_DECLINED = new KnownError(PAYMENTS_CHARGE,
            "com.shop.payments.CardDeclinedException", "card declined by issuer for charge %d",
            "com.shop.payments.ChargeService.capture(ChargeService.java:91)", 402, 0.01);
    public static final List<KnownError> KNOWN_ERRORS = List.of(PRODUCT_NOT_FOUND, CARD_DECLINED);

    /** What values a piece of state takes in the normal shop. */
    public enum StateType { ENUMERATION, POSITIVE_AMOUNT, COUNT }

    /**
     * A piece of state the shop writes as {@code state.mutation} events.
     *
     * @param key    {@code state.key}
     * @param writer the handler that writes it (the one a fault on it targets)
     * @param type   its values' nature
     * @param values for an enumeration, every value it takes
     */
    public record StateKey(String key, Handler writer, StateType type, List<String> values) {
    }

    public static final StateKey ORDER_STATUS = new StateKey("order.status", CHECKOUT_PLACE, StateType.ENUMERATION,
            List.of("NEW", "RESERVED", "PAID", "SHIPPED", "PAYMENT_FAILED"));
    public static final StateKey ORDER_TOTAL = new StateKey("order.total", CHECKOUT_PLACE, StateType.POSITIVE_AMOUNT,
            List.of());
    public static final StateKey CART_ITEMS = new StateKey("cart.items", CART_ADD, StateType.COUNT, List.of());
    public static final StateKey INVENTORY_STOCK_LEVEL = new StateKey("inventory.stock", INVENTORY_RESERVE,
            StateType.COUNT, List.of());
    public static final StateKey PAYMENT_STATUS = new StateKey("payment.status", PAYMENTS_CHARGE, StateType.ENUMERATION,
            List.of("CAPTURED", "DECLINED"));
    public static final StateKey SHIPMENT_CARRIER = new StateKey("shipment.carrier", SHIPPING_CREATE,
            StateType.ENUMERATION, List.of("DHL", "UPS", "DPD"));
    public static final List<StateKey> STATE_KEYS = List.of(ORDER_STATUS, ORDER_TOTAL, CART_ITEMS, INVENTORY_STOCK_LEVEL,
            PAYMENT_STATUS, SHIPMENT_CARRIER);

    /**
     * A step of a flow: one call from the flow's handler to another service's handler. A behavioural fault skips,
     * swaps or inserts steps.
     */
    public enum Step {
        LOAD_PRODUCT(CATALOG_GET), CHECK_STOCK(INVENTORY_STOCK), APPLY_PROMOTION(CATALOG_PROMOTION),
        LOAD_CART(CART_VIEW), RESERVE_STOCK(INVENTORY_RESERVE), CHARGE_PAYMENT(PAYMENTS_CHARGE),
        CREATE_SHIPMENT(SHIPPING_CREATE), CLEAR_CART(CART_CLEAR), RELEASE_STOCK(INVENTORY_RELEASE),
        TRACK_SHIPMENT(SHIPPING_GET);

        private final Handler calls;

        Step(Handler calls) {
            this.calls = calls;
        }

        /** The handler this step calls. */
        public Handler calls() {
            return calls;
        }
    }

    /**
     * A handler whose work is a sequence of calls to other services.
     *
     * @param owner      the handler
     * @param steps      its steps in their normal order (optional steps, taken by some requests only, excluded)
     * @param insertable steps that a behavioural fault may insert: calls this flow never makes
     */
    public record Flow(Handler owner, List<Step> steps, List<Step> insertable) {
    }

    public static final Flow PRODUCT_PAGE = new Flow(WEB_PRODUCT, List.of(Step.LOAD_PRODUCT, Step.CHECK_STOCK),
            List.of(Step.APPLY_PROMOTION));
    public static final Flow ADD_ITEM = new Flow(CART_ADD, List.of(Step.LOAD_PRODUCT, Step.CHECK_STOCK),
            List.of(Step.APPLY_PROMOTION));
    public static final Flow PLACE_ORDER = new Flow(CHECKOUT_PLACE, List.of(Step.LOAD_CART, Step.RESERVE_STOCK,
            Step.CHARGE_PAYMENT, Step.CREATE_SHIPMENT, Step.CLEAR_CART),
            List.of(Step.CHECK_STOCK, Step.LOAD_PRODUCT, Step.CHARGE_PAYMENT));
    public static final List<Flow> FLOWS = List.of(PRODUCT_PAGE, ADD_ITEM, PLACE_ORDER);

    /**
     * Handlers a later release of a service may add, for coverage and documentation faults: per service, one in a
     * class that already exists and one in a class of its own. None is in {@link #HANDLERS}.
     */
    public static final Map<String, List<Handler>> NEW_ENDPOINTS = ordered(
            CATALOG, List.of(handler(CATALOG, "GET", "/api/products/search", "ProductResource", "search", 9.0),
                    handler(CATALOG, "GET", "/api/products/{id}/reviews", "ReviewResource", "reviews", 5.0)),
            CART, List.of(handler(CART, "PUT", "/api/cart/items/{id}", "CartResource", "updateItem", 2.5),
                    handler(CART, "POST", "/api/cart/coupons", "CouponResource", "apply", 3.0)),
            CHECKOUT, List.of(handler(CHECKOUT, "POST", "/api/orders/{id}/cancel", "OrderResource", "cancel", 6.0),
                    handler(CHECKOUT, "GET", "/api/orders/{id}/invoice", "InvoiceResource", "invoice", 11.0)),
            INVENTORY, List.of(handler(INVENTORY, "GET", "/api/reservations/{id}", "ReservationResource", "get", 2.0),
                    handler(INVENTORY, "GET", "/api/warehouses", "WarehouseResource", "list", 4.0)),
            PAYMENTS, List.of(handler(PAYMENTS, "GET", "/api/charges/{id}", "ChargeResource", "get", 2.5),
                    handler(PAYMENTS, "POST", "/api/refunds", "RefundResource", "refund", 8.0)),
            SHIPPING, List.of(handler(SHIPPING, "DELETE", "/api/shipments/{id}", "ShipmentResource", "cancel", 4.0),
                    handler(SHIPPING, "GET", "/api/shipments/{id}/label", "LabelResource", "label", 12.0)));

    /** Hosts a faulty release starts calling without declaring them anywhere. */
    public static final List<String> UNDECLARED_HOSTS = List.of("fraud-score.riskpartner.example",
            "geo.ipdata.example", "recommend.mlvendor.example", "tax-rates.taxapi.example",
            "events.analytics-cdn.example");

    private ShopModel() {
    }

    /** The handlers of one service in the normal shop. */
    public static List<Handler> handlersOf(String service) {
        return HANDLERS.stream().filter(h -> h.service().equals(service)).toList();
    }

    /** The flow a handler runs, or null when its work is its own. */
    public static Flow flowOf(Handler handler) {
        return FLOWS.stream().filter(f -> f.owner().equals(handler)).findFirst().orElse(null);
    }

    /** The names of a route's path parameters, in order. */
    public static List<String> pathParameters(String route) {
        List<String> names = new ArrayList<>();
        Matcher m = PATH_PARAMETER.matcher(route);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Services whose version may change under a fault: all but the gateway, which only forwards. */
    public static final Set<String> RELEASABLE = Set.of(CATALOG, CART, CHECKOUT, INVENTORY, PAYMENTS, SHIPPING);

    /**
     * A handler with its JVM descriptor derived from its route: one {@code String} per path parameter, a request
     * body for POST and PUT, a JAX-RS {@code Response} back, as a Quarkus REST resource method would be declared.
     */
    static Handler handler(String service, String method, String route, String simpleClass, String function,
            double selfMedianMs) {
        StringBuilder descriptor = new StringBuilder("(");
        pathParameters(route).forEach(p -> descriptor.append("Ljava/lang/String;"));
        String className = "com.shop." + service + "." + simpleClass;
        if (method.equals("POST") || method.equals("PUT")) {
            String stem = simpleClass.replaceAll("(Resource|Gateway)$", "");
            descriptor.append("Lcom/shop/").append(service).append('/').append(stem).append("Request;");
        }
        descriptor.append(")Ljakarta/ws/rs/core/Response;");
        return new Handler(service, method, route, className, function, descriptor.toString(), selfMedianMs, null);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> ordered(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
