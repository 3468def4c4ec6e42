package io.thermalwatch.demo.faults;

import io.thermalwatch.collector.sim.FleetLayout;
import io.thermalwatch.model.RackInventory;
import java.util.ArrayList;
import java.util.List;

/**
 * The inventory of a simulated fleet, as an operator would write it for the simulator's racks:
 * every node and GPU expected, the simulator's coolant design point (supply 30 °C, 180 L/min,
 * 140 kPa) and a power budget of 125 kW of module power (the simulated GB300 reports 1.15 × its
 * GPU power): above a healthy rack at full load (72 × 1400 W × 1.15 = 115.9 kW, 93 %), below one
 * driven over budget (power limits × 1.2: 139 kW, 111 %).
 */
final class SimInventory {

    static final double BUDGET_KW = 125.0;

    private SimInventory() {
    }

    static List<RackInventory> of(FleetLayout layout) {
        List<RackInventory> racks = new ArrayList<>();
        for (int r = 0; r < layout.racks(); r++) {
            racks.add(new RackInventory(RackInventory.SCHEMA_VERSION, layout.site(), layout.hall(), layout.rowId(r),
                    layout.rackId(r), layout.nodesPerRack(), layout.nodesPerRack() * layout.gpusPerNode(), BUDGET_KW,
                    "cdu1", 30.0, 180.0, 140.0));
        }
        return racks;
    }
}
