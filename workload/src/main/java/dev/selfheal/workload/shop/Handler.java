package dev.selfheal.workload.shop;

/**
 * An HTTP handler of one of the shop's services: what its server spans are named after, the code that runs it
 * ({@code code.namespace}, {@code code.function}, and the JaCoCo class and method) and how long it works on its own.
 *
 * @param service         the service that serves it
 * @param method          the HTTP method
 * @param route           the route template, as OpenAPI and {@code http.route} write it
 * @param className       the handler's class, binary name ({@code com.shop.catalog.ProductResource})
 * @param function        the handler's method in that class
 * @param descriptor      the method's JVM descriptor, as JaCoCo reports it
 * @param selfMedianMs    the median of the time the handler spends itself, without the calls it makes
 * @param latencyBudgetMs the latency budget its OpenAPI operation documents ({@code x-latency-budget-ms}), or null
 */
public record Handler(String service, String method, String route, String className, String function,
        String descriptor, double selfMedianMs, Double latencyBudgetMs) {

    /** The span name, as HTTP server instrumentation writes it and Selfheal groups executions by. */
    public String name() {
        return method + " " + route;
    }

    /** The class as JaCoCo names it: a VM name with slashes. */
    public String vmClassName() {
        return className.replace('.', '/');
    }

    /** The class name without its package. */
    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** This handler with a latency budget in its documentation. */
    Handler withBudget(double budgetMs) {
        return new Handler(service, method, route, className, function, descriptor, selfMedianMs, budgetMs);
    }

    @Override
    public String toString() {
        return service + " " + name();
    }
}
