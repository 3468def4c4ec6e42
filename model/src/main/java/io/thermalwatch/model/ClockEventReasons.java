package io.thermalwatch.model;

/**
 * NVML clock-event-reason bits ({@code nvmlClocksEventReasons}, formerly "throttle reasons"), as
 * carried in {@link GpuReading#clockEventReasons()}.
 */
public final class ClockEventReasons {

    public static final long GPU_IDLE = 0x1L;
    public static final long APPLICATIONS_CLOCKS_SETTING = 0x2L;
    public static final long SW_POWER_CAP = 0x4L;
    public static final long HW_SLOWDOWN = 0x8L;
    public static final long SYNC_BOOST = 0x10L;
    public static final long SW_THERMAL_SLOWDOWN = 0x20L;
    public static final long HW_THERMAL_SLOWDOWN = 0x40L;
    public static final long HW_POWER_BRAKE_SLOWDOWN = 0x80L;
    public static final long DISPLAY_CLOCK_SETTING = 0x100L;

    /**
     * The largest bitmask accepted on the wire: NVML defines bits up to 0x100 today and reserves the
     * 64-bit type for more, so any value below 2^32 is accepted and unknown bits are kept.
     */
    public static final long MAX = 0xFFFF_FFFFL;

    /** The bits that mean the GPU slowed down because it is too hot. */
    public static final long THERMAL = SW_THERMAL_SLOWDOWN | HW_THERMAL_SLOWDOWN;

    private ClockEventReasons() {
    }

    public static boolean isThermal(long reasons) {
        return (reasons & THERMAL) != 0;
    }
}
