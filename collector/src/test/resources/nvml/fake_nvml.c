/*
 * A stand-in libnvidia-ml.so for tests on machines without an NVIDIA GPU: the NVML calls
 * Thermalwatch makes, with the C signatures, struct layouts and struct versions of nvml.h (NVML 13),
 * answering with the values of the real H100 in the collector's test resources (GPU 0) and a
 * second, GB200-like GPU whose HBM temperature and HBM threshold are not supported and which can
 * be "lost" on demand.
 *
 * Variants, chosen when compiling (NvmlSourceTest builds each):
 *   (none)                     every call, old and new, as a current R580 driver
 *   -DNO_NEW_CALLS             a pre-R535 driver: no nvmlDeviceGetTemperatureV,
 *                              nvmlDeviceGetMarginTemperature, nvmlDeviceGetCurrentClocksEventReasons;
 *                              T.Limit fields unknown
 *   -DNO_OLD_CALLS             a driver without the deprecated nvmlDeviceGetTemperature,
 *                              nvmlDeviceGetTemperatureThreshold, nvmlDeviceGetCurrentClocksThrottleReasons
 *   -DOLD_THRESHOLD_UNSUPPORTED nvmlDeviceGetTemperatureThreshold answers NOT_SUPPORTED (Blackwell on some drivers)
 *   -DMODULE_POWER             GPU 1 reports module power (Grace + GPU) through the power fields' module scope
 * In every variant the unused bytes of the field-value union hold junk, as nothing obliges NVML
 * to clear them, and a 4-byte value is written over them.
 */
#include <string.h>

typedef void *nvmlDevice_t;
typedef int nvmlReturn_t;
typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef union { double dVal; unsigned int uiVal; unsigned long ulVal; unsigned long long ullVal;
                signed long long sllVal; signed int siVal; unsigned short usVal; } nvmlValue_t;
typedef struct { unsigned int fieldId; unsigned int scopeId; long long timestamp; long long latencyUsec;
                 int valueType; nvmlReturn_t nvmlReturn; nvmlValue_t value; } nvmlFieldValue_t;
typedef struct { unsigned int version; int sensorType; int temperature; } nvmlTemperature_v1_t;
typedef struct { unsigned int version; int marginTemperature; } nvmlMarginTemperature_v1_t;
#define nvmlTemperature_v1 ((unsigned int) (sizeof(nvmlTemperature_v1_t) | (1u << 24)))
#define nvmlMarginTemperature_v1 ((unsigned int) (sizeof(nvmlMarginTemperature_v1_t) | (1u << 24)))

enum { OK = 0, INVALID_ARGUMENT = 2, NOT_SUPPORTED = 3, DRIVER_NOT_LOADED = 9, GPU_IS_LOST = 15,
       VERSION_MISMATCH = 25 };

static int devices[2] = {0, 1};
static int initialized = 0;
static int lost[2] = {0, 0};
static int energy_calls = 0;
static int old_temperature_calls = 0;
static int reasons_unsupported = 0;
static int fail_count = 0;
static int drift = 0; /* when on, each temperature read is 1 °C warmer than the one before */
static unsigned int drifted = 0;
static unsigned long long energy[2] = {2207525ULL, 1000000ULL};
static const unsigned int temps[2] = {31, 58};
static __attribute__((unused)) const int margins[2] = {56, 29};             /* T.Limit 87 on both */
static __attribute__((unused)) const int tlimit_offsets[2][4] = {{-8, -2, 0, 0}, {-10, -3, 0, 0}}; /* fields 193..196 */

static int idx(nvmlDevice_t d) { return *(int *) d; }

int fake_nvml_energy_calls(void) { return energy_calls; }
int fake_nvml_old_temperature_calls(void) { return old_temperature_calls; }
void fake_nvml_lose_gpu(int i) { lost[i] = 1; }
void fake_nvml_reasons_unsupported(int on) { reasons_unsupported = on; }
void fake_nvml_fail_count(int on) { fail_count = on; }
void fake_nvml_temperature_drift(int on) { drift = on; }
static unsigned int temp_of(nvmlDevice_t d) { return temps[idx(d)] + (drift ? drifted++ : 0); }
int fake_nvml_initialized(void) { return initialized; }

nvmlReturn_t nvmlInit_v2(void) { initialized++; return OK; }
nvmlReturn_t nvmlShutdown(void) { if (initialized > 0) initialized--; return OK; }
const char *nvmlErrorString(nvmlReturn_t r) {
    switch (r) {
        case OK: return "Success";
        case INVALID_ARGUMENT: return "Invalid Argument";
        case NOT_SUPPORTED: return "Not Supported";
        case DRIVER_NOT_LOADED: return "Driver Not Loaded";
        case GPU_IS_LOST: return "GPU is lost";
        case VERSION_MISMATCH: return "Argument version mismatch";
        default: return "Unknown Error";
    }
}
nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) {
    if (fail_count) return DRIVER_NOT_LOADED;
    *count = 2;
    return OK;
}
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int i, nvmlDevice_t *d) {
    if (i > 1) return INVALID_ARGUMENT;
    *d = &devices[i];
    return OK;
}
static nvmlReturn_t copy(char *dst, unsigned int len, const char *src) {
    if (strlen(src) + 1 > len) return 7;
    strcpy(dst, src);
    return OK;
}
nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t d, char *name, unsigned int len) {
    return copy(name, len, idx(d) == 0 ? "NVIDIA H100 80GB HBM3" : "NVIDIA GB200");
}
nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t d, char *uuid, unsigned int len) {
    return copy(uuid, len, idx(d) == 0 ? "GPU-a5298e70-64b1-d71b-34e5-da9d5c1d3eb5" : "GPU-00000000-1111-2222-3333-444444444444");
}
nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t d, char *serial, unsigned int len) {
    return copy(serial, len, idx(d) == 0 ? "1652824026573" : "0000000000001");
}
nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t d, unsigned int *mw) {
    if (lost[idx(d)]) return GPU_IS_LOST;
    *mw = idx(d) == 0 ? 93501 : 1187412;
    return OK;
}
nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t d, unsigned int *mw) {
    *mw = idx(d) == 0 ? 700000 : 1200000;
    return OK;
}
#ifndef NO_OLD_CALLS
nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t d, int sensor, unsigned int *c) {
    old_temperature_calls++;
    if (sensor != 0) return INVALID_ARGUMENT;
    *c = temp_of(d);
    return OK;
}
nvmlReturn_t nvmlDeviceGetTemperatureThreshold(nvmlDevice_t d, int type, unsigned int *c) {
    static const unsigned int absolute[2][4] = {{95, 89, 95, 87}, {97, 90, 0, 87}};
#ifdef OLD_THRESHOLD_UNSUPPORTED
    return NOT_SUPPORTED;
#endif
    if (type < 0 || type > 3) return INVALID_ARGUMENT;
    if (idx(d) == 1 && type == 2) return NOT_SUPPORTED; /* no memory threshold */
    *c = absolute[idx(d)][type];
    return OK;
}
#endif
#ifndef NO_NEW_CALLS
nvmlReturn_t nvmlDeviceGetTemperatureV(nvmlDevice_t d, nvmlTemperature_v1_t *t) {
    if (t->version != nvmlTemperature_v1) return VERSION_MISMATCH;
    if (t->sensorType != 0) return INVALID_ARGUMENT;
    t->temperature = (int) temp_of(d);
    return OK;
}
nvmlReturn_t nvmlDeviceGetMarginTemperature(nvmlDevice_t d, nvmlMarginTemperature_v1_t *m) {
    if (m->version != nvmlMarginTemperature_v1) return VERSION_MISMATCH;
    m->marginTemperature = margins[idx(d)];
    return OK;
}
#endif
nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t d, int type, unsigned int *mhz) {
    if (type != 1) return INVALID_ARGUMENT;
    *mhz = idx(d) == 0 ? 885 : 1980;
    return OK;
}
static nvmlReturn_t reasons(nvmlDevice_t d, unsigned long long *r) {
    if (reasons_unsupported) return NOT_SUPPORTED;
    *r = idx(d) == 0 ? 0x1ULL : 0x24ULL; /* idle; SW power cap + SW thermal slowdown */
    return OK;
}
#ifndef NO_NEW_CALLS
nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t d, unsigned long long *r) { return reasons(d, r); }
#endif
#ifndef NO_OLD_CALLS
nvmlReturn_t nvmlDeviceGetCurrentClocksThrottleReasons(nvmlDevice_t d, unsigned long long *r) { return reasons(d, r); }
#endif
nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t d, nvmlUtilization_t *u) {
    u->gpu = idx(d) == 0 ? 0 : 97;
    u->memory = 0;
    return OK;
}
static void set_uint(nvmlFieldValue_t *v, unsigned int x) {
    v->value.ullVal = 0xA5A5A5A5A5A5A5A5ULL; /* junk in the bytes a 4-byte member leaves */
    v->valueType = 1;
    v->nvmlReturn = OK;
    v->value.uiVal = x;
}
static __attribute__((unused)) void set_int(nvmlFieldValue_t *v, int x) {
    v->value.ullVal = 0x5A5A5A5A5A5A5A5AULL;
    v->valueType = 5;
    v->nvmlReturn = OK;
    v->value.siVal = x;
}
nvmlReturn_t nvmlDeviceGetFieldValues(nvmlDevice_t d, int count, nvmlFieldValue_t *values) {
    int i = idx(d);
    for (int k = 0; k < count; k++) {
        nvmlFieldValue_t *v = &values[k];
        unsigned int f = v->fieldId;
        v->timestamp = 1;
        v->latencyUsec = 13;
        v->value.ullVal = 0xFFFFFFFFFFFFFFFFULL;
        v->nvmlReturn = NOT_SUPPORTED;
        if (f == 82 && i == 0) {
            set_uint(v, 34);
        } else if (f == 185 || f == 186) { /* POWER_AVERAGE, POWER_INSTANT: scope 0 GPU, 1 module */
            if (v->scopeId == 0) {
                set_uint(v, i == 0 ? (f == 185 ? 93501 : 74043) : (f == 185 ? 1187412 : 1203000));
            }
#ifdef MODULE_POWER
            else if (v->scopeId == 1 && i == 1) {
                set_uint(v, f == 185 ? 1421530 : 1450000); /* Grace + GPU + memory */
            }
#endif
            else if (v->scopeId > 2) {
                v->nvmlReturn = INVALID_ARGUMENT;
            }
        } else if (f >= 193 && f <= 196) {
#ifdef NO_NEW_CALLS
            v->nvmlReturn = INVALID_ARGUMENT; /* field id unknown to this driver */
#else
            set_int(v, tlimit_offsets[i][f - 193]);
#endif
        }
    }
    return OK;
}
nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t d, unsigned long long *mj) {
    energy_calls++;
    energy[idx(d)] += 7436;
    *mj = energy[idx(d)];
    return OK;
}
