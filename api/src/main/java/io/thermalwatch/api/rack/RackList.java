package io.thermalwatch.api.rack;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Every known rack, sorted by rack id.
 *
 * @param count    number of racks
 * @param totalPowerW sum of the racks' latest mean power, watts
 * @param racks    the racks
 */
@Serdeable
public record RackList(int count, double totalPowerW, List<RackView> racks) {
}
