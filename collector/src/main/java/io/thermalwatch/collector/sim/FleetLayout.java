package io.thermalwatch.collector.sim;

/**
 * The shape of a simulated fleet: {@code racks} racks in rows of {@code racksPerRow}, each with
 * {@code nodesPerRack} nodes of {@code gpusPerNode} GPUs (a GB300 NVL72 rack is 18 × 4).
 * Ids: row {@code r01}, rack {@code r01-k03}, node {@code r01-k03-n07}.
 */
public record FleetLayout(String site, String hall, int racks, int racksPerRow, int nodesPerRack, int gpusPerNode) {

    public FleetLayout {
        if (site == null || site.isBlank() || hall == null || hall.isBlank()) {
            throw new IllegalArgumentException("site and hall must be non-blank");
        }
        if (racks < 1 || racksPerRow < 1 || nodesPerRack < 1 || gpusPerNode < 1 || gpusPerNode > 64) {
            throw new IllegalArgumentException("racks, racksPerRow, nodesPerRack must be >= 1 and gpusPerNode in 1..64");
        }
    }

    /** NVL72-shaped racks: 18 nodes × 4 GPUs, 8 racks a row. */
    public static FleetLayout nvl72(String site, String hall, int racks) {
        return new FleetLayout(site, hall, racks, 8, 18, 4);
    }

    public int gpus() {
        return racks * nodesPerRack * gpusPerNode;
    }

    public int nodes() {
        return racks * nodesPerRack;
    }

    public String rowId(int rack) {
        return String.format("r%02d", rack / racksPerRow + 1);
    }

    public String rackId(int rack) {
        return String.format("%s-k%02d", rowId(rack), rack % racksPerRow + 1);
    }

    public String nodeId(int rack, int node) {
        return String.format("%s-n%02d", rackId(rack), node + 1);
    }
}
