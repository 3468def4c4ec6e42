package io.thermalwatch.api.security;

import io.thermalwatch.model.EnvSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code bin/tw-token --role viewer|analyst|admin [--hours N] [--subject NAME]}: prints a bearer
 * token signed with {@code THERMALWATCH_API_JWT_SECRET} (the API's own secret), valid for N hours
 * (12 by default, 1 .. 8760). A bad argument or secret: one line on stderr, exit code 2.
 */
public final class TokenCommand {

    private TokenCommand() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(args, EnvSettings.system().string(JwtSecret.ENV, null), Instant.now()));
        } catch (IllegalArgumentException e) {
            System.err.println("tw-token: " + e.getMessage());
            System.exit(2);
        }
    }

    static String run(String[] args, String secret, Instant now) {
        Role role = null;
        long hours = 12;
        String subject = "tw-token";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null && args[i].startsWith("--")) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--role" -> role = Role.of(value);
                case "--hours" -> hours = hours(value);
                case "--subject" -> subject = value;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "'; usage: tw-token --role viewer|analyst|admin [--hours N] [--subject NAME]");
            }
            i++;
        }
        if (role == null) {
            throw new IllegalArgumentException("--role is required: viewer, analyst or admin");
        }
        return new TokenMinter(secret).mint(subject, role, now, Duration.ofHours(hours));
    }

    private static long hours(String value) {
        try {
            long h = Long.parseLong(value);
            if (h >= 1 && h <= 8760) {
                return h;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("--hours must be an integer in 1..8760, was '" + value + "'");
    }
}
