package io.thermalwatch.api.rack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Every known rack, sorted by rack id.
 *
 * @param count    number of racks
 * @param totalPowerW sum of the racks' latest mean power, watts
 * @param racks    the racks; {@code []} (never absent) before the first window closes
 */
@Serdeable
public record RackList(int count, double totalPowerW, @JsonInclude(JsonInclude.Include.ALWAYS) List<RackView> racks) {
}
