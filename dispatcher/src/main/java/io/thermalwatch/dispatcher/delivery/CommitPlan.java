package io.thermalwatch.dispatcher.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which offsets of the alerts topic may be committed: per partition, the consumer's position, held
 * back to the lowest offset that some Alertmanager has not acknowledged. Each Alertmanager has its
 * own queue, so one that is down delays only the commit, never the delivery to the others; after a
 * restart, every record from the committed offset on is delivered again (Alertmanager takes a
 * repeated state as a no-op).
 */
public final class CommitPlan {

    private CommitPlan() {
    }

    /**
     * @param positions        per partition, the next offset the consumer reads
     * @param lowestPerTarget  per Alertmanager, {@link TargetQueue#lowestPendingOffsets()}
     * @return per partition, the offset to commit (the first one not yet delivered everywhere)
     */
    public static Map<Integer, Long> committable(Map<Integer, Long> positions, List<Map<Integer, Long>> lowestPerTarget) {
        Map<Integer, Long> out = new HashMap<>(positions);
        for (Map<Integer, Long> lowest : lowestPerTarget) {
            lowest.forEach((partition, offset) -> out.computeIfPresent(partition, (p, pos) -> Math.min(pos, offset)));
        }
        return out;
    }
}
