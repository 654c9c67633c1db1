package dev.selfheal.workload.faults;

import dev.selfheal.workload.shop.Deployment;
import dev.selfheal.workload.shop.Handler;
import dev.selfheal.workload.shop.ShopModel;
import dev.selfheal.workload.shop.ShopModel.StateKey;
import dev.selfheal.workload.shop.ShopModel.StateType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A new version of a handler writes state its invariants forbid, in 20 to 60% of its writes of one key: a
 * negative amount or count ({@code negative-value}), a value an enumeration never takes ({@code unseen-value}),
 * or {@code "null"} where a value was always present ({@code null-value}, what {@code String.valueOf} of a
 * missing field reports).
 */
final class StateFault extends Fault {

    static final String NEGATIVE = "negative-value";
    static final String UNSEEN = "unseen-value";
    static final String NULL = "null-value";
    static final List<String> VARIANTS = List.of(NEGATIVE, UNSEEN, NULL);

    private static final Map<String, List<String>> UNSEEN_VALUES = Map.of(
            ShopModel.ORDER_STATUS.key(), List.of("ON_HOLD", "PENDING_REVIEW", "SHIPPED_PARTIALLY", "UNKNOWN"),
            ShopModel.PAYMENT_STATUS.key(), List.of("AUTHORIZED_PENDING", "VOIDED", "CHARGEBACK"),
            ShopModel.SHIPMENT_CARRIER.key(), List.of("FEDEX", "GLS", "POSTNL"));

    private final String variant;
    private final Handler writer;
    private final StateKey key;
    private final double share;
    private final String unseen;

    private StateFault(String variant, StateKey key, double share, String unseen, Deployment.Release release,
            Map<String, Object> detail) {
        super(FaultKind.STATE, variant, key.writer().service(), key.writer(), null, key.key(), release, detail);
        this.variant = variant;
        this.writer = key.writer();
        this.key = key;
        this.share = share;
        this.unseen = unseen;
    }

    static StateFault create(String variant, RandomGenerator random, Deployment deployment) {
        List<StateKey> eligible = switch (variant) {
            case NEGATIVE -> ShopModel.STATE_KEYS.stream().filter(k -> k.type() != StateType.ENUMERATION).toList();
            case UNSEEN -> ShopModel.STATE_KEYS.stream().filter(k -> k.type() == StateType.ENUMERATION).toList();
            case NULL -> ShopModel.STATE_KEYS;
            default -> throw new IllegalArgumentException("no state variant " + variant);
        };
        StateKey key = eligible.get(random.nextInt(eligible.size()));
        double share = round(0.2 + 0.4 * random.nextDouble(), 2);
        Map<String, Object> detail = new LinkedHashMap<>();
        String unseen = null;
        if (variant.equals(UNSEEN)) {
            List<String> values = UNSEEN_VALUES.get(key.key());
            unseen = values.get(random.nextInt(values.size()));
            detail.put("value", unseen);
        }
        detail.put("share", share);
        String service = key.writer().service();
        return new StateFault(variant, key, share, unseen,
                Deployment.Release.of(service, deployment.nextVersion(service)), detail);
    }

    @Override
    public Object stateValue(Handler handler, StateKey written, Object normal, RandomGenerator random) {
        if (!handler.equals(writer) || !written.equals(key) || random.nextDouble() >= share) {
            return normal;
        }
        return switch (variant) {
            case NEGATIVE -> normal instanceof Double d ? -Math.max(0.01, Math.abs(d))
                    : Long.valueOf(-1 - Math.abs(((Number) normal).longValue()));
            case UNSEEN -> unseen;
            default -> "null";
        };
    }
}
