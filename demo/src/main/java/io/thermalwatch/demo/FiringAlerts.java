package io.thermalwatch.demo;

/**
 * The alerts firing now, by severity: what the demo's summary line counts. The demo reads it from
 * the API's view of {@code thermalwatch.alerts.v1}.
 */
@FunctionalInterface
interface FiringAlerts {

    /** This moment's counts. */
    Count now();

    /**
     * @param critical alerts firing at critical
     * @param warning  alerts firing at warning
     */
    record Count(int critical, int warning) {

        static final Count NONE = new Count(0, 0);

        public Count {
            if (critical < 0 || warning < 0) {
                throw new IllegalArgumentException("alert counts must not be negative, were " + critical + " and " + warning);
            }
        }
    }
}
