package io.thermalwatch.streams.alert;

/**
 * What an alert is about: a GPU, a node, a coolant loop or a whole rack, with its place in the
 * topology. {@code node}, {@code gpu} and {@code loop} are null where they do not apply.
 */
public record AlertSubject(String site, String hall, String row, String rack, String node, Integer gpu, String loop) {

    public static AlertSubject gpu(String site, String hall, String row, String rack, String node, int gpu) {
        return new AlertSubject(site, hall, row, rack, node, gpu, null);
    }

    public static AlertSubject node(String site, String hall, String row, String rack, String node) {
        return new AlertSubject(site, hall, row, rack, node, null, null);
    }

    public static AlertSubject loop(String site, String hall, String row, String rack, String loop) {
        return new AlertSubject(site, hall, row, rack, null, null, loop);
    }

    public static AlertSubject rack(String site, String hall, String row, String rack) {
        return new AlertSubject(site, hall, row, rack, null, null, null);
    }

    /**
     * The stable identity of this subject's alert for a rule: the same rule on the same GPU, node,
     * loop or rack always has the same id, so Alertmanager and the alerts topic see one alert.
     */
    public String alertId(String rule) {
        StringBuilder id = new StringBuilder(rule).append('|').append(rack);
        if (node != null) {
            id.append('|').append(node);
        }
        if (gpu != null) {
            id.append('|').append(gpu);
        }
        if (loop != null) {
            id.append("|loop:").append(loop);
        }
        return id.toString();
    }

    /** Human words for summaries: "GPU 2 of r01-k03-n07", "node r01-k03-n07", "loop cdu1 of r01-k03", "rack r01-k03". */
    public String describe() {
        if (gpu != null) {
            return "GPU " + gpu + " of " + node;
        }
        if (node != null) {
            return "node " + node;
        }
        if (loop != null) {
            return "coolant loop " + loop + " of rack " + rack;
        }
        return "rack " + rack;
    }
}
