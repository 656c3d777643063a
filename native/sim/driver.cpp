// Simulated device, driver half: a host-only libcuda.so.1 exporting the CUDA driver API entry points that JCuda
// calls for CudaBackend, so the whole GPU backend (JCuda's JNI library, the launches, the buffers, the cuBLAS
// binding) runs on a machine without a GPU. Kernels run in the kernel emulator (native/emu, the real
// kernels/*.cu compiled by g++). Built by native/build-simulated-device.sh; see native/README.md, "Simulated
// device". It is a test double, never GPU verification: nothing here says anything about nvcc's code, the GPU,
// concurrency or speed.
//
// What it checks that a GPU would also refuse, each as the CUresult a GPU returns plus a line on stderr:
//   - every copy, memset and cuBLAS operand lies inside one live allocation (CUDA_ERROR_INVALID_VALUE), and every
//     pointer argument of a launch points into one (CUDA_ERROR_ILLEGAL_ADDRESS); the memory behind an
//     allocation's end (up to its 256-byte rounding) is an unmapped page, as is the page before it and the whole
//     allocation after cuMemFree, so a kernel that runs past the end of a buffer or uses freed memory crashes
//     the process (a GPU reports CUDA_ERROR_ILLEGAL_ADDRESS);
//   - new allocations hold NaN bytes (0xFF), not zeros, as a GPU holds whatever was there before;
//   - a launch is 1-D with at most 1024 threads per block and no dynamic shared memory (what kernels/ uses);
//     its function comes from a loaded module whose image (a fatbin: magic 0xBA55ED50) contains the kernel's
//     name as a symbol, and the emulator knows the kernel;
//   - the calling thread has the primary context current and retained (CUDA_ERROR_INVALID_CONTEXT), so an entry
//     point that forgets CudaContext.makeCurrent() on a new thread fails as on a GPU;
//   - handles (modules, functions, streams, events) are live ones (CUDA_ERROR_INVALID_HANDLE);
//   - a kernel fault (misaligned float4, diverged barrier) is sticky: every later call returns it, as on a GPU.
// Streams are synchronous (an operation is done when its call returns) and events read the host's clock.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

extern "C" {
// The kernel emulator's C ABI (native/emu/emulator.cpp).
int fg_emu_launch_scheduled(const char* name, int grid, int block, void** params, int schedule);
const char* fg_emu_last_error();
const char* fg_emu_kernel_signature(const char* name);
}

namespace {

// CUresult values from cuda.h.
enum : int {
    CUDA_SUCCESS = 0,
    CUDA_ERROR_INVALID_VALUE = 1,
    CUDA_ERROR_OUT_OF_MEMORY = 2,
    CUDA_ERROR_NOT_INITIALIZED = 3,
    CUDA_ERROR_INVALID_DEVICE = 101,
    CUDA_ERROR_INVALID_IMAGE = 200,
    CUDA_ERROR_INVALID_CONTEXT = 201,
    CUDA_ERROR_INVALID_HANDLE = 400,
    CUDA_ERROR_NOT_FOUND = 500,
    CUDA_ERROR_ILLEGAL_ADDRESS = 700,
    CUDA_ERROR_MISALIGNED_ADDRESS = 716,
    CUDA_ERROR_LAUNCH_FAILED = 719,
    CUDA_ERROR_NOT_SUPPORTED = 801,
};

// CUdevice_attribute values from cuda.h for the attributes the backend reads.
enum : int {
    ATTR_MULTIPROCESSOR_COUNT = 16,
    ATTR_COMPUTE_CAPABILITY_MAJOR = 75,
    ATTR_COMPUTE_CAPABILITY_MINOR = 76,
};

// The simulated device: small, so one-wave grids (multiprocessors x blocks per SM) stay a few blocks.
constexpr int kMultiprocessors = 2;
constexpr int kBlocksPerMultiprocessor = 2;
constexpr unsigned long long kTotalMemory = 8ull << 30;
constexpr const char* kDeviceName = "fusedgan simulated device (kernel emulator on the host, not a GPU)";
constexpr size_t kAlignment = 256;  // cuMemAlloc's alignment
constexpr uint32_t kFatbinMagic = 0xBA55ED50u;

struct Module;
struct Function {
    std::string name;
    Module* module;
};
struct Module {
    std::vector<unsigned char> image;
    std::vector<std::unique_ptr<Function>> functions;
};
struct Stream {};
struct Event {
    bool recorded = false;
    std::chrono::steady_clock::time_point at;
};
struct Context {
    int retained = 0;
};
struct Allocation {
    size_t bytes;     // as asked
    void* mapping;    // the whole mapping: guard page, slack, data, guard page
    size_t mapped;
};

std::recursive_mutex mutex;  // one API call at a time: the tables below and the emulator are shared
bool initialised = false;
int sticky = CUDA_SUCCESS;   // a kernel fault, returned by every later call
Context primary;
thread_local Context* current = nullptr;
std::map<uintptr_t, Allocation> allocations;  // by start address
size_t live_bytes = 0;
long launches = 0;
std::set<Module*> modules;
std::set<Function*> functions;
std::set<Stream*> streams;
std::set<Event*> events;

int fail(int code, const char* format, ...) {
    char message[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(message, sizeof message, format, args);
    va_end(args);
    std::fprintf(stderr, "[simulated device] error %d: %s\n", code, message);
    return code;
}

// The checks every call after cuInit starts with: initialised, no sticky fault, a context current here.
int enter(const char* call) {
    if (!initialised) return fail(CUDA_ERROR_NOT_INITIALIZED, "%s before cuInit", call);
    if (sticky != CUDA_SUCCESS) return sticky;
    if (current == nullptr || current->retained == 0)
        return fail(CUDA_ERROR_INVALID_CONTEXT, "%s: no retained context is current on this thread", call);
    return CUDA_SUCCESS;
}

// The allocation holding [address, address + bytes), or null.
const Allocation* containing(uintptr_t address, size_t bytes) {
    auto it = allocations.upper_bound(address);
    if (it == allocations.begin()) return nullptr;
    --it;
    uintptr_t start = it->first;
    if (address < start || bytes > it->second.bytes || address - start > it->second.bytes - bytes) return nullptr;
    return &it->second;
}

int check_range(const char* call, const char* operand, uintptr_t address, size_t bytes) {
    if (bytes == 0 || containing(address, bytes) != nullptr) return CUDA_SUCCESS;
    return fail(CUDA_ERROR_INVALID_VALUE, "%s: %s [0x%llx, +%zu bytes) is not inside one live allocation", call,
                operand, (unsigned long long)address, bytes);
}

bool live_stream(void* s) { return s == nullptr || streams.count(static_cast<Stream*>(s)) != 0; }

bool contains_symbol(const std::vector<unsigned char>& image, const std::string& name) {
    std::string needle(1, '\0');
    needle += name;
    needle += '\0';
    return std::search(image.begin(), image.end(), needle.begin(), needle.end()) != image.end();
}

int schedule() {
    const char* s = std::getenv("FUSEDGAN_SIM_SCHEDULE");
    return s == nullptr ? 2 : std::atoi(s);  // default: threads shuffled between barriers (emulator Order)
}

}  // namespace

#define EXPORT extern "C" __attribute__((visibility("default")))
#define ENTER(call)                          \
    std::lock_guard<std::recursive_mutex> lock(mutex); \
    if (int rc = enter(call)) return rc

using CUresult = int;
using CUdeviceptr = unsigned long long;

// ---- initialisation, device, context ---------------------------------------------------------------------

EXPORT CUresult cuInit(unsigned int flags) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    if (flags != 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuInit: flags must be 0");
    initialised = true;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDriverGetVersion(int* version) {
    if (version == nullptr) return CUDA_ERROR_INVALID_VALUE;
    *version = 13000;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGetCount(int* count) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (count == nullptr) return CUDA_ERROR_INVALID_VALUE;
    *count = 1;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGet(int* device, int ordinal) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (device == nullptr) return CUDA_ERROR_INVALID_VALUE;
    if (ordinal != 0) return fail(CUDA_ERROR_INVALID_DEVICE, "cuDeviceGet: no device %d", ordinal);
    *device = 0;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGetName(char* name, int length, int device) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (name == nullptr || length <= 0) return CUDA_ERROR_INVALID_VALUE;
    std::snprintf(name, (size_t)length, "%s", kDeviceName);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDeviceGetAttribute(int* value, int attribute, int device) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (value == nullptr) return CUDA_ERROR_INVALID_VALUE;
    switch (attribute) {
        case ATTR_MULTIPROCESSOR_COUNT: *value = kMultiprocessors; return CUDA_SUCCESS;
        case ATTR_COMPUTE_CAPABILITY_MAJOR: *value = 9; return CUDA_SUCCESS;
        case ATTR_COMPUTE_CAPABILITY_MINOR: *value = 0; return CUDA_SUCCESS;
        default: return fail(CUDA_ERROR_NOT_SUPPORTED, "cuDeviceGetAttribute: attribute %d is not simulated", attribute);
    }
}

EXPORT CUresult cuDeviceTotalMem_v2(size_t* bytes, int device) {
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (bytes == nullptr) return CUDA_ERROR_INVALID_VALUE;
    *bytes = kTotalMemory;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDevicePrimaryCtxRetain(void** context, int device) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (context == nullptr) return CUDA_ERROR_INVALID_VALUE;
    primary.retained++;
    *context = &primary;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuDevicePrimaryCtxRelease_v2(int device) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
    if (primary.retained == 0) return fail(CUDA_ERROR_INVALID_CONTEXT, "cuDevicePrimaryCtxRelease: not retained");
    primary.retained--;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuCtxSetCurrent(void* context) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
    if (context != nullptr && context != &primary) return fail(CUDA_ERROR_INVALID_CONTEXT, "cuCtxSetCurrent: unknown context");
    current = static_cast<Context*>(context);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuCtxGetCurrent(void** context) {
    if (context == nullptr) return CUDA_ERROR_INVALID_VALUE;
    *context = current;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuCtxSynchronize() {
    ENTER("cuCtxSynchronize");
    return CUDA_SUCCESS;
}

// ---- memory ----------------------------------------------------------------------------------------------

EXPORT CUresult cuMemAlloc_v2(CUdeviceptr* pointer, size_t bytes) {
    ENTER("cuMemAlloc");
    if (pointer == nullptr || bytes == 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemAlloc: null result or 0 bytes");
    if (live_bytes + bytes > kTotalMemory)
        return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc: %zu bytes would exceed the simulated %llu", bytes, kTotalMemory);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
    size_t data_pages = (rounded + page - 1) / page * page;
    size_t mapped = data_pages + 2 * page;
    void* mapping = mmap(nullptr, mapped, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc: mmap of %zu bytes failed", mapped);
    char* data_end = static_cast<char*>(mapping) + page + data_pages;  // the guard page after starts here
    if (mprotect(static_cast<char*>(mapping) + page, data_pages, PROT_READ | PROT_WRITE) != 0) {
        munmap(mapping, mapped);
        return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc: mprotect failed");
    }
    char* data = data_end - rounded;  // 256-byte aligned, since data_end is page aligned
    std::memset(data, 0xFF, rounded);
    allocations[(uintptr_t)data] = {bytes, mapping, mapped};
    live_bytes += bytes;
    *pointer = (CUdeviceptr)(uintptr_t)data;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemFree_v2(CUdeviceptr pointer) {
    ENTER("cuMemFree");
    auto it = allocations.find((uintptr_t)pointer);
    if (it == allocations.end())
        return fail(CUDA_ERROR_INVALID_VALUE, "cuMemFree: 0x%llx is not the start of a live allocation", pointer);
    munmap(it->second.mapping, it->second.mapped);  // any later use of it now faults
    live_bytes -= it->second.bytes;
    allocations.erase(it);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    ENTER("cuMemGetInfo");
    if (free == nullptr || total == nullptr) return CUDA_ERROR_INVALID_VALUE;
    *total = kTotalMemory;
    *free = kTotalMemory - live_bytes;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemcpyHtoD_v2(CUdeviceptr to, const void* from, size_t bytes) {
    ENTER("cuMemcpyHtoD");
    if (int rc = check_range("cuMemcpyHtoD", "destination", to, bytes)) return rc;
    if (bytes != 0) std::memcpy((void*)(uintptr_t)to, from, bytes);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemcpyDtoH_v2(void* to, CUdeviceptr from, size_t bytes) {
    ENTER("cuMemcpyDtoH");
    if (int rc = check_range("cuMemcpyDtoH", "source", from, bytes)) return rc;
    if (bytes != 0) std::memcpy(to, (const void*)(uintptr_t)from, bytes);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr to, const void* from, size_t bytes, void* stream) {
    if (!live_stream(stream)) return fail(CUDA_ERROR_INVALID_HANDLE, "cuMemcpyHtoDAsync: unknown stream");
    return cuMemcpyHtoD_v2(to, from, bytes);
}

EXPORT CUresult cuMemcpyDtoHAsync_v2(void* to, CUdeviceptr from, size_t bytes, void* stream) {
    if (!live_stream(stream)) return fail(CUDA_ERROR_INVALID_HANDLE, "cuMemcpyDtoHAsync: unknown stream");
    return cuMemcpyDtoH_v2(to, from, bytes);
}

EXPORT CUresult cuMemcpyDtoD_v2(CUdeviceptr to, CUdeviceptr from, size_t bytes) {
    ENTER("cuMemcpyDtoD");
    if (int rc = check_range("cuMemcpyDtoD", "destination", to, bytes)) return rc;
    if (int rc = check_range("cuMemcpyDtoD", "source", from, bytes)) return rc;
    if (bytes != 0) std::memmove((void*)(uintptr_t)to, (const void*)(uintptr_t)from, bytes);
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr to, CUdeviceptr from, size_t bytes, void* stream) {
    if (!live_stream(stream)) return fail(CUDA_ERROR_INVALID_HANDLE, "cuMemcpyDtoDAsync: unknown stream");
    return cuMemcpyDtoD_v2(to, from, bytes);
}

EXPORT CUresult cuMemsetD32_v2(CUdeviceptr to, unsigned int value, size_t count) {
    ENTER("cuMemsetD32");
    if (to % 4 != 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemsetD32: 0x%llx is not 4-byte aligned", to);
    if (int rc = check_range("cuMemsetD32", "destination", to, count * 4)) return rc;
    uint32_t* words = (uint32_t*)(uintptr_t)to;
    for (size_t i = 0; i < count; i++) words[i] = value;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuMemsetD32Async(CUdeviceptr to, unsigned int value, size_t count, void* stream) {
    if (!live_stream(stream)) return fail(CUDA_ERROR_INVALID_HANDLE, "cuMemsetD32Async: unknown stream");
    return cuMemsetD32_v2(to, value, count);
}

// ---- modules and launches --------------------------------------------------------------------------------

EXPORT CUresult cuModuleLoadData(void** module, const void* image) {
    ENTER("cuModuleLoadData");
    if (module == nullptr || image == nullptr) return CUDA_ERROR_INVALID_VALUE;
    uint32_t magic;
    uint16_t header;
    uint64_t body;
    std::memcpy(&magic, image, 4);
    if (magic != kFatbinMagic)
        return fail(CUDA_ERROR_INVALID_IMAGE, "cuModuleLoadData: not a fatbin (magic 0x%08x); the simulated device loads fatbins only", magic);
    std::memcpy(&header, static_cast<const char*>(image) + 6, 2);
    std::memcpy(&body, static_cast<const char*>(image) + 8, 8);
    auto* m = new Module;
    const auto* bytes = static_cast<const unsigned char*>(image);
    m->image.assign(bytes, bytes + header + body);
    modules.insert(m);
    *module = m;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuModuleUnload(void* module) {
    ENTER("cuModuleUnload");
    auto* m = static_cast<Module*>(module);
    if (modules.erase(m) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, "cuModuleUnload: unknown module");
    for (auto& f : m->functions) functions.erase(f.get());
    delete m;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuModuleGetFunction(void** function, void* module, const char* name) {
    ENTER("cuModuleGetFunction");
    auto* m = static_cast<Module*>(module);
    if (function == nullptr || name == nullptr) return CUDA_ERROR_INVALID_VALUE;
    if (modules.count(m) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, "cuModuleGetFunction(%s): unknown module", name);
    if (!contains_symbol(m->image, name))
        return fail(CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction: the module's fatbin has no symbol %s", name);
    if (fg_emu_kernel_signature(name) == nullptr)
        return fail(CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction: the kernel emulator has no kernel %s", name);
    m->functions.push_back(std::unique_ptr<Function>(new Function{name, m}));
    functions.insert(m->functions.back().get());
    *function = m->functions.back().get();
    return CUDA_SUCCESS;
}

EXPORT CUresult cuOccupancyMaxActiveBlocksPerMultiprocessor(int* blocks, void* function, int block_size, size_t dynamic_shared) {
    ENTER("cuOccupancyMaxActiveBlocksPerMultiprocessor");
    if (blocks == nullptr || block_size <= 0 || block_size > 1024) return CUDA_ERROR_INVALID_VALUE;
    if (functions.count(static_cast<Function*>(function)) == 0) return CUDA_ERROR_INVALID_HANDLE;
    (void)dynamic_shared;
    *blocks = kBlocksPerMultiprocessor;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuLaunchKernel(void* function, unsigned grid_x, unsigned grid_y, unsigned grid_z, unsigned block_x,
                               unsigned block_y, unsigned block_z, unsigned shared_bytes, void* stream, void** params,
                               void** extra) {
    ENTER("cuLaunchKernel");
    auto* f = static_cast<Function*>(function);
    if (functions.count(f) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, "cuLaunchKernel: unknown function");
    const char* name = f->name.c_str();
    if (!live_stream(stream)) return fail(CUDA_ERROR_INVALID_HANDLE, "cuLaunchKernel(%s): unknown stream", name);
    if (grid_y != 1 || grid_z != 1 || block_y != 1 || block_z != 1 || shared_bytes != 0 || extra != nullptr)
        return fail(CUDA_ERROR_NOT_SUPPORTED, "cuLaunchKernel(%s): the simulated device runs 1-D launches without "
                    "dynamic shared memory or extra", name);
    if (grid_x == 0 || block_x == 0 || block_x > 1024 || grid_x > 0x7fffffffu)
        return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel(%s): grid %u, block %u", name, grid_x, block_x);
    const char* signature = fg_emu_kernel_signature(name);
    size_t arity = std::strlen(signature);
    if (arity > 0 && params == nullptr) return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel(%s): no parameters", name);
    for (size_t i = 0; i < arity; i++) {
        if (signature[i] != 'p') continue;
        uintptr_t address;
        std::memcpy(&address, params[i], sizeof address);
        if (address != 0 && containing(address, 1) == nullptr)
            return sticky = fail(CUDA_ERROR_ILLEGAL_ADDRESS, "cuLaunchKernel(%s): pointer argument %zu (0x%llx) is not "
                                 "inside a live allocation", name, i, (unsigned long long)address);
    }
    launches++;
    int status = fg_emu_launch_scheduled(name, (int)grid_x, (int)block_x, params, schedule());
    if (status == 0) return CUDA_SUCCESS;
    int code = status == 5 ? CUDA_ERROR_MISALIGNED_ADDRESS : CUDA_ERROR_LAUNCH_FAILED;
    return sticky = fail(code, "kernel %s (grid %u, block %u) faulted: %s", name, grid_x, block_x, fg_emu_last_error());
}

// ---- streams and events ----------------------------------------------------------------------------------

namespace {

// A new handle of kind T, kept in `live` until destroy_handle.
template <typename T>
CUresult create_handle(std::set<T*>& live, void** handle) {
    if (handle == nullptr) return CUDA_ERROR_INVALID_VALUE;
    T* h = new T;
    live.insert(h);
    *handle = h;
    return CUDA_SUCCESS;
}

template <typename T>
CUresult destroy_handle(std::set<T*>& live, void* handle, const char* call) {
    T* h = static_cast<T*>(handle);
    if (live.erase(h) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, "%s: unknown handle", call);
    delete h;
    return CUDA_SUCCESS;
}

}  // namespace

EXPORT CUresult cuStreamCreate(void** stream, unsigned int flags) {
    ENTER("cuStreamCreate");
    if (flags > 1) return CUDA_ERROR_INVALID_VALUE;
    return create_handle(streams, stream);
}

EXPORT CUresult cuStreamDestroy_v2(void* stream) {
    ENTER("cuStreamDestroy");
    return destroy_handle(streams, stream, "cuStreamDestroy");
}

EXPORT CUresult cuStreamSynchronize(void* stream) {
    ENTER("cuStreamSynchronize");
    if (!live_stream(stream)) return fail(CUDA_ERROR_INVALID_HANDLE, "cuStreamSynchronize: unknown stream");
    return CUDA_SUCCESS;
}

EXPORT CUresult cuStreamQuery(void* stream) { return cuStreamSynchronize(stream); }

EXPORT CUresult cuEventCreate(void** event, unsigned int flags) {
    ENTER("cuEventCreate");
    (void)flags;
    return create_handle(events, event);
}

EXPORT CUresult cuEventDestroy_v2(void* event) {
    ENTER("cuEventDestroy");
    return destroy_handle(events, event, "cuEventDestroy");
}

EXPORT CUresult cuEventRecord(void* event, void* stream) {
    ENTER("cuEventRecord");
    auto* e = static_cast<Event*>(event);
    if (events.count(e) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, "cuEventRecord: unknown event");
    if (!live_stream(stream)) return fail(CUDA_ERROR_INVALID_HANDLE, "cuEventRecord: unknown stream");
    e->recorded = true;
    e->at = std::chrono::steady_clock::now();
    return CUDA_SUCCESS;
}

EXPORT CUresult cuEventSynchronize(void* event) {
    ENTER("cuEventSynchronize");
    if (events.count(static_cast<Event*>(event)) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, "cuEventSynchronize: unknown event");
    return CUDA_SUCCESS;
}

EXPORT CUresult cuEventElapsedTime(float* ms, void* start, void* stop) {
    ENTER("cuEventElapsedTime");
    auto* a = static_cast<Event*>(start);
    auto* b = static_cast<Event*>(stop);
    if (ms == nullptr) return CUDA_ERROR_INVALID_VALUE;
    if (events.count(a) == 0 || events.count(b) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, "cuEventElapsedTime: unknown event");
    if (!a->recorded || !b->recorded) return fail(CUDA_ERROR_INVALID_HANDLE, "cuEventElapsedTime: an event was never recorded");
    *ms = std::chrono::duration<float, std::milli>(b->at - a->at).count();
    return CUDA_SUCCESS;
}

// ---- errors ----------------------------------------------------------------------------------------------

EXPORT CUresult cuGetErrorName(int error, const char** name) {
    if (name == nullptr) return CUDA_ERROR_INVALID_VALUE;
    *name = "CUDA_ERROR (simulated device)";
    (void)error;
    return CUDA_SUCCESS;
}

EXPORT CUresult cuGetErrorString(int error, const char** text) { return cuGetErrorName(error, text); }

// ---- for tests: what is live now -------------------------------------------------------------------------

// Live allocations, their bytes, and the modules, streams and events not yet destroyed; kernels launched.
EXPORT void fg_sim_counts(long long* out) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    out[0] = (long long)allocations.size();
    out[1] = (long long)live_bytes;
    out[2] = (long long)modules.size();
    out[3] = (long long)streams.size();
    out[4] = (long long)events.size();
    out[5] = launches;
}

// True when `stream` is a live stream of this driver, or the null stream (the cuBLAS double's cublasSetStream check:
// the backend hands cuBLAS the raw handle it reads out of JCuda's CUstream).
EXPORT int fg_sim_is_stream(void* stream) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    return live_stream(stream);
}

// True when [address, address + bytes) lies inside one live allocation (the cuBLAS double's operand check).
EXPORT int fg_sim_is_device_range(unsigned long long address, size_t bytes) {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    return bytes == 0 || containing((uintptr_t)address, bytes) != nullptr;
}
