package io.thermalwatch.collector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Drives the thermal model with the real H100 trace's own power and compares temperatures. */
class GpuThermalModelCalibrationTest {

    record TracePoint(double tS, double powerW, double gpuC, double hbmC) {
    }

    static List<TracePoint> trace() throws IOException {
        try (InputStream in = Objects.requireNonNull(GpuThermalModelCalibrationTest.class.getResourceAsStream("/h100/h100-nvml-trace.csv"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(","))
                    .map(f -> new TracePoint(Double.parseDouble(f[0]), Double.parseDouble(f[2]) / 1000.0,
                            Double.parseDouble(f[4]), Double.parseDouble(f[5])))
                    .toList();
        }
    }

    @Test
    void simulatedTemperaturesStayWithinTwoDegreesRmseOfTheMeasuredOnes() throws IOException {
        List<TracePoint> trace = trace();
        assertThat(trace).hasSizeGreaterThan(1000);
        GpuThermalModel model = new GpuThermalModel(700.0);
        double dieSq = 0;
        double hbmSq = 0;
        double prevT = trace.get(0).tS();
        for (TracePoint p : trace) {
            model.step(p.powerW(), GpuThermalModel.CALIBRATION_COOLANT_C, p.tS() - prevT, 1.0);
            prevT = p.tS();
            dieSq += Math.pow(model.dieC() - p.gpuC(), 2);
            hbmSq += Math.pow(model.hbmC() - p.hbmC(), 2);
        }
        double dieRmse = Math.sqrt(dieSq / trace.size());
        double hbmRmse = Math.sqrt(hbmSq / trace.size());
        System.out.printf("H100 trace, %d points: die RMSE %.3f °C, HBM RMSE %.3f °C%n", trace.size(), dieRmse, hbmRmse);
        assertThat(dieRmse).as("GPU die RMSE, °C").isLessThan(2.0);
        assertThat(hbmRmse).as("HBM RMSE, °C").isLessThan(2.0);
    }

    @Test
    void matchesTheCardsIdleAndFullLoadTemperatures() {
        GpuThermalModel idle = new GpuThermalModel(700.0);
        idle.step(75, GpuThermalModel.CALIBRATION_COOLANT_C, 0, 1.0);
        assertThat(idle.dieC()).isBetween(30.0, 32.0);
        GpuThermalModel loaded = new GpuThermalModel(700.0);
        loaded.step(700, GpuThermalModel.CALIBRATION_COOLANT_C, 0, 1.0);
        assertThat(loaded.dieC()).isBetween(60.0, 62.0);
        assertThat(loaded.hbmC()).isLessThan(loaded.dieC());
    }

    @Test
    void mostOfTheRiseComesWithinFourSecondsAndHbmLags() {
        GpuThermalModel m = new GpuThermalModel(700.0);
        m.step(75, 27, 0, 1.0);
        double dieStart = m.dieC();
        double hbmStart = m.hbmC();
        for (int i = 0; i < 40; i++) {
            m.step(700, 27, 0.1, 1.0);
        }
        GpuThermalModel settled = new GpuThermalModel(700.0);
        settled.step(700, 27, 0, 1.0);
        double dieShare = (m.dieC() - dieStart) / (settled.dieC() - dieStart);
        double hbmShare = (m.hbmC() - hbmStart) / (settled.hbmC() - hbmStart);
        assertThat(dieShare).isBetween(0.65, 0.85);
        assertThat(hbmShare).isLessThan(dieShare);
    }

    @Test
    void warmerCoolantShiftsTemperaturesOneForOne() {
        GpuThermalModel a = new GpuThermalModel(700.0);
        GpuThermalModel b = new GpuThermalModel(700.0);
        a.step(400, 27, 0, 1.0);
        b.step(400, 37, 0, 1.0);
        assertThat(b.dieC() - a.dieC()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
