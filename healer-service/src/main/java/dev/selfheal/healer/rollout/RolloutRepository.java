package dev.selfheal.healer.rollout;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RolloutRepository implements PanacheRepositoryBase<RolloutRecord, String> {
}
