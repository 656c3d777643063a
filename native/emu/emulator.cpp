// Runtime of the kernel emulator: the registry of kernels, the block scheduler and the C ABI the Java tests
// call (dev.fusedgan.cuda.KernelEmulator). See native/README.md, "Kernel emulator".
//
// Execution model. Blocks run one after another. Within a block, each CUDA thread is a fiber (its own stack
// and registers) on the calling OS thread. The block runs in phases: every fiber still running is resumed in
// turn and runs until it calls __syncthreads() or returns. A phase ends when all have done one or the other;
// if all wait at the same __syncthreads() call, the next phase releases them; if some returned while others
// wait, or they wait at different __syncthreads() calls, the launch fails (undefined behaviour in CUDA).
// So no thread passes a barrier before every thread of its block has reached it: a real barrier. Between
// barriers the fibers run one at a time in a chosen order (ascending, descending or shuffled thread index),
// each a valid CUDA schedule; a kernel whose result depends on that order has a race.
//
// Fibers rather than one OS thread per CUDA thread: on two cores a 256-thread std::barrier costs ~0.4 ms per
// phase, and a 1024-block reduction has ~20k phases (~9 s per launch); a fiber switch costs nanoseconds.
#include "registry.hpp"
#include "cuda_emu.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#if !defined(__x86_64__) || defined(FG_EMU_UCONTEXT)
#include <ucontext.h>
#define FG_EMU_USE_UCONTEXT 1
#endif

uint3 threadIdx;
uint3 blockIdx;
dim3 blockDim;
dim3 gridDim;

namespace {

// ---- registry -------------------------------------------------------------------------------------------

struct Kernel {
    std::string name;
    fg_emu::Invoker invoke;
    const char* signature;
};

std::vector<Kernel>& registry() {
    static std::vector<Kernel> kernels;  // built by static initializers at load time, read-only afterwards
    return kernels;
}

const Kernel* find(const char* name) {
    for (const Kernel& k : registry())
        if (k.name == name) return &k;
    return nullptr;
}

// ---- fibers ---------------------------------------------------------------------------------------------

constexpr int kMaxBlock = 1024;  // CUDA's limit on threads per block
constexpr size_t kStackBytes = 128 * 1024;
constexpr size_t kGuardBytes = 4096;  // an unmapped page below each stack turns an overflow into a crash

#ifdef FG_EMU_USE_UCONTEXT
using Context = ucontext_t;
#else
// A saved stack pointer; the callee-saved registers are on the stack below it (see fg_emu_switch).
using Context = void*;
#endif

enum class State { Running, AtBarrier, Done };

struct Fiber {
    Context context;
    char* stack_top;       // highest address of the fiber's stack, 16-byte aligned
    State state;
    void* barrier_site;    // return address of the __syncthreads() call it waits at
};

Context scheduler;             // the OS thread's own context while a fiber runs
Fiber* fibers = nullptr;       // kMaxBlock of them, stacks mapped on first use
int current;                   // index (= threadIdx.x) of the fiber running now
fg_emu::Invoker launch_invoke; // what every fiber of the current block runs
void* const* launch_params;

}  // namespace

#ifndef FG_EMU_USE_UCONTEXT
// Saves the callee-saved registers (System V x86-64 ABI) on the current stack, stores the stack pointer in
// *save, switches to the stack `load` and pops that context's registers; `ret` resumes it. MXCSR and the x87
// control word are callee-saved too, but nothing here changes them.
extern "C" void fg_emu_switch(void** save, void* load);
asm(R"(
    .text
    .p2align 4
    .globl fg_emu_switch
    .hidden fg_emu_switch
    .type fg_emu_switch, @function
fg_emu_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size fg_emu_switch, .-fg_emu_switch
)");
#endif

namespace {

void switch_context(Context& save, Context& load) {
#ifdef FG_EMU_USE_UCONTEXT
    swapcontext(&save, &load);
#else
    fg_emu_switch(&save, load);
#endif
}

// Where every fiber starts: run the kernel as thread `current`, then hand back for good.
[[noreturn]] void fiber_entry() {
    launch_invoke(launch_params);
    Fiber& self = fibers[current];
    self.state = State::Done;
    switch_context(self.context, scheduler);
    __builtin_unreachable();  // a finished fiber is never resumed, only started afresh
}

bool allocate_fibers() {
    if (fibers != nullptr) return true;
    size_t slot = kGuardBytes + kStackBytes;
    void* region = mmap(nullptr, slot * kMaxBlock, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED) return false;
    fibers = new Fiber[kMaxBlock];
    for (int t = 0; t < kMaxBlock; t++) {
        char* base = static_cast<char*>(region) + t * slot;
        mprotect(base, kGuardBytes, PROT_NONE);
        fibers[t].stack_top = base + slot;
    }
    return true;
}

// Makes fiber t start fiber_entry from the top of its stack when next switched to.
void reset_fiber(int t) {
    Fiber& f = fibers[t];
    f.state = State::Running;
    f.barrier_site = nullptr;
#ifdef FG_EMU_USE_UCONTEXT
    getcontext(&f.context);
    f.context.uc_stack.ss_sp = f.stack_top - kStackBytes;
    f.context.uc_stack.ss_size = kStackBytes;
    f.context.uc_link = nullptr;
    makecontext(&f.context, fiber_entry, 0);
#else
    // The frame fg_emu_switch pops: six zeroed registers, then fiber_entry as the return address, placed so
    // that fiber_entry starts with the stack aligned as after a call (rsp + 8 a multiple of 16).
    void** sp = reinterpret_cast<void**>(f.stack_top - 16);
    *sp = reinterpret_cast<void*>(&fiber_entry);
    for (int r = 0; r < 6; r++) *--sp = nullptr;
    f.context = sp;
#endif
}

// ---- scheduling -----------------------------------------------------------------------------------------

std::string last_error;

// The order fibers run in within each phase (and blocks within the grid): 0 ascending, 1 descending, any
// other value seeds a fresh shuffle for every phase.
struct Order {
    uint64_t state;
    int mode;

    explicit Order(int schedule) : state(0x9E3779B97F4A7C15ull ^ (uint64_t)(unsigned)schedule), mode(schedule) {}

    void arrange(std::vector<int>& items) {
        std::sort(items.begin(), items.end());
        if (mode == 1) {
            std::reverse(items.begin(), items.end());
        } else if (mode != 0) {
            for (size_t i = items.size(); i > 1; i--) std::swap(items[i - 1], items[next() % i]);
        }
    }

    uint64_t next() {  // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1Dull;
    }
};

// Runs one block to completion; false (with last_error set) if its threads did not meet at the same barriers.
bool run_block(int block, Order& order) {
    std::vector<int> running(block);
    for (int t = 0; t < block; t++) {
        running[t] = t;
        reset_fiber(t);
    }
    for (long phase = 0;; phase++) {
        order.arrange(running);
        for (int t : running) {
            current = t;
            threadIdx = {(unsigned)t, 0, 0};
            switch_context(scheduler, fibers[t].context);
        }
        int done = 0;
        void* site = nullptr;
        bool same_site = true;
        for (int t : running) {
            if (fibers[t].state == State::Done) {
                done++;
            } else {
                if (site == nullptr) site = fibers[t].barrier_site;
                same_site = same_site && fibers[t].barrier_site == site;
                fibers[t].state = State::Running;
            }
        }
        if (done == (int)running.size()) return true;
        if (done > 0 || !same_site) {
            char message[200];
            std::snprintf(message, sizeof message,
                          "block %u, barrier phase %ld: %d of %d threads %s (__syncthreads must be reached by every "
                          "thread of the block, at the same call)",
                          blockIdx.x, phase, done > 0 ? done : (int)running.size(), (int)running.size(),
                          done > 0 ? "returned while the others wait at __syncthreads" : "wait at different __syncthreads calls");
            last_error = message;
            return false;
        }
    }
}

std::mutex launch_mutex;  // one launch at a time: the coordinates, fibers and __shared__ arrays are global

// The first misaligned 16-byte access of the current launch (null: none), with the thread that made it.
const void* misaligned_address = nullptr;
unsigned misaligned_block = 0, misaligned_thread = 0;

}  // namespace

void fg_emu::register_kernel(const char* name, Invoker invoke, const char* signature) {
    registry().push_back({name, invoke, signature});
}

void fg_emu_misaligned(const void* address) {
    if (misaligned_address != nullptr) return;
    misaligned_address = address;
    misaligned_block = blockIdx.x;
    misaligned_thread = threadIdx.x;
}

void __syncthreads() {
    Fiber& self = fibers[current];
    self.state = State::AtBarrier;
    self.barrier_site = __builtin_return_address(0);
    switch_context(self.context, scheduler);
}

// ---- C ABI ----------------------------------------------------------------------------------------------

extern "C" {

enum {
    FG_EMU_OK = 0,
    FG_EMU_UNKNOWN_KERNEL = 1,
    FG_EMU_BAD_GEOMETRY = 2,
    FG_EMU_BARRIER_DIVERGENCE = 3,
    FG_EMU_NO_MEMORY = 4,
    FG_EMU_MISALIGNED = 5,
};

// Runs kernel `name` on a grid of `grid` x 1 x 1 blocks of `block` x 1 x 1 threads, with cuLaunchKernel's
// argument convention: params[i] points at the value of the kernel's i-th parameter. schedule: see Order.
// Returns FG_EMU_OK, or an error code with fg_emu_last_error() saying what went wrong.
__attribute__((visibility("default"))) int fg_emu_launch_scheduled(const char* name, int grid, int block, void** params,
                                                                   int schedule) {
    std::lock_guard<std::mutex> lock(launch_mutex);
    const Kernel* kernel = find(name);
    if (kernel == nullptr) {
        last_error = std::string("no kernel named '") + name + "' is registered";
        return FG_EMU_UNKNOWN_KERNEL;
    }
    if (grid < 1 || block < 1 || block > kMaxBlock) {
        last_error = "invalid launch geometry: grid " + std::to_string(grid) + ", block " + std::to_string(block);
        return FG_EMU_BAD_GEOMETRY;
    }
    if (!allocate_fibers()) {
        last_error = "could not map the fiber stacks";
        return FG_EMU_NO_MEMORY;
    }
    launch_invoke = kernel->invoke;
    launch_params = params;
    gridDim = {(unsigned)grid, 1, 1};
    blockDim = {(unsigned)block, 1, 1};
    Order order(schedule);
    std::vector<int> blocks(grid);
    for (int b = 0; b < grid; b++) blocks[b] = b;
    order.arrange(blocks);
    misaligned_address = nullptr;
    for (int b : blocks) {
        blockIdx = {(unsigned)b, 0, 0};
        if (!run_block(block, order)) return FG_EMU_BARRIER_DIVERGENCE;
    }
    if (misaligned_address != nullptr) {
        char message[200];
        std::snprintf(message, sizeof message,
                      "misaligned 16-byte access at %p by block %u, thread %u (a GPU faults: CUDA_ERROR_MISALIGNED_ADDRESS)",
                      misaligned_address, misaligned_block, misaligned_thread);
        last_error = message;
        return FG_EMU_MISALIGNED;
    }
    last_error.clear();
    return FG_EMU_OK;
}

// fg_emu_launch_scheduled in ascending thread and block order.
__attribute__((visibility("default"))) int fg_emu_launch(const char* name, int grid, int block, void** params) {
    return fg_emu_launch_scheduled(name, grid, block, params, 0);
}

// What the last failed launch reported ("" after a successful one).
__attribute__((visibility("default"))) const char* fg_emu_last_error() { return last_error.c_str(); }

// The registered kernel names, comma-separated.
__attribute__((visibility("default"))) const char* fg_emu_kernel_names() {
    static const std::string names = [] {
        std::string s;
        for (const Kernel& k : registry()) s += (s.empty() ? "" : ",") + k.name;
        return s;
    }();
    return names.c_str();
}

// The kernel's parameter types, one letter each (registry.hpp ParamCode: i int, f float, d double,
// u unsigned long long, p pointer), or null for an unknown name.
__attribute__((visibility("default"))) const char* fg_emu_kernel_signature(const char* name) {
    const Kernel* kernel = find(name);
    return kernel == nullptr ? nullptr : kernel->signature;
}

}  // extern "C"
