package io.thermalwatch.collector.sim;

/**
 * One scripted fault: what, where, from when, for how long.
 *
 * @param kind      the fault
 * @param target    a rack id ({@code r01-k02}), node id ({@code r01-k02-n05}) or GPU ({@code r01-k02-n05:3})
 * @param atS       seconds after the simulation's first tick
 * @param forS      how long it lasts, seconds; {@link Double#POSITIVE_INFINITY} for the rest of the run
 * @param factor    the fault's magnitude where it has one (cold-plate resistance ×, power ×)
 * @param line      the scenario file line it came from, 1-based; 0 when not read from a file
 */
public record Fault(Kind kind, String target, double atS, double forS, double factor, int line) {

    /** The faults the simulator can play. */
    public enum Kind {
        /** A rack's pump fails: flow drops to 35 %, the loop's ΔT and every GPU's temperature climb. Target: rack. */
        PUMP_FAILURE("pump-failure", Target.RACK),
        /** A fouled cold plate: one GPU's thermal resistance × factor (default 2.5). Target: GPU. */
        FOULED_COLD_PLATE("fouled-cold-plate", Target.GPU),
        /** A leak in a rack's loop: a detector trips, the coolant level falls. Target: rack. */
        LEAK("leak", Target.RACK),
        /** A node stops reporting. Target: node. */
        NODE_SILENT("node-silent", Target.NODE),
        /** A GPU's temperature sensor sticks at its last reading. Target: GPU. */
        STUCK_SENSOR("stuck-sensor", Target.GPU),
        /** Every node of a rack runs flat out with power limits raised × factor (default 1.2). Target: rack. */
        OVER_BUDGET("over-budget", Target.RACK);

        private final String word;
        private final Target target;

        Kind(String word, Target target) {
            this.word = word;
            this.target = target;
        }

        public String word() {
            return word;
        }

        /** What this fault strikes. */
        public Target target() {
            return target;
        }

        static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown fault '" + word + "'");
        }
    }

    /** What a fault strikes, and how its target is written. */
    public enum Target {
        RACK("rack target like r01-k02"), NODE("node target like r01-k02-n05"), GPU("GPU target like r01-k02-n05:3");

        private final String example;

        Target(String example) {
            this.example = example;
        }

        public String example() {
            return example;
        }
    }

    public Fault {
        if (atS < 0 || forS <= 0 || factor <= 0) {
            throw new IllegalArgumentException("fault times must be non-negative, durations and factors positive");
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative");
        }
    }

    /** A fault not read from a file. */
    public Fault(Kind kind, String target, double atS, double forS, double factor) {
        this(kind, target, atS, forS, factor, 0);
    }

    boolean activeAt(double elapsedS) {
        return elapsedS >= atS && elapsedS < atS + forS;
    }
}
