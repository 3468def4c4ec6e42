/*
 * A stand-in libnvidia-ml.so for tests on machines without an NVIDIA GPU: the NVML calls
 * Thermalwatch makes, with the C signatures and struct layouts of nvml.h, answering with the
 * values of the real H100 in the collector's test resources (GPU 0) and a second GPU whose HBM
 * temperature is not supported and which can be "lost" on demand.
 */
#include <string.h>

typedef void *nvmlDevice_t;
typedef int nvmlReturn_t;
typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef union { double dVal; unsigned int uiVal; unsigned long ulVal; unsigned long long ullVal;
                signed long long sllVal; signed int siVal; unsigned short usVal; } nvmlValue_t;
typedef struct { unsigned int fieldId; unsigned int scopeId; long long timestamp; long long latencyUsec;
                 int valueType; nvmlReturn_t nvmlReturn; nvmlValue_t value; } nvmlFieldValue_t;

static int devices[2] = {0, 1};
static int initialized = 0;
static int lost[2] = {0, 0};
static int energy_calls = 0;
static unsigned long long energy[2] = {2207525ULL, 1000000ULL};

static int idx(nvmlDevice_t d) { return *(int *) d; }

int fake_nvml_energy_calls(void) { return energy_calls; }
void fake_nvml_lose_gpu(int i) { lost[i] = 1; }
int fake_nvml_initialized(void) { return initialized; }

nvmlReturn_t nvmlInit_v2(void) { initialized = 1; return 0; }
nvmlReturn_t nvmlShutdown(void) { initialized = 0; return 0; }
const char *nvmlErrorString(nvmlReturn_t r) {
    switch (r) {
        case 0: return "Success";
        case 3: return "Not Supported";
        case 15: return "GPU is lost";
        default: return "Unknown Error";
    }
}
nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) { *count = 2; return 0; }
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int i, nvmlDevice_t *d) {
    if (i > 1) return 2;
    *d = &devices[i];
    return 0;
}
static nvmlReturn_t copy(char *dst, unsigned int len, const char *src) {
    if (strlen(src) + 1 > len) return 7;
    strcpy(dst, src);
    return 0;
}
nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int len) {
    return copy(name, len, idx(d) == 0 ? "NVIDIA H100 80GB HBM3" : "NVIDIA GB300");
}
nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int len) {
    return copy(uuid, len, idx(d) == 0 ? "GPU-a5298e70-64b1-d71b-34e5-da9d5c1d3eb5" : "GPU-00000000-1111-2222-3333-444444444444");
}
nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t d, char *serial, unsigned int len) {
    return copy(serial, len, idx(d) == 0 ? "1652824026573" : "0000000000001");
}
nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw) {
    if (lost[idx(d)]) return 15;
    *mw = idx(d) == 0 ? 93501 : 1187412;
    return 0;
}
nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t d, unsigned int *mw) {
    *mw = idx(d) == 0 ? 700000 : 1400000;
    return 0;
}
nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *c) {
    if (sensor != 0) return 2;
    *c = idx(d) == 0 ? 31 : 58;
    return 0;
}
nvmlReturn_t nvmlDeviceGetTemperatureThreshold(nvmlDevice_t d, int type, unsigned int *c) {
    static const unsigned int h100[] = {95, 89, 95, 87};
    if (type < 0 || type > 3) return 3;
    if (idx(d) == 1 && type == 2) return 3; /* no memory threshold */
    *c = h100[type];
    return 0;
}
nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, int type, unsigned int *mhz) {
    if (type != 1) return 2;
    *mhz = idx(d) == 0 ? 885 : 1980;
    return 0;
}
nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t d, unsigned long long *r) {
    *r = idx(d) == 0 ? 0x1ULL : 0x24ULL; /* idle; SW power cap + SW thermal slowdown */
    return 0;
}
nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t d, unsigned long long *r) {
    return nvmlDeviceGetCurrentClocksEventReasons(d, r);
}
nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
    u->gpu = idx(d) == 0 ? 0 : 97;
    u->memory = 0;
    return 0;
}
nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t d, int count, nvmlFieldValue_t *values) {
    for (int i = 0; i < count; i++) {
        values[i].timestamp = 1;
        values[i].latencyUsec = 13;
        if (values[i].fieldId == 82 && idx(d) == 0) {
            values[i].valueType = 1;
            values[i].nvmlReturn = 0;
            values[i].value.uiVal = 34;
        } else {
            values[i].nvmlReturn = 3;
        }
    }
    return 0;
}
nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *mj) {
    energy_calls++;
    energy[idx(d)] += 7436;
    *mj = energy[idx(d)];
    return 0;
}
