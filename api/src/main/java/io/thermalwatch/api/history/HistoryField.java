package io.thermalwatch.api.history;

import io.thermalwatch.api.problem.ProblemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The fields a history request may ask for: the allow-list that is the only way a field name gets
 * into a query (field names cannot be bound parameters). Each has its unit and the aggregate that
 * folds it into one value per step: a maximum stays a maximum ({@code maxGpuTempC}), a minimum a
 * minimum ({@code minSlowdownMarginC}), everything else is a mean. Over the {@code one_minute}
 * policy the same aggregate reads the downsample's matching column ({@code max(max_maxGpuTempC)}),
 * so a maximum is exact at any step; a mean over it is the mean of the minute means.
 */
public enum HistoryField {
    RACK_TOTAL_POWER(Kind.RACK, "totalPowerW", "W", "mean", true),
    RACK_MEAN_GPU_TEMP(Kind.RACK, "meanGpuTempC", "°C", "mean", false),
    RACK_MAX_GPU_TEMP(Kind.RACK, "maxGpuTempC", "°C", "max", true),
    RACK_MAX_HBM_TEMP(Kind.RACK, "maxHbmTempC", "°C", "max", false),
    RACK_MIN_SLOWDOWN_MARGIN(Kind.RACK, "minSlowdownMarginC", "°C", "min", true),
    RACK_GPUS_REPORTING(Kind.RACK, "gpusReporting", "GPUs", "mean", false),
    RACK_THROTTLED(Kind.RACK, "thermalThrottledGpus", "GPUs", "max", false),
    RACK_POWER_BUDGET_PCT(Kind.RACK, "powerBudgetPct", "%", "mean", false),
    RACK_SUPPLY_TEMP(Kind.RACK, "supplyTempC", "°C", "mean", false),
    RACK_RETURN_TEMP(Kind.RACK, "returnTempC", "°C", "mean", false),
    RACK_FLOW(Kind.RACK, "flowLpm", "L/min", "mean", false),
    RACK_HEAT_REMOVED(Kind.RACK, "heatRemovedKw", "kW", "mean", false),
    RACK_CAPTURE_RATIO(Kind.RACK, "captureRatio", "ratio", "mean", false),
    GPU_POWER(Kind.GPU, "powerW", "W", "mean", true),
    GPU_TEMP(Kind.GPU, "gpuTempC", "°C", "mean", true),
    GPU_HBM_TEMP(Kind.GPU, "hbmTempC", "°C", "mean", true),
    GPU_SM_CLOCK(Kind.GPU, "smClockMhz", "MHz", "mean", false),
    GPU_UTILIZATION(Kind.GPU, "utilizationPct", "%", "mean", false),
    GPU_POWER_LIMIT(Kind.GPU, "powerLimitW", "W", "mean", false),
    GPU_MODULE_POWER(Kind.GPU, "modulePowerW", "W", "mean", false);

    /** Which measurement a field is read from. */
    public enum Kind {
        RACK("rack"), GPU("gpu");

        private final String measurement;

        Kind(String measurement) {
            this.measurement = measurement;
        }

        public String measurement() {
            return measurement;
        }
    }

    /** The most fields one request may name. */
    public static final int MAX_FIELDS = values().length;

    private final Kind kind;
    private final String field;
    private final String unit;
    private final String aggregate;
    private final boolean byDefault;

    HistoryField(Kind kind, String field, String unit, String aggregate, boolean byDefault) {
        this.kind = kind;
        this.field = field;
        this.unit = unit;
        this.aggregate = aggregate;
        this.byDefault = byDefault;
    }

    /** The field's name in InfluxDB and in responses (the wire name, unit in the name). */
    public String field() {
        return field;
    }

    public String unit() {
        return unit;
    }

    /** {@code mean}, {@code min} or {@code max}: how a step folds the field's points. */
    public String aggregate() {
        return aggregate;
    }

    /** The select expression: over raw points {@code max("maxGpuTempC")}, over downsamples {@code max("max_maxGpuTempC")}. */
    String select(boolean downsampled) {
        String column = downsampled ? aggregate + "_" + field : field;
        return aggregate + "(\"" + column + "\") AS \"" + field + "\"";
    }

    /** The names {@code kind} allows, for error messages and docs. */
    public static List<String> names(Kind kind) {
        return Arrays.stream(values()).filter(f -> f.kind == kind).map(HistoryField::field).toList();
    }

    /**
     * The fields {@code fields} names (comma-separated wire names), or the defaults when absent.
     *
     * @throws ProblemException 400 naming {@code fields} for an unknown or repeated name, or too many
     */
    public static List<HistoryField> parse(Kind kind, String fields) {
        if (fields == null) {
            return Arrays.stream(values()).filter(f -> f.kind == kind && f.byDefault).toList();
        }
        if (fields.length() > 1_000) {
            throw invalid(kind, "fields is at most 1000 characters");
        }
        LinkedHashSet<HistoryField> chosen = new LinkedHashSet<>();
        for (String name : fields.split(",", -1)) {
            HistoryField match = Arrays.stream(values()).filter(f -> f.kind == kind && f.field.equals(name.strip()))
                    .findFirst().orElseThrow(() -> invalid(kind, "unknown field '" + clip(name) + "'"));
            if (!chosen.add(match)) {
                throw invalid(kind, "field '" + match.field + "' is named twice");
            }
        }
        return new ArrayList<>(chosen);
    }

    private static ProblemException invalid(Kind kind, String why) {
        return HistoryRange.invalid("fields", why + "; " + kind.name().toLowerCase(Locale.ROOT)
                + " fields are " + String.join(", ", names(kind)));
    }

    /** At most 64 characters of request text, for an error message. */
    static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
