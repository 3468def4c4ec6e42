package io.thermalwatch.collector.smi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The T.Limit temperature of each GPU that {@code nvidia-smi -q -x} v13 shows only as a margin
 * ({@code gpu_temp_tlimit}), °C. T.Limit is a constant of the card, but nvidia-smi does not read
 * {@code gpu_temp} and the margin at the same instant: on a loaded, changing GPU their sum is off
 * by up to ~20 °C (a real H100 under a fluctuating 700 W load gave 97 for 87). So:
 * <ul>
 *   <li>an override for the GPU's model ({@code TW_SMI_TLIMIT_C}) wins;</li>
 *   <li>else an estimate {@code gpu_temp + margin} counts only from a steady tick: the GPU's
 *       temperature spread over its last {@value #STEADY_TICKS} ticks is at most 1 °C, and the
 *       XML's average and instant power agree (within 5 % of the power limit, at least 10 W);</li>
 *   <li>the published T.Limit is the mode of the steady estimates (ties: the lower, so alerts come
 *       early rather than late); until a steady estimate exists it is null, and so are the
 *       thresholds derived from it: never a wrong value.</li>
 * </ul>
 * Not thread-safe: one source's sampling thread uses it.
 */
public final class TLimitEstimator {

    private static final Logger LOG = LoggerFactory.getLogger(TLimitEstimator.class);
    /** How many consecutive ticks the temperature must hold still. */
    static final int STEADY_TICKS = 3;
    private static final double STEADY_SPREAD_C = 1.0;
    private static final double POWER_AGREE_FRACTION = 0.05;
    private static final double POWER_AGREE_MIN_W = 10.0;
    private static final int MAX_COUNT = 10_000;

    private final Map<String, Double> overrides;
    private final Map<String, Gpu> gpus = new HashMap<>();

    /** @param overrides T.Limit, °C, by model name as nvidia-smi prints it (case-insensitive) */
    public TLimitEstimator(Map<String, Double> overrides) {
        Map<String, Double> normalised = new HashMap<>();
        overrides.forEach((model, c) -> normalised.put(key(model), c));
        this.overrides = Map.copyOf(normalised);
    }

    private static String key(String model) {
        return model == null ? "" : model.trim().toLowerCase(Locale.ROOT);
    }

    /** One GPU's history. */
    private static final class Gpu {
        final Deque<Double> temps = new ArrayDeque<>();
        final TreeMap<Double, Integer> estimates = new TreeMap<>();
        Double published;
    }

    /** Feeds one tick's reading of a GPU; @return its T.Limit, °C, or null while unknown. */
    public Double observe(SmiGpu gpu) {
        if (gpu.tLimit() == null || gpu.uuid() == null) {
            return null;
        }
        Double override = overrides.get(key(gpu.productName()));
        if (override != null) {
            return override;
        }
        Gpu state = gpus.computeIfAbsent(gpu.uuid(), u -> new Gpu());
        if (gpu.gpuTempC() == null) {
            return state.published;
        }
        state.temps.addLast(gpu.gpuTempC());
        if (state.temps.size() > STEADY_TICKS) {
            state.temps.removeFirst();
        }
        if (steady(gpu, state)) {
            double estimate = gpu.gpuTempC() + gpu.tLimit().marginC();
            state.estimates.merge(estimate, 1, Integer::sum);
            if (state.estimates.get(estimate) > MAX_COUNT) {
                state.estimates.replaceAll((k, n) -> Math.max(1, n / 2)); // stays able to follow a changed card
            }
            Double mode = mode(state.estimates);
            if (!mode.equals(state.published)) {
                LOG.info("nvidia-smi: GPU {} ({}): T.Limit {} °C from {} steady ticks", gpu.uuid(), gpu.productName(),
                        mode, state.estimates.values().stream().mapToInt(Integer::intValue).sum());
                state.published = mode;
            }
        }
        return state.published;
    }

    private static boolean steady(SmiGpu gpu, Gpu state) {
        if (state.temps.size() < STEADY_TICKS) {
            return false;
        }
        double min = state.temps.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = state.temps.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (max - min > STEADY_SPREAD_C) {
            return false;
        }
        Double avg = gpu.averagePowerW();
        Double inst = gpu.instantPowerW();
        if (avg == null || inst == null) {
            return true; // nothing to compare: the temperature alone decides
        }
        double scale = gpu.powerLimitW() != null ? gpu.powerLimitW() : Math.max(avg, inst);
        return Math.abs(avg - inst) <= Math.max(POWER_AGREE_MIN_W, POWER_AGREE_FRACTION * scale);
    }

    private static Double mode(TreeMap<Double, Integer> counts) {
        Double best = null;
        int bestCount = 0;
        for (Map.Entry<Double, Integer> e : counts.entrySet()) { // ascending: a tie keeps the lower
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /**
     * Parses {@code TW_SMI_TLIMIT_C}: {@code MODEL=°C} pairs separated by {@code ;}, e.g.
     * {@code NVIDIA H100 80GB HBM3=87;NVIDIA RTX 4000 SFF Ada Generation=87}; °C in 40..150.
     *
     * @throws IllegalArgumentException naming the variable and the allowed form
     */
    public static Map<String, Double> parseOverrides(String value) {
        Map<String, Double> out = new HashMap<>();
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        for (String pair : value.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.lastIndexOf('=');
            String model = eq < 0 ? "" : pair.substring(0, eq).trim();
            Double c = null;
            try {
                c = eq < 0 ? null : Double.valueOf(pair.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (model.isEmpty() || c == null || !(c >= 40 && c <= 150)) {
                throw new IllegalArgumentException("TW_SMI_TLIMIT_C: '" + pair.trim() + "' is not MODEL=°C with °C in 40..150"
                        + " (e.g. 'NVIDIA H100 80GB HBM3=87'; pairs separated by ';')");
            }
            out.put(model, c);
        }
        return Map.copyOf(out);
    }
}
