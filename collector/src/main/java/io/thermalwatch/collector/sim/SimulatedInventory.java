package io.thermalwatch.collector.sim;

import io.thermalwatch.model.RackInventory;
import java.util.ArrayList;
import java.util.List;

/**
 * What the simulated fleet is supposed to be: one {@link RackInventory} per rack of a
 * {@link FleetLayout}, as an operator would load it for a real fleet, so that the streams app can
 * judge coverage, power budget and coolant design on simulated racks too.
 *
 * <p>Each rack expects every node and GPU of the layout and is cooled by its own loop
 * ({@link CoolantLoop#LOOP_ID}, the id its coolant samples carry) at the loop's design point: supply
 * {@value CoolantLoop#SUPPLY_C} °C, {@value CoolantLoop#NOMINAL_FLOW_LPM} L/min,
 * {@value CoolantLoop#NOMINAL_DP_KPA} kPa. Its power budget is {@link #BUDGET_HEADROOM} × every GPU
 * at its power limit: a healthy rack cannot reach the {@code rack-power-budget} warning (95 %),
 * while the {@code over-budget} fault, which raises the limits by its factor (default 1.2) and runs
 * every node flat out, draws factor ÷ {@value #BUDGET_HEADROOM} of the budget (1.2: 109 %,
 * critical from 100 %).
 */
public final class SimulatedInventory {

    /** Budget over the sum of the GPUs' power limits. */
    static final double BUDGET_HEADROOM = 1.1;

    private SimulatedInventory() {
    }

    /** One entry per rack of {@code layout}, in rack order. */
    public static List<RackInventory> of(FleetLayout layout) {
        int gpus = layout.nodesPerRack() * layout.gpusPerNode();
        double budgetKw = Math.round(gpus * SimulatedGpu.LIMIT_W * BUDGET_HEADROOM) / 1000.0; // whole watts
        List<RackInventory> racks = new ArrayList<>(layout.racks());
        for (int r = 0; r < layout.racks(); r++) {
            racks.add(new RackInventory(RackInventory.SCHEMA_VERSION, layout.site(), layout.hall(), layout.rowId(r),
                    layout.rackId(r), layout.nodesPerRack(), gpus, budgetKw, CoolantLoop.LOOP_ID, CoolantLoop.SUPPLY_C,
                    CoolantLoop.NOMINAL_FLOW_LPM, CoolantLoop.NOMINAL_DP_KPA));
        }
        return racks;
    }
}
