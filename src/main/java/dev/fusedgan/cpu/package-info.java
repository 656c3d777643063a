/**
 * The CPU reference engine: plain loops over float arrays, one method per operation, written to be
 * obviously right. Every GPU kernel is tested against it, and it is the engine CI and GPU-less machines
 * run. Parallel loops split only independent rows, and reductions run in a fixed order, so results are
 * bitwise reproducible for any thread count.
 */
package dev.fusedgan.cpu;
