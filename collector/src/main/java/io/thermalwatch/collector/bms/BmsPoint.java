package io.thermalwatch.collector.bms;

import java.util.Locale;

/**
 * One BMS point's latest value and its metadata. Values are converted to Thermalwatch units on
 * arrival (°F → °C, gpm → L/min, psi → kPa, W → kW).
 *
 * @param pointType e.g. {@code RackLiquidSupplyTemperature}
 * @param tagPath   the point's path under its type, unique per point
 * @param rack      the rack's name from the point's metadata ({@code rackName}, else {@code rackID})
 * @param value     the latest value in Thermalwatch units, or null if its quality was bad
 * @param timestampMs when the BMS took it, epoch ms
 */
record BmsPoint(String pointType, String tagPath, String rack, Double value, long timestampMs) {

    /** Converts {@code value} in {@code engUnit} to the unit Thermalwatch uses for {@code pointType}. */
    static double toThermalwatchUnit(String pointType, String engUnit, double value) {
        String unit = engUnit == null ? "" : engUnit.trim().toLowerCase(Locale.ROOT).replace("°", "deg");
        return switch (unit) {
            case "degf", "f", "fahrenheit" -> (value - 32.0) * 5.0 / 9.0;
            case "gpm", "gal/min", "usgpm" -> value * 3.785411784;
            case "l/s", "lps" -> value * 60.0;
            case "m3/h", "m^3/h" -> value * 1000.0 / 60.0;
            case "psi", "psid" -> value * 6.894757293;
            case "bar" -> value * 100.0;
            case "pa" -> value / 1000.0;
            case "w" -> value / 1000.0;
            case "mw" -> value * 1000.0;
            default -> value; // degC, L/min, kPa, kW, or unitless states
        };
    }
}
