package io.thermalwatch.dispatcher.delivery;

import io.thermalwatch.model.ThermalAlert;
import java.util.List;

/** The alerts firing now, as the periodic resend reads them: their ids, and each one's latest state. */
public interface FiringView {

    /** The ids of the alerts firing now. */
    List<String> ids();

    /** The latest firing state of alert {@code id}, or null when it is not firing (any more). */
    ThermalAlert get(String id);
}
