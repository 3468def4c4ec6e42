package io.thermalwatch.collector;

import io.thermalwatch.model.EnvSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a real collector's node sits: stamped on every sample it reads from local GPUs.
 * Env: {@code TW_SITE}, {@code TW_HALL}, {@code TW_ROW}, {@code TW_RACK}, {@code TW_NODE}
 * (default: the host name).
 */
public record NodeIdentity(String site, String hall, String row, String rack, String node) {

    public static NodeIdentity fromEnv(EnvSettings env) {
        return new NodeIdentity(env.string("TW_SITE", "site1"), env.string("TW_HALL", "h1"),
                env.string("TW_ROW", "r01"), env.string("TW_RACK", "r01-k01"), env.string("TW_NODE", hostName()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
