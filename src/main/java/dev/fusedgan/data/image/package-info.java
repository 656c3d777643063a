/**
 * Image data for the image GANs: a reader for the IDX files MNIST and Fashion-MNIST ship in, an embedded
 * procedural glyph data set (28x28, no download) with a template classifier that tells which glyph class a
 * generated image resembles, and a PNG grid writer. Images are flat float rows in [-1, 1], the range of a
 * tanh generator; training and networks live elsewhere.
 */
package dev.fusedgan.data.image;
