package io.thermalwatch.streams.alert;

import static io.thermalwatch.streams.alert.Severity.CRITICAL;
import static io.thermalwatch.streams.alert.Severity.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.thermalwatch.streams.alert.Transition.Kind;
import org.junit.jupiter.api.Test;

class AlertStateTest {

    /** warning for 10 s, critical for 2 s, keep firing 5 s, damped after 3 firings within 60 s. */
    private final Lifecycle policy = new Lifecycle(10_000, 2_000, 5_000, 60_000, 3);
    private final AlertState state = new AlertState();

    @Test
    void aWarningFiresOnlyOnceItsForHasElapsed() {
        assertThat(state.evaluate(WARNING, 1_000, policy)).isNull();
        assertThat(state.evaluate(WARNING, 10_999, policy)).as("for not yet met").isNull();
        Transition fired = state.evaluate(WARNING, 11_000, policy);
        assertThat(fired).isEqualTo(new Transition(Kind.FIRING, WARNING, 1_000, 0));
        assertThat(state.evaluate(WARNING, 12_000, policy)).as("state changes only").isNull();
    }

    @Test
    void aBreachThatClearsBeforeItsForNeverFires() {
        state.evaluate(WARNING, 0, policy);
        assertThat(state.evaluate(null, 9_000, policy)).isNull();
        assertThat(state.evaluate(WARNING, 10_000, policy)).as("the for restarts").isNull();
        assertThat(state.evaluate(WARNING, 19_999, policy)).isNull();
        assertThat(state.evaluate(WARNING, 20_000, policy).kind()).isEqualTo(Kind.FIRING);
    }

    @Test
    void criticalFiresAfterItsOwnShorterFor() {
        assertThat(state.evaluate(CRITICAL, 0, policy)).isNull();
        assertThat(state.evaluate(CRITICAL, 2_000, policy)).isEqualTo(new Transition(Kind.FIRING, CRITICAL, 0, 0));
    }

    @Test
    void aZeroForFiresOnTheFirstSample() {
        Lifecycle leak = new Lifecycle(0, 0, 0, 0, 2);
        assertThat(state.evaluate(CRITICAL, 5, leak)).isEqualTo(new Transition(Kind.FIRING, CRITICAL, 5, 0));
    }

    @Test
    void escalatesAfterTheCriticalForAndDeescalatesAtOnce() {
        state.evaluate(WARNING, 0, policy);
        state.evaluate(WARNING, 10_000, policy);
        assertThat(state.evaluate(CRITICAL, 11_000, policy)).as("critical for not met").isNull();
        assertThat(state.evaluate(CRITICAL, 13_000, policy))
                .isEqualTo(new Transition(Kind.SEVERITY_CHANGED, CRITICAL, 0, 0));
        assertThat(state.evaluate(WARNING, 14_000, policy))
                .isEqualTo(new Transition(Kind.SEVERITY_CHANGED, WARNING, 0, 0));
    }

    @Test
    void resolvesOnlyAfterKeepFiringFor() {
        state.evaluate(CRITICAL, 0, policy);
        state.evaluate(CRITICAL, 2_000, policy);
        assertThat(state.evaluate(null, 3_000, policy)).isNull();
        assertThat(state.evaluate(null, 7_999, policy)).as("keep-firing-for not over").isNull();
        assertThat(state.evaluate(null, 8_000, policy)).isEqualTo(new Transition(Kind.RESOLVED, CRITICAL, 0, 8_000));
        assertThat(state.idle()).isTrue();
    }

    @Test
    void aBriefDipDoesNotResolve() {
        state.evaluate(CRITICAL, 0, policy);
        state.evaluate(CRITICAL, 2_000, policy);
        assertThat(state.evaluate(null, 3_000, policy)).isNull();
        assertThat(state.evaluate(CRITICAL, 4_000, policy)).as("back before keep-firing-for ended").isNull();
        assertThat(state.evaluate(null, 5_000, policy)).isNull();
        assertThat(state.evaluate(null, 9_999, policy)).as("keep-firing-for restarted at 5 s").isNull();
        assertThat(state.evaluate(null, 10_000, policy).kind()).isEqualTo(Kind.RESOLVED);
    }

    @Test
    void aFlappingAlertIsHeldFiringForAWholeFlapWindow() {
        Lifecycle quick = new Lifecycle(0, 0, 1_000, 60_000, 3);
        long t = 0;
        for (int i = 0; i < 2; i++) {
            assertThat(state.evaluate(WARNING, t, quick).kind()).isEqualTo(Kind.FIRING);
            state.evaluate(null, t + 1_000, quick);
            assertThat(state.evaluate(null, t + 2_000, quick).kind()).as("not flapping yet").isEqualTo(Kind.RESOLVED);
            t += 10_000;
        }
        assertThat(state.evaluate(WARNING, t, quick).kind()).as("third firing within 60 s").isEqualTo(Kind.FIRING);
        state.evaluate(null, t + 1_000, quick);
        assertThat(state.evaluate(null, t + 2_000, quick)).as("damped: held firing").isNull();
        assertThat(state.evaluate(null, t + 60_999, quick)).isNull();
        assertThat(state.evaluate(null, t + 61_000, quick).kind()).isEqualTo(Kind.RESOLVED);
    }

    @Test
    void firingsOutsideTheFlapWindowDoNotDamp() {
        Lifecycle quick = new Lifecycle(0, 0, 1_000, 60_000, 3);
        long t = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(state.evaluate(WARNING, t, quick).kind()).isEqualTo(Kind.FIRING);
            state.evaluate(null, t + 1_000, quick);
            assertThat(state.evaluate(null, t + 2_000, quick)).as("firing %d, 40 s apart", i).isNotNull();
            t += 40_000;
        }
    }
}
