package dev.selfheal.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void invalidNamesTheFirstFieldAndCountsTheRest() {
        ProblemException e = ProblemException.invalid(List.of(
                new FieldError("[1].spanId", "must be 16 hex digits"),
                new FieldError("[1].handler", "is required"),
                new FieldError("[4].status", "must be OK or ERROR")));

        assertThat(e.kind()).isEqualTo(ProblemKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("[1].spanId: must be 16 hex digits (and 2 more)");
        assertThat(e.errors()).hasSize(3);
    }

    @Test
    void problemCarriesKindStatusAndTypeUri() {
        Problem problem = Problem.of(ProblemKind.CONFLICT, "fix f1 is already APPROVED", List.of());

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).isEqualTo("https://selfheal.dev/problems/conflict");
        assertThat(problem.title()).isEqualTo("Conflict with the current state");
    }

    @Test
    void unavailableAdvisesWhenToRetry() {
        ProblemException e = ProblemException.unavailable("broker away", Duration.ofSeconds(5), new RuntimeException());

        assertThat(e.kind().status()).isEqualTo(503);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(ProblemException.notFound("x").retryAfter()).isEmpty();
    }

    @Test
    void frameworkStatusesMapToKinds() {
        assertThat(ProblemKind.forStatus(415)).isEqualTo(ProblemKind.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ProblemKind.forStatus(405)).isEqualTo(ProblemKind.METHOD_NOT_ALLOWED);
        assertThat(ProblemKind.forStatus(418)).isEqualTo(ProblemKind.INVALID_REQUEST);
        assertThat(ProblemKind.forStatus(502)).isEqualTo(ProblemKind.INTERNAL);
    }
}
