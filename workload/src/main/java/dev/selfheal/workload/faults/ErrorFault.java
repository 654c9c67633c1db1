package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Handler;
import dev.selfheal.workload.shop.ShopModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Errors: a handler starts throwing an exception it never threw, in 10 to 30% of its calls, shipped in a new
 * version ({@code new-exception}); or a known error, raised now and then by a healthy shop, is raised in 10 to
 * 30% of its handler's calls ({@code known-error-surge}).
 *
 * <p>Each new exception is drawn afresh (type, message wording, the method it is thrown from) and never repeats
 * an earlier one of the same run, so every injection is a new signature: telemetry-service's signature is the
 * type, the message template and the top frame without its line.
 */
final class ErrorFault extends Fault {

    static final String NEW_EXCEPTION = "new-exception";
    static final String KNOWN_ERROR_SURGE = "known-error-surge";
    static final List<String> VARIANTS = List.of(NEW_EXCEPTION, KNOWN_ERROR_SURGE);

    private static final List<String> NOUNS = List.of("order", "basket", "line", "coupon", "address", "customer",
            "invoice", "shipment", "parcel", "tariff", "discount", "voucher", "warehouse", "quota", "session");
    private static final List<String> STATES = List.of("closed", "locked", "expired", "archived", "suspended",
            "detached", "frozen", "superseded");
    private static final List<String> HELPERS = List.of("applyDiscount", "computeTax", "mapLines", "resolveAddress",
            "validateQuantity", "roundAmount", "loadCustomer", "mergeLines", "toResponse", "checkLimits",
            "splitParcels", "priceLine", "normaliseSku", "selectWarehouse", "buildReceipt");
    private static final List<String> TYPES = List.of("java.lang.IllegalStateException",
            "java.lang.NullPointerException", "java.lang.ArithmeticException", "java.lang.IndexOutOfBoundsException",
            "java.util.NoSuchElementException", "java.lang.IllegalArgumentException", "java.lang.ClassCastException",
            "java.util.ConcurrentModificationException");

    private final Handler target;
    private final double rate;
    private final ShopModel.KnownError known;
    private final String type;
    private final String message;
    private final String stacktrace;

    private ErrorFault(String variant, Handler target, double rate, ShopModel.KnownError known, String type,
            String message, String stacktrace, Deployment.Release release, Map<String, Object> detail) {
        super(FaultKind.ERROR, variant, target.service(), target, null, null, release, detail);
        this.target = target;
        this.rate = rate;
        this.known = known;
        this.type = type;
        this.message = message;
        this.stacktrace = stacktrace;
    }

    /**
     * @param used signatures (type, message wording, throwing method) of earlier new exceptions in this run; the
     *             new one is added
     */
    static ErrorFault create(String variant, RandomGenerator random, Deployment deployment, Set<String> used) {
        double rate = round(0.10 + 0.20 * random.nextDouble(), 3);
        Map<String, Object> detail = new LinkedHashMap<>();
        if (variant.equals(KNOWN_ERROR_SURGE)) {
            ShopModel.KnownError known = ShopModel.KNOWN_ERRORS.get(random.nextInt(ShopModel.KNOWN_ERRORS.size()));
            detail.put("exceptionType", known.type());
            detail.put("baselineRate", known.rate());
            detail.put("rate", rate);
            return new ErrorFault(variant, known.handler(), rate, known, null, null, null, null, detail);
        }
        if (!variant.equals(NEW_EXCEPTION)) {
            throw new IllegalArgumentException("no error variant " + variant);
        }
        Handler target = ShopModel.FREQUENT_HANDLERS.get(random.nextInt(ShopModel.FREQUENT_HANDLERS.size()));
        String type;
        String wording;
        String helper;
        do {
            type = TYPES.get(random.nextInt(TYPES.size()));
            wording = wording(type, random);
            helper = HELPERS.get(random.nextInt(HELPERS.size()));
        } while (!used.add(type + "|" + wording + "|" + target.service() + "|" + helper));
        String logic = target.className().replaceAll("(Resource|Gateway)$", "") + "Service";
        String simple = logic.substring(logic.lastIndexOf('.') + 1);
        int line = 40 + random.nextInt(400);
        String message = wording.replace("#", String.valueOf(1000 + random.nextInt(90_000)));
        String stacktrace = type + ": " + message
                + "\n\tat " + logic + "." + helper + "(" + simple + ".java:" + line + ")"
                + "\n\tat " + logic + "." + target.function() + "(" + simple + ".java:" + (line / 2 + 7) + ")"
                + "\n\tat " + target.className() + "." + target.function() + "(" + target.simpleClassName() + ".java:"
                + (20 + random.nextInt(60)) + ")";
        detail.put("exceptionType", type);
        detail.put("message", message);
        detail.put("topFrame", logic + "." + helper);
        detail.put("rate", rate);
        Deployment.Release release = ShopModel.RELEASABLE.contains(target.service())
                ? Deployment.Release.of(target.service(), deployment.nextVersion(target.service())) : null;
        return new ErrorFault(variant, target, rate, null, type, message, stacktrace, release, detail);
    }

    /** A message for the exception type; {@code #} stands for an id. */
    private static String wording(String type, RandomGenerator random) {
        String noun = NOUNS.get(random.nextInt(NOUNS.size()));
        String other = NOUNS.get(random.nextInt(NOUNS.size()));
        return switch (type.substring(type.lastIndexOf('.') + 1)) {
            case "IllegalStateException" -> noun + " # is " + STATES.get(random.nextInt(STATES.size()))
                    + " and cannot take a " + other;
            case "NullPointerException" -> "Cannot read field \"" + other + "\" because \"" + noun + "\" is null";
            case "ArithmeticException" -> "Division by zero while pricing " + noun + " per " + other;
            case "IndexOutOfBoundsException" -> "Index # out of bounds for " + noun + " list";
            case "NoSuchElementException" -> "No " + noun + " present for " + other + " #";
            case "IllegalArgumentException" -> noun + " must not exceed the " + other + " limit";
            case "ClassCastException" -> "class com.shop." + noun.toLowerCase(Locale.ROOT) + ".Legacy"
                    + Character.toUpperCase(other.charAt(0)) + other.substring(1) + " cannot be cast to a " + noun;
            default -> "collection of " + noun + " entries changed while reading " + other + " entries";
        };
    }

    @Override
    public InjectedError error(Handler handler, RandomGenerator random) {
        if (known != null || !handler.equals(target) || random.nextDouble() >= rate) {
            return null;
        }
        return new InjectedError(type, message, stacktrace);
    }

    @Override
    public double knownErrorRate(ShopModel.KnownError error) {
        return error.equals(known) ? rate : error.rate();
    }
}
