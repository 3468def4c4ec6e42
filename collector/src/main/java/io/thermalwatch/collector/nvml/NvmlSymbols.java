package io.thermalwatch.collector.nvml;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Which NVML functions the loaded library exports, looked up one by one: a driver older or newer
 * than this binding lacks some (e.g. {@code nvmlDeviceGetTemperatureV} on older drivers), and calling a
 * missing one through JNA would throw {@link UnsatisfiedLinkError} on every call.
 */
final class NvmlSymbols implements Predicate<String> {

    private final NativeLibrary library;
    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private final Set<String> absent = ConcurrentHashMap.newKeySet();

    private NvmlSymbols(NativeLibrary library) {
        this.library = library;
    }

    /** The symbols of the library behind a proxy made by {@code Native.load}. */
    static NvmlSymbols of(NvmlLibrary nvml) {
        return new NvmlSymbols(((Library.Handler) Proxy.getInvocationHandler(nvml)).getNativeLibrary());
    }

    @Override
    public boolean test(String function) {
        if (present.contains(function)) {
            return true;
        }
        if (absent.contains(function)) {
            return false;
        }
        try {
            library.getFunction(function);
            present.add(function);
            return true;
        } catch (UnsatisfiedLinkError e) {
            absent.add(function);
            return false;
        }
    }
}
