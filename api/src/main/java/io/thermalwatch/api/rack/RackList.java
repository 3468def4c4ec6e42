package io.thermalwatch.api.rack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A page of the known racks, sorted by rack id.
 *
 * @param count       number of racks known, all pages together
 * @param totalPowerW sum of every known rack's latest mean power (all pages), watts
 * @param racks       this page's racks; {@code []} (never absent) before the first window closes
 * @param next        the rack id to pass as {@code after} for the next page; absent on the last page
 */
@Serdeable
public record RackList(int count, double totalPowerW, @JsonInclude(JsonInclude.Include.ALWAYS) List<RackView> racks,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
}
