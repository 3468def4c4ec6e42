package io.thermalwatch.streams.rackstate;

/**
 * Heat carried away by a coolant loop: {@code kW = flow × ρ × c_p × ΔT}, for water with 20 %
 * propylene glycol as the simulator and the DMTF CDU mockup use (ρ 1.030 kg/L, c_p 3.974 kJ/(kg·K)).
 */
final class HeatBalance {

    static final double DENSITY_KG_PER_L = 1.030;
    static final double SPECIFIC_HEAT_KJ_PER_KG_K = 3.974;

    private HeatBalance() {
    }

    /** kW removed at {@code flowLpm} litres per minute and a rise of {@code deltaC} °C; NaN when either is unknown. */
    static double heatRemovedKw(Double flowLpm, Double deltaC) {
        if (flowLpm == null || deltaC == null) {
            return Double.NaN;
        }
        return flowLpm / 60.0 * DENSITY_KG_PER_L * SPECIFIC_HEAT_KJ_PER_KG_K * deltaC;
    }
}
