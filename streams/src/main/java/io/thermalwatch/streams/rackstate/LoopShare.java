package io.thermalwatch.streams.rackstate;

/** One coolant loop's readings summed over a rack window (means are taken when it closes). */
final class LoopShare {
    int samples;
    double supplySumC;
    int supplyN;
    double returnSumC;
    int returnN;
    double flowSumLpm;
    int flowN;
    double heatSumKw;
    int heatN;

    void add(Double supplyC, Double returnC, Double flowLpm, double heatKw) {
        samples++;
        if (supplyC != null) {
            supplySumC += supplyC;
            supplyN++;
        }
        if (returnC != null) {
            returnSumC += returnC;
            returnN++;
        }
        if (flowLpm != null) {
            flowSumLpm += flowLpm;
            flowN++;
        }
        if (!Double.isNaN(heatKw)) {
            heatSumKw += heatKw;
            heatN++;
        }
    }

    double meanSupplyC() {
        return supplyN == 0 ? Double.NaN : supplySumC / supplyN;
    }

    double meanReturnC() {
        return returnN == 0 ? Double.NaN : returnSumC / returnN;
    }

    double meanFlowLpm() {
        return flowN == 0 ? Double.NaN : flowSumLpm / flowN;
    }

    double meanHeatKw() {
        return heatN == 0 ? Double.NaN : heatSumKw / heatN;
    }
}
