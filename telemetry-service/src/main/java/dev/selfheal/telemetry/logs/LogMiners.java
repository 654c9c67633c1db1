package dev.selfheal.telemetry.logs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link ServiceMiner} per service, shared by {@code POST /api/logs} and OTLP {@code /v1/logs}. */
@ApplicationScoped
public class LogMiners {

    private final Map<String, ServiceMiner> byService = new ConcurrentHashMap<>();

    public ServiceMiner of(String service) {
        return byService.computeIfAbsent(service, s -> new ServiceMiner());
    }
}
