/**
 * Network building blocks over {@link dev.fusedgan.backend.Backend}: {@link dev.fusedgan.nn.Linear},
 * {@link dev.fusedgan.nn.Mlp} with its preallocated workspaces, {@link dev.fusedgan.nn.Parameter} and the
 * {@link dev.fusedgan.nn.Adam} optimizer. No GAN logic and no data handling here.
 */
package dev.fusedgan.nn;
