/**
 * Training data behind the {@link dev.fusedgan.data.DataSource} interface: the 2-D Gaussian mixtures
 * (8-mode ring, 25-mode grid) generated reproducibly from Philox, and their mode-coverage metrics.
 * Image data sets implement the same interface elsewhere; nothing here touches a backend.
 */
package dev.fusedgan.data;
