// Simulated device, cuBLAS half: a host-only libcublas.so.13 with the four _v2 entry points the backend binds
// through java.lang.foreign (dev.fusedgan.cuda.Cublas). Built by native/build-simulated-device.sh, linked to the
// simulated driver (driver.cpp), whose "device" memory is host memory. A test double written from the cuBLAS
// documentation, not from the backend: column-major storage, op(A) m x k, op(B) k x n, C m x n,
// C = alpha op(A) op(B) + beta C, with C not read when beta is 0, and CUBLAS_STATUS_INVALID_VALUE for a
// negative size, an unknown operation or a leading dimension below the documented minimum
// (lda >= max(1, transa == N ? m : k), ldb >= max(1, transb == N ? k : n), ldc >= max(1, m)).
// Beyond cuBLAS it also checks that the stream it is given is a live one of the simulated driver, and that every
// operand's extent, as the leading dimension spans it, lies in one
// live device allocation (CUBLAS_STATUS_INVALID_VALUE and a line on stderr: cuBLAS would read past the
// buffer or fault), which is what catches a row-major/column-major mix-up at the call.
// Products are summed in float, in blocks of 16 along k and then the blocks in order: a GEMM kernel's kind of
// order, not the CPU reference's, so the GPU tests' tolerances are exercised rather than met bitwise.
#include <cstdio>
#include <cstdlib>
#include <vector>

extern "C" int fg_sim_is_device_range(unsigned long long address, size_t bytes);
extern "C" int fg_sim_is_stream(void* stream);

namespace {

enum : int { STATUS_SUCCESS = 0, STATUS_NOT_INITIALIZED = 1, STATUS_INVALID_VALUE = 7 };
enum : int { OP_N = 0, OP_T = 1, OP_C = 2 };

struct Handle {
    void* stream = nullptr;
};

int invalid(const char* what) {
    std::fprintf(stderr, "[simulated cuBLAS] CUBLAS_STATUS_INVALID_VALUE: %s\n", what);
    return STATUS_INVALID_VALUE;
}

// The bytes a rows x cols column-major operand with leading dimension ld spans from its first element.
size_t extent(int rows, int cols, int ld) {
    if (rows == 0 || cols == 0) return 0;
    return ((size_t)(cols - 1) * (size_t)ld + (size_t)rows) * sizeof(float);
}

// op(X) as a contiguous column-major rows x cols matrix.
std::vector<float> materialise(const float* x, int op, int rows, int cols, int ld) {
    std::vector<float> out((size_t)rows * cols);
    for (int c = 0; c < cols; c++)
        for (int r = 0; r < rows; r++)
            out[(size_t)c * rows + r] = op == OP_N ? x[(size_t)c * ld + r] : x[(size_t)r * ld + c];
    return out;
}

}  // namespace

#define EXPORT extern "C" __attribute__((visibility("default")))

EXPORT int cublasCreate_v2(void** handle) {
    if (handle == nullptr) return STATUS_INVALID_VALUE;
    *handle = new Handle;
    return STATUS_SUCCESS;
}

EXPORT int cublasDestroy_v2(void* handle) {
    if (handle == nullptr) return STATUS_NOT_INITIALIZED;
    delete static_cast<Handle*>(handle);
    return STATUS_SUCCESS;
}

EXPORT int cublasSetStream_v2(void* handle, void* stream) {
    if (handle == nullptr) return STATUS_NOT_INITIALIZED;
    if (!fg_sim_is_stream(stream)) return invalid("cublasSetStream: not a live stream of the simulated driver");
    static_cast<Handle*>(handle)->stream = stream;
    return STATUS_SUCCESS;
}

EXPORT int cublasSgemm_v2(void* handle, int transa, int transb, int m, int n, int k, const float* alpha,
                          const float* a, int lda, const float* b, int ldb, const float* beta, float* c, int ldc) {
    if (handle == nullptr) return STATUS_NOT_INITIALIZED;
    if (transa < OP_N || transa > OP_C || transb < OP_N || transb > OP_C) return invalid("unknown operation");
    if (m < 0 || n < 0 || k < 0) return invalid("negative m, n or k");
    int a_rows = transa == OP_N ? m : k, a_cols = transa == OP_N ? k : m;
    int b_rows = transb == OP_N ? k : n, b_cols = transb == OP_N ? n : k;
    if (lda < (a_rows > 1 ? a_rows : 1)) return invalid("lda below max(1, transa == N ? m : k)");
    if (ldb < (b_rows > 1 ? b_rows : 1)) return invalid("ldb below max(1, transb == N ? k : n)");
    if (ldc < (m > 1 ? m : 1)) return invalid("ldc below max(1, m)");
    if (alpha == nullptr || beta == nullptr) return invalid("null alpha or beta");
    if (m == 0 || n == 0) return STATUS_SUCCESS;
    char what[160];
    if (k > 0 && !fg_sim_is_device_range((unsigned long long)a, extent(a_rows, a_cols, lda))) {
        std::snprintf(what, sizeof what, "A (%d x %d, lda %d) runs outside its device allocation", a_rows, a_cols, lda);
        return invalid(what);
    }
    if (k > 0 && !fg_sim_is_device_range((unsigned long long)b, extent(b_rows, b_cols, ldb))) {
        std::snprintf(what, sizeof what, "B (%d x %d, ldb %d) runs outside its device allocation", b_rows, b_cols, ldb);
        return invalid(what);
    }
    if (!fg_sim_is_device_range((unsigned long long)c, extent(m, n, ldc))) {
        std::snprintf(what, sizeof what, "C (%d x %d, ldc %d) runs outside its device allocation", m, n, ldc);
        return invalid(what);
    }
    std::vector<float> opa = k > 0 ? materialise(a, transa, m, k, lda) : std::vector<float>();
    std::vector<float> opb = k > 0 ? materialise(b, transb, k, n, ldb) : std::vector<float>();
    std::vector<float> total(m), block(m);
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < m; i++) total[i] = 0;
        for (int p0 = 0; p0 < k; p0 += 16) {
            for (int i = 0; i < m; i++) block[i] = 0;
            for (int p = p0; p < k && p < p0 + 16; p++) {
                float bp = opb[(size_t)j * k + p];
                const float* column = &opa[(size_t)p * m];
                for (int i = 0; i < m; i++) block[i] += column[i] * bp;
            }
            for (int i = 0; i < m; i++) total[i] += block[i];
        }
        float* cj = c + (size_t)j * ldc;
        for (int i = 0; i < m; i++) cj[i] = *beta == 0.0f ? *alpha * total[i] : *alpha * total[i] + *beta * cj[i];
    }
    return STATUS_SUCCESS;
}
