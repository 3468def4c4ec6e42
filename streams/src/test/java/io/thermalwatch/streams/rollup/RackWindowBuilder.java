package io.thermalwatch.streams.rollup;

import io.thermalwatch.model.RackAggregate;

/** A rack aggregate for rollup tests: a 10 s window of an NVL72-like rack, every optional figure absent unless set. */
final class RackWindowBuilder {

    String site = "ams1";
    String hall = "h1";
    String row = "r01";
    final String rack;
    final long startMs;
    double powerW = 1000;
    int nodes = 18;
    int gpus = 72;
    double maxGpuTempC = 60;
    Double maxHbmTempC;
    int thermal;
    Integer capped;
    Integer braked;
    RackAggregate.Margin margin;
    Integer expectedNodes;
    Integer expectedGpus;
    Double budgetKw;
    Double supplyC;
    Double returnC;
    Double heatKw;

    private RackWindowBuilder(String rack, long startMs) {
        this.rack = rack;
        this.startMs = startMs;
    }

    static RackWindowBuilder window(String rack, long startMs, double powerW) {
        RackWindowBuilder b = new RackWindowBuilder(rack, startMs);
        b.powerW = powerW;
        return b;
    }

    RackWindowBuilder at(String site, String hall, String row) {
        this.site = site;
        this.hall = hall;
        this.row = row;
        return this;
    }

    RackWindowBuilder row(String row) {
        this.row = row;
        return this;
    }

    RackWindowBuilder reporting(int nodes, int gpus) {
        this.nodes = nodes;
        this.gpus = gpus;
        return this;
    }

    RackWindowBuilder inventory(int nodes, int gpus, Double budgetKw) {
        this.expectedNodes = nodes;
        this.expectedGpus = gpus;
        this.budgetKw = budgetKw;
        return this;
    }

    RackWindowBuilder throttled(int thermal, Integer capped, Integer braked) {
        this.thermal = thermal;
        this.capped = capped;
        this.braked = braked;
        return this;
    }

    RackWindowBuilder temps(double maxGpuTempC, Double maxHbmTempC) {
        this.maxGpuTempC = maxGpuTempC;
        this.maxHbmTempC = maxHbmTempC;
        return this;
    }

    RackWindowBuilder margin(double marginC, String node, int gpu) {
        this.margin = new RackAggregate.Margin(marginC, node, gpu);
        return this;
    }

    RackWindowBuilder coolant(Double supplyC, Double returnC, Double heatKw) {
        this.supplyC = supplyC;
        this.returnC = returnC;
        this.heatKw = heatKw;
        return this;
    }

    RackAggregate build() {
        Double budgetPct = budgetKw == null || budgetKw == 0 ? null : powerW / 1000 / budgetKw * 100;
        Double delta = supplyC == null || returnC == null ? null : returnC - supplyC;
        Double capture = heatKw == null || powerW == 0 ? null : heatKw / (powerW / 1000);
        return new RackAggregate(1, site, hall, row, rack, startMs, startMs + 10_000, nodes, gpus, nodes * 10L, powerW,
                maxGpuTempC - 5, maxGpuTempC, maxHbmTempC, thermal, expectedNodes, expectedGpus, capped, braked, margin,
                budgetKw, budgetPct, supplyC, returnC, delta, null, heatKw, capture);
    }
}
