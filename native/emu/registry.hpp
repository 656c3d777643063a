// Registration of emulated kernels, for the per-file translation units (loss_emu.cpp, ...). Each one includes
// its kernel file and then names every kernel in it with FG_EMU_REGISTER(kernel). How the launch parameters
// are unpacked (how many, which types) comes from the kernel's own function type, so the registration
// cannot disagree with the kernel's signature.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace fg_emu {

// Calls the kernel with params[i] pointing at the i-th argument's value (cuLaunchKernel's convention).
using Invoker = void (*)(void* const* params);

// Adds a kernel to the registry (emulator.cpp). signature: one ParamCode letter per parameter.
void register_kernel(const char* name, Invoker invoke, const char* signature);

// One letter per kernel parameter type, for the host to check its arguments against. The primary template is
// left undefined so that a parameter type not listed here fails to compile instead of being guessed at.
template <typename T> struct ParamCode;
template <> struct ParamCode<int> { static constexpr char value = 'i'; };
template <> struct ParamCode<float> { static constexpr char value = 'f'; };
template <> struct ParamCode<double> { static constexpr char value = 'd'; };
template <> struct ParamCode<unsigned long long> { static constexpr char value = 'u'; };
template <typename T> struct ParamCode<T*> { static constexpr char value = 'p'; };

template <auto Kernel> struct Entry;

// Matches a kernel `void k(Args...)` and deduces Args from its type.
template <typename... Args, void (*Kernel)(Args...)>
struct Entry<Kernel> {
    static void invoke(void* const* params) { call(params, std::index_sequence_for<Args...>{}); }

    template <std::size_t... I>
    static void call(void* const* params, std::index_sequence<I...>) {
        Kernel(*static_cast<std::remove_cv_t<Args>*>(params[I])...);
    }

    static constexpr char signature[] = {ParamCode<std::remove_cv_t<Args>>::value..., '\0'};
};

}  // namespace fg_emu

// At namespace scope in the kernel's translation unit: registers it when the library is loaded.
#define FG_EMU_REGISTER(kernel)                                                                          \
    static const bool fg_emu_registered_##kernel =                                                       \
        (fg_emu::register_kernel(#kernel, &fg_emu::Entry<&kernel>::invoke, fg_emu::Entry<&kernel>::signature), \
         true);
