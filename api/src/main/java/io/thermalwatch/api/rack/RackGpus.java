package io.thermalwatch.api.rack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A rack's GPUs, by node then index.
 *
 * @param rack  the rack id
 * @param count number of GPUs listed
 * @param gpus  each GPU's latest reading
 */
@Serdeable
public record RackGpus(String rack, int count, @JsonInclude(JsonInclude.Include.ALWAYS) List<GpuView> gpus) {
}
