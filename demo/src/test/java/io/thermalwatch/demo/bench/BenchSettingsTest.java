package io.thermalwatch.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.model.EnvSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void defaultsMeasureAThousandRacksAndTheLadderUpTo300k() {
        BenchSettings s = BenchSettings.fromEnv(new EnvSettings(Map.of()));
        assertThat(s.racks()).isEqualTo(1000);
        assertThat(s.stepSeconds()).isEqualTo(40);
        assertThat(s.loads()).containsExactly(36_000, 72_000, 150_000, 300_000);
        assertThat(s.report()).isEqualTo(Path.of("docs/benchmarks.md"));
        assertThat(s.settleSeconds()).isEqualTo(65);
        assertThat(s.scalingPartitions()).containsExactly(4, 12, 24);
        assertThat(s.apiSeconds()).isEqualTo(20);
        assertThat(s.command()).isEqualTo("TW_BENCH_RACKS=1000 TW_BENCH_SECONDS=40 TW_BENCH_LOADS=36000,72000,150000,300000 bin/benchmark");
    }

    @Test
    void aSettleTimeOtherThanTheDefaultIsInTheCommand() {
        BenchSettings s = BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_SETTLE_SECONDS", "0")));
        assertThat(s.settleSeconds()).isZero();
        assertThat(s.command()).endsWith("TW_BENCH_SETTLE_SECONDS=0 bin/benchmark");
        assertThatThrownBy(() -> BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_SETTLE_SECONDS", "301"))))
                .hasMessageContaining("TW_BENCH_SETTLE_SECONDS").hasMessageContaining("0..300");
    }

    @Test
    void loadsMustBeAscendingNumbersNamingTheVariable() {
        assertThatThrownBy(() -> BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_LOADS", "72000,36000"))))
                .hasMessageContaining("TW_BENCH_LOADS").hasMessageContaining("'36000'");
        assertThatThrownBy(() -> BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_LOADS", "lots"))))
                .hasMessageContaining("TW_BENCH_LOADS");
    }

    @Test
    void aStepTooShortToCloseAWindowIsRefused() {
        assertThatThrownBy(() -> BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_SECONDS", "17"))))
                .hasMessageContaining("TW_BENCH_SECONDS").hasMessageContaining("18..600");
    }

    @Test
    void theScalingTableTakesAscendingPartitionCountsOrNone() {
        BenchSettings four = BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_SCALING_PARTITIONS", "4")));
        assertThat(four.scalingPartitions()).containsExactly(4);
        assertThat(four.command()).endsWith("TW_BENCH_SCALING_PARTITIONS=4 bin/benchmark");
        BenchSettings none = BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_SCALING_PARTITIONS", "none")));
        assertThat(none.scalingPartitions()).isEmpty();
        assertThat(none.command()).endsWith("TW_BENCH_SCALING_PARTITIONS=none bin/benchmark");
        for (String bad : new String[] {"12,4", "0", "257", "four", "4,,12"}) {
            assertThatThrownBy(() -> BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_SCALING_PARTITIONS", bad))))
                    .as(bad).hasMessageContaining("TW_BENCH_SCALING_PARTITIONS");
        }
    }

    @Test
    void anApiMeasurementOtherThanTheDefaultIsInTheCommand() {
        BenchSettings s = BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_API_SECONDS", "4")));
        assertThat(s.apiSeconds()).isEqualTo(4);
        assertThat(s.command()).endsWith("TW_BENCH_API_SECONDS=4 bin/benchmark");
        assertThatThrownBy(() -> BenchSettings.fromEnv(new EnvSettings(Map.of("TW_BENCH_API_SECONDS", "1"))))
                .hasMessageContaining("TW_BENCH_API_SECONDS");
    }
}
