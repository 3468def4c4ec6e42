package io.thermalwatch.streams.rackstate;

import io.thermalwatch.model.ThermalAlert;

/** What the rack state processor emits: a closed window, an alert state change, or a late sample. */
public sealed interface RackOutput {

    record Window(WindowResult result) implements RackOutput {
    }

    record Alert(ThermalAlert alert) implements RackOutput {
    }

    /** A sample whose window had already been emitted: it goes to the dead-letter topic as it came. */
    record Late(byte[] raw, String message) implements RackOutput {
    }
}
