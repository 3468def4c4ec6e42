package io.thermalwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleBookTest {

    @TempDir
    Path dir;

    @Test
    void theShippedDefaultsLoadAndEveryRuleIsConsistent() {
        RuleBook book = RuleBook.defaults();
        assertThat(book.ids()).contains("gpu-slowdown-margin", "gpu-slowdown-forecast", "gpu-peer-outlier",
                "coolant-leak", "coolant-flow-low", "rack-power-budget", "rack-heat-balance", "telemetry-stale");
        RuleSpec margin = book.rule("gpu-slowdown-margin");
        assertThat(margin.thresholds()).isEqualTo(new Thresholds(Thresholds.Direction.BELOW, 8.0, 10.0, 3.0, 5.0));
        assertThat(margin.lifecycle()).isEqualTo(new Lifecycle(10_000, 5_000, 30_000, 600_000, 4));
        assertThat(margin.runbookUrl()).endsWith("docs/alerts.md#gpu-slowdown-margin");
        RuleSpec leak = book.rule("coolant-leak");
        assertThat(leak.lifecycle().criticalForMs()).as("a leak fires on its first sample").isZero();
        assertThat(leak.lifecycle().keepFiringForMs()).isEqualTo(300_000);
        assertThat(book.rule("gpu-peer-outlier").param("powerBandPct")).isEqualTo(15.0);
    }

    @Test
    void anOperatorFileOverridesKeyByKeyAndKeepsTheHysteresisGap() throws Exception {
        Path file = write("""
                defaults:
                  keepFiringFor: 1m
                rules:
                  gpu-slowdown-margin:
                    warning: 12
                    for: 30s
                  rack-heat-balance:
                    enabled: false
                  gpu-peer-outlier:
                    params:
                      powerBandPct: 10
                      minPeers: 4
                """);
        RuleBook book = RuleBook.load(file);
        RuleSpec margin = book.rule("gpu-slowdown-margin");
        assertThat(margin.thresholds().warning()).isEqualTo(12.0);
        assertThat(margin.thresholds().warningClear()).as("default gap of 2 °C kept").isEqualTo(14.0);
        assertThat(margin.thresholds().critical()).isEqualTo(3.0);
        assertThat(margin.lifecycle().warningForMs()).isEqualTo(30_000);
        assertThat(margin.lifecycle().keepFiringForMs()).isEqualTo(60_000);
        assertThat(book.rule("coolant-leak").lifecycle().keepFiringForMs()).as("a rule's own value beats the defaults")
                .isEqualTo(300_000);
        assertThat(book.rule("rack-heat-balance").enabled()).isFalse();
        assertThat(book.rule("gpu-peer-outlier").param("powerBandPct")).isEqualTo(10.0);
    }

    @Test
    void aSeverityCanBeTurnedOff() throws Exception {
        RuleBook book = RuleBook.load(write("rules:\n  gpu-hbm-margin:\n    warning: off\n"));
        assertThat(book.rule("gpu-hbm-margin").thresholds().warning()).isNull();
        assertThat(book.rule("gpu-hbm-margin").thresholds().level(4.0, null)).isNull();
        assertThat(book.rule("gpu-hbm-margin").thresholds().level(2.0, null)).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void mistakesAreRefusedNamingRuleAndKey() throws Exception {
        assertThatThrownBy(() -> RuleBook.load(write("rules:\n  gpu-slowdown-margn:\n    warning: 9\n")))
                .hasMessageContaining("unknown rule 'gpu-slowdown-margn'")
                .hasMessageContaining("did you mean 'gpu-slowdown-margin'");
        assertThatThrownBy(() -> RuleBook.load(write("rules:\n  coolant-leak:\n    criticalfor: 1s\n")))
                .hasMessageContaining("rule coolant-leak: unknown key 'criticalfor'")
                .hasMessageContaining("did you mean 'criticalFor'");
        assertThatThrownBy(() -> RuleBook.load(write("rules:\n  coolant-leak:\n    keepFiringFor: 5 minutes\n")))
                .hasMessageContaining("alert rule coolant-leak: keepFiringFor must be a duration");
        assertThatThrownBy(() -> RuleBook.load(write("rules:\n  gpu-slowdown-margin:\n    critical: 20\n")))
                .hasMessageContaining("alert rule gpu-slowdown-margin")
                .hasMessageContaining("critical threshold 20.0 must be at least as bad");
        assertThatThrownBy(() -> RuleBook.load(write("rules:\n  gpu-slowdown-margin:\n    warning: hot\n")))
                .hasMessageContaining("warning must be a number, was 'hot'");
        assertThatThrownBy(() -> RuleBook.load(write("rules:\n  coolant-leak:\n    for: 1s\n    for: 2s\n")))
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> RuleBook.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("cannot read the alert rule file");
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "rules", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
