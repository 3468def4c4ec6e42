package io.thermalwatch.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thermalwatch.api.problem.ProblemException;
import org.junit.jupiter.api.Test;

class HistoryRangeTest {

    private static final long NOW = 1_795_824_000_000L;
    private static final long DAY = 86_400_000L;

    @Test
    void defaultsToTheLastHourInMinutesFromRawPoints() {
        HistoryRange r = HistoryRange.parse(null, null, null, NOW);
        assertThat(r).isEqualTo(new HistoryRange(NOW - 3_600_000, NOW, 60_000, false));
        assertThat(r.points()).isEqualTo(60);
        assertThat(r.retentionPolicy()).isEqualTo("raw");
    }

    @Test
    void readsTheDownsamplesForWholeMinuteStepsOverLongOrOldRanges() {
        assertThat(HistoryRange.parse(Long.toString(NOW - 2 * DAY), null, "1h", NOW).retentionPolicy()).isEqualTo("one_minute");
        assertThat(HistoryRange.parse(Long.toString(NOW - 8 * DAY), Long.toString(NOW - 8 * DAY + 3_600_000), "PT1M", NOW)
                .retentionPolicy()).isEqualTo("one_minute");
        // a day or less, recent: raw even with a whole-minute step
        assertThat(HistoryRange.parse(Long.toString(NOW - DAY), null, "5m", NOW).retentionPolicy()).isEqualTo("raw");
        // a long range with a step that is not whole minutes: raw (it is recent)
        assertThat(HistoryRange.parse(Long.toString(NOW - 2 * DAY), null, "90s", NOW).retentionPolicy()).isEqualTo("raw");
    }

    @Test
    void acceptsIsoAndEpochMillis() {
        HistoryRange r = HistoryRange.parse("2026-11-27T23:00:00Z", "1795824000000", "10s", NOW);
        assertThat(r.fromMs()).isEqualTo(NOW - 3_600_000);
        assertThat(r.stepMs()).isEqualTo(10_000);
        assertThat(HistoryRange.parse("2026-11-28T00:30:00+01:00", null, "1m", NOW).fromMs()).isEqualTo(NOW - 1_800_000);
    }

    @Test
    void refusesNamingTheParameter() {
        assertRefused("1", "1", null, "from");
        // the default from (to − 1 h) would be before 1970: found by ApiFuzzIT, a 500 until then
        assertRefused(null, "0", null, "to");
        assertRefused(null, "3599999", null, "to");
        assertThat(HistoryRange.parse(null, "3600000", null, NOW).fromMs()).isZero();
        assertRefused(Long.toString(NOW - 401 * DAY), null, "1d", "from");
        assertRefused(Long.toString(NOW - DAY), null, "8s", "step"); // 10,800 points
        assertRefused(null, null, "999ms", "step");
        assertRefused(null, null, "401d", "step");
        assertRefused(Long.toString(NOW - 8 * DAY), Long.toString(NOW - 7 * DAY - 1), "10s", "step"); // raw is gone
        assertRefused("-5", null, null, "from");
        assertRefused(null, "9999999999999999", null, "to");
        assertRefused(null, null, "1 m", "step");
    }

    private static void assertRefused(String from, String to, String step, String parameter) {
        assertThatThrownBy(() -> HistoryRange.parse(from, to, step, NOW)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type()).isEqualTo("urn:thermalwatch:problem:invalid-" + parameter));
    }
}
