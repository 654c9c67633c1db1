package dev.selfheal.detection.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowModelTest {

    private static List<String> flow(String steps) {
        return steps.isBlank() ? List.of() : Arrays.asList(steps.split(" "));
    }

    private static FlowModel learn(SupportPolicy policy, Object... timesAndFlows) {
        FlowLearner learner = new FlowLearner();
        for (int i = 0; i < timesAndFlows.length; i += 2) {
            for (int n = 0; n < (Integer) timesAndFlows[i]; n++) {
                learner.observe(flow((String) timesAndFlows[i + 1]));
            }
        }
        return learner.learn(policy);
    }

    private static List<ViolationKind> kinds(FlowVerdict verdict) {
        return verdict.violations().stream().map(Violation::kind).toList();
    }

    @Test
    void aLearntFlowIsNormal() {
        FlowModel model = learn(SupportPolicy.DEFAULT, 20, "A B C");

        FlowVerdict verdict = model.judge(flow("A B C"));

        assertThat(verdict.anomalous()).isFalse();
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.score()).isZero();
    }

    @Test
    void unseenTransitionIsFlaggedWhereItOccurs() {
        FlowModel model = learn(SupportPolicy.DEFAULT, 20, "A B C", 20, "A B B C");

        FlowVerdict verdict = model.judge(flow("A B C C"));

        assertThat(verdict.anomalous()).isTrue();
        assertThat(verdict.violations()).contains(new Violation(ViolationKind.UNSEEN_TRANSITION, "C->C", 4));
        assertThat(verdict.firstViolationAt()).hasValue(4);
    }

    @Test
    void unseenStepIsFlaggedAndItsTransitionsAreNotReportedTwice() {
        FlowModel model = learn(SupportPolicy.DEFAULT, 20, "A B C");

        FlowVerdict verdict = model.judge(flow("A B X C"));

        // A->X and X->C are not reported on top of the unseen step X
        assertThat(kinds(verdict)).containsExactly(ViolationKind.UNSEEN_STEP, ViolationKind.UNSEEN_VARIANT);
        assertThat(verdict.violations().get(0)).isEqualTo(new Violation(ViolationKind.UNSEEN_STEP, "X", 3));
    }

    @Test
    void countInvariantViolationIsFlaggedWhenEveryTransitionIsKnown() {
        // every B has its C, in either interleaving; all transitions of "A B C C" occur in these flows
        FlowModel model = learn(SupportPolicy.DEFAULT, 20, "A B C B C", 20, "A B B C C");
        assertThat(model.invariants()).contains(new CountInvariant("B", "C", 1, 1));

        FlowVerdict verdict = model.judge(flow("A B C C"));

        // no unseen step or transition: only counts (B = C, and one A per two Bs) and the variant
        assertThat(kinds(verdict)).containsOnly(ViolationKind.COUNT_INVARIANT, ViolationKind.UNSEEN_VARIANT);
        assertThat(verdict.anomalous()).isTrue();
        assertThat(verdict.violations()).extracting(Violation::detail).contains("1·count(B) = 1·count(C)");
    }

    @Test
    void ratioInvariantIsLearnt() {
        FlowModel model = learn(SupportPolicy.DEFAULT, 20, "A R R R", 20, "R A R R");

        assertThat(model.invariants()).containsExactly(new CountInvariant("A", "R", 1, 3));
        assertThat(kinds(model.judge(flow("A R R")))).contains(ViolationKind.COUNT_INVARIANT);
    }

    @Test
    void missingAndReorderedStepsAreFlagged() {
        FlowModel model = learn(SupportPolicy.DEFAULT, 20, "A B C", 20, "A B B C");

        assertThat(model.judge(flow("A B")).violations())
                .contains(new Violation(ViolationKind.MISSING_STEP, "C", 2));
        assertThat(model.judge(flow("B A C")).violations())
                .contains(new Violation(ViolationKind.REORDERED, "A before B expected", 2));
    }

    @Test
    void anUnseenVariantOfKnownTransitionsIsReportedButNotAnomalous() {
        FlowModel model = learn(SupportPolicy.DEFAULT, 20, "A B C", 20, "A B B C");

        FlowVerdict verdict = model.judge(flow("A B B B C"));

        assertThat(kinds(verdict)).containsExactly(ViolationKind.UNSEEN_VARIANT);
        assertThat(verdict.anomalous()).isFalse();
        assertThat(verdict.score()).isEqualTo(0.1);
        assertThat(verdict.firstViolationAt()).isEmpty();
    }

    @Test
    void rareContaminationDoesNotBecomeNormal() {
        // 2,000 normal sessions and 2 with a failing step: below the default support (3 sessions), so still flagged
        FlowModel model = learn(SupportPolicy.DEFAULT, 2000, "A B C", 2, "A X C");
        assertThat(model.steps()).containsExactly("A", "B", "C");
        assertThat(model.judge(flow("A X C")).anomalous()).isTrue();

        // 1% of contaminated traffic: the default's 1-in-1,000 would accept it, a 2% support does not
        FlowModel onePercent = learn(new SupportPolicy(0.02, 3, 0.95), 1000, "A B C", 10, "A X C");
        assertThat(onePercent.judge(flow("A X C")).violations())
                .contains(new Violation(ViolationKind.UNSEEN_STEP, "X", 2));

        // without a support threshold the same contamination would have been learnt as normal
        FlowModel noSupport = learn(new SupportPolicy(0, 1, 0.95), 1000, "A B C", 10, "A X C");
        assertThat(noSupport.steps()).contains("X");
        assertThat(kinds(noSupport.judge(flow("A X C")))).doesNotContain(ViolationKind.UNSEEN_STEP);
    }

    @Test
    void invariantsAndRequiredStepsSurviveContamination() {
        // 3% of the sessions lose their C: the rules still hold in more than 95% of sessions, so they are learnt
        FlowModel model = learn(SupportPolicy.DEFAULT, 970, "A B C", 30, "A B");

        assertThat(model.invariants()).contains(new CountInvariant("B", "C", 1, 1));
        assertThat(model.requiredSteps()).contains("C");
        assertThat(kinds(model.judge(flow("A B"))))
                .contains(ViolationKind.MISSING_STEP, ViolationKind.COUNT_INVARIANT);
    }

    @Test
    void theModelDoesNotDependOnTheOrderSessionsArrive() {
        List<List<String>> sessions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sessions.add(flow("A B C"));
            sessions.add(flow("A C B"));
            sessions.add(flow("A B B C C D"));
        }
        sessions.add(flow("A X"));
        List<List<String>> shuffled = new ArrayList<>(sessions);
        Collections.shuffle(shuffled, new Random(7));
        FlowModel first = learnAll(sessions);
        FlowModel second = learnAll(shuffled);

        assertThat(second.steps()).containsExactlyElementsOf(first.steps());
        assertThat(second.transitions()).containsExactlyElementsOf(first.transitions());
        assertThat(second.invariants()).containsExactlyElementsOf(first.invariants());
        assertThat(second.precedences()).containsExactlyElementsOf(first.precedences());
        assertThat(second.variants()).isEqualTo(first.variants());
        for (String judged : List.of("A X", "A C C B", "D A B C", "A B C")) {
            assertThat(second.judge(flow(judged))).isEqualTo(first.judge(flow(judged)));
        }
    }

    private static FlowModel learnAll(List<List<String>> sessions) {
        FlowLearner learner = new FlowLearner();
        sessions.forEach(learner::observe);
        return learner.learn(SupportPolicy.DEFAULT);
    }
}
