package io.thermalwatch.collector.sim;

/**
 * A rack's secondary coolant loop (CDU to cold plates and back): ΔT = heat / (flow × ρ × c_p),
 * differential pressure rising with the square of flow. Coolant is water with 20 % glycol
 * (ρ 1030 kg/m³, c_p 3.974 kJ/(kg·K), as in the DMTF CDU mockup).
 */
final class CoolantLoop {

    /** The loop's id in coolant samples and the inventory: one loop (CDU secondary) per rack. */
    static final String LOOP_ID = "cdu1";

    static final double DENSITY_KG_PER_L = 1.030;
    static final double SPECIFIC_HEAT_KJ_PER_KG_K = 3.974;
    static final double SUPPLY_C = 30.0;
    /** ~1.4 L/min per kW for a 130 kW NVL72 rack. */
    static final double NOMINAL_FLOW_LPM = 180.0;
    static final double NOMINAL_DP_KPA = 140.0;
    static final double SUPPLY_PRESSURE_KPA = 300.0;
    /** Flow left when a pump fails: the remaining pump cannot hold the loop's flow. */
    static final double FAILED_PUMP_FLOW_FACTOR = 0.35;

    private double flowLpm = NOMINAL_FLOW_LPM;
    private double deltaC;
    private double levelPct = 100.0;

    /** Advances the loop carrying {@code heatKw} for {@code dtS} seconds. */
    void step(double heatKw, double dtS, boolean pumpFailed, boolean leaking) {
        flowLpm = NOMINAL_FLOW_LPM * (pumpFailed ? FAILED_PUMP_FLOW_FACTOR : 1.0);
        double massFlowKgPerS = flowLpm / 60.0 * DENSITY_KG_PER_L;
        deltaC = heatKw / (massFlowKgPerS * SPECIFIC_HEAT_KJ_PER_KG_K);
        if (leaking) {
            levelPct = Math.max(0.0, levelPct - 0.2 * dtS);
        }
    }

    double supplyC() {
        return SUPPLY_C;
    }

    double returnC() {
        return SUPPLY_C + deltaC;
    }

    double deltaC() {
        return deltaC;
    }

    /** Mean coolant temperature along the cold plates, °C. */
    double plateC() {
        return SUPPLY_C + deltaC / 2;
    }

    double flowLpm() {
        return flowLpm;
    }

    double diffPressureKpa() {
        double r = flowLpm / NOMINAL_FLOW_LPM;
        return NOMINAL_DP_KPA * r * r;
    }

    double supplyPressureKpa() {
        return SUPPLY_PRESSURE_KPA;
    }

    double returnPressureKpa() {
        return SUPPLY_PRESSURE_KPA - diffPressureKpa();
    }

    double levelPct() {
        return levelPct;
    }
}
