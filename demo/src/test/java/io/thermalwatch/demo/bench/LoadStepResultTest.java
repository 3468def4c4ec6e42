package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadStepResultTest {

    private static LoadStep.Result result(long startDelayMs, int expected, int readable, int complete, int fresh) {
        return new LoadStep.Result(36_000, 500, 36_000, startDelayMs, expected, readable, complete, fresh, 0,
                new long[] {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, 0, null);
    }

    @Test
    void keptUpOnlyWhenEveryWindowIsReadableCompleteAndFreshAndThePaceHeld() {
        assertThat(result(0, 500, 500, 500, 500).keptUp()).isTrue();
        assertThat(result(LoadStep.PACE_SLACK_MS, 500, 500, 500, 500).keptUp()).isTrue();
        assertThat(result(LoadStep.PACE_SLACK_MS + 1, 500, 500, 500, 500).keptUp()).as("producer behind").isFalse();
        assertThat(result(0, 500, 499, 499, 499).keptUp()).as("a window missing").isFalse();
        assertThat(result(0, 500, 500, 499, 500).keptUp()).as("a window incomplete").isFalse();
        assertThat(result(0, 500, 500, 500, 499).keptUp()).as("a window late").isFalse();
        assertThat(result(0, 0, 0, 0, 0).keptUp()).as("nothing to judge").isFalse();
    }

    @Test
    void quantilesAreNearestRank() {
        LoadStep.Result r = result(0, 1, 1, 1, 1);
        assertThat(r.latencyQuantileMs(0.5)).isEqualTo(50);
        assertThat(r.latencyQuantileMs(0.99)).isEqualTo(100);
        assertThat(r.latencyQuantileMs(1.0)).isEqualTo(100);
        assertThat(new LoadStep.Result(1, 1, 1, 0, 0, 0, 0, 0, 0, new long[0], 0, null).latencyQuantileMs(0.5)).isEqualTo(-1);
    }
}
